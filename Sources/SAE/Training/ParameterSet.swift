import Foundation
import Tensors

/// The trainer's parameters, gradients and Adam moments in raw buffers with stable addresses.
/// Index order everywhere: encoder weight [F, D], decoder weight [F, D], pre-encoder bias [D],
/// encoder bias [F] — the order of `SAEParameters.named`.
final class ParameterSet {
    static let encoderWeight = 0, decoderWeight = 1, preEncoderBias = 2, encoderBias = 3

    let values: [Buffer<Float>]
    let gradients: [Buffer<Float>]
    let firstMoments: [Buffer<Float>]
    let secondMoments: [Buffer<Float>]

    /// Copies the parameters and moments into buffers; gradients start at zero.
    init(_ parameters: SAEParameters, firstMoments: SAEParameters, secondMoments: SAEParameters) {
        values = Self.buffers(parameters)
        gradients = values.map { Buffer(zeros: $0.count) }
        self.firstMoments = Self.buffers(firstMoments)
        self.secondMoments = Self.buffers(secondMoments)
    }

    private static func buffers(_ parameters: SAEParameters) -> [Buffer<Float>] {
        parameters.named.map { entry in entry.tensor.withUnsafeBufferPointer { Buffer($0, placeholder: 0) } }
    }

    /// Tensors holding copies of `buffers`, shaped as in `configuration`.
    static func tensors(_ buffers: [Buffer<Float>], _ configuration: SAEConfiguration) -> SAEParameters {
        let shapes = SAEParameters(zerosFor: configuration).named.map(\.tensor.shape)
        let tensors = zip(buffers, shapes).map { buffer, shape in
            Tensor(shape: shape) { $0.baseAddress!.update(from: buffer.pointer, count: buffer.count) }
        }
        return SAEParameters(encoderWeight: tensors[0], decoderWeight: tensors[1], preEncoderBias: tensors[2], encoderBias: tensors[3])
    }

    var encoderWeight: UnsafeMutablePointer<Float> { values[Self.encoderWeight].pointer }
    var decoderWeight: UnsafeMutablePointer<Float> { values[Self.decoderWeight].pointer }
    var preEncoderBias: UnsafeMutablePointer<Float> { values[Self.preEncoderBias].pointer }
    var encoderBias: UnsafeMutablePointer<Float> { values[Self.encoderBias].pointer }

    /// Whether the encoder bias has a non-zero element.
    var hasEncoderBias: Bool { UnsafeBufferPointer(values[Self.encoderBias].buffer).contains { $0 != 0 } }
}
