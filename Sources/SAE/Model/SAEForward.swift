import Foundation
import Tensors

/// Buffers and the inference pass of an SAE over up to `capacity` rows: standardise, encode,
/// top-k, ReLU and, when asked, decode and map back to the raw scale. Shared by `encode`,
/// `reconstruct`, evaluation and the analyses (no dead-latent masking: that is training only).
///
/// Shapes: input, standardized, centred, decoded, reconstruction [N, D]; mean, std [N];
/// preActivations [N, F]; codes [N, K].
final class SAEForward {
    let capacity: Int, width: Int, latents: Int, k: Int
    let input, standardized, centred, decoded, reconstruction: Buffer<Float>
    let mean, std: Buffer<Float>
    let preActivations: Buffer<Float>
    let codeIndices: Buffer<Int32>, codeValues, codePreValues: Buffer<Float>

    init(capacity: Int, configuration: SAEConfiguration) {
        self.capacity = capacity
        width = configuration.inputWidth
        latents = configuration.latentCount
        k = configuration.k
        let matrix = capacity * width
        input = Buffer(zeros: matrix); standardized = Buffer(zeros: matrix); centred = Buffer(zeros: matrix)
        decoded = Buffer(zeros: matrix); reconstruction = Buffer(zeros: matrix)
        mean = Buffer(zeros: capacity); std = Buffer(zeros: capacity)
        preActivations = Buffer(zeros: capacity * latents)
        codeIndices = Buffer(repeating: 0, count: capacity * k)
        codeValues = Buffer(zeros: capacity * k); codePreValues = Buffer(zeros: capacity * k)
    }

    /// The codes of the first `rows` rows.
    func codes(rows: Int) -> SparseCodes { SparseCodes(rows: rows, width: k, indices: codeIndices.pointer, values: codeValues.pointer) }

    /// Runs the SAE on the first `rows` rows of `input`.
    func run(rows: Int, configuration: SAEConfiguration, parameters: ParameterPointers, reconstruct: Bool) {
        precondition(rows <= capacity, "\(rows) rows for buffers of \(capacity)")
        Standardization.forward(input: input.pointer, rows: rows, width: width, enabled: configuration.standardize,
                                epsilon: configuration.standardizationEpsilon, output: standardized.pointer, mean: mean.pointer, std: std.pointer)
        Encoder.centre(standardized.pointer, rows: rows, width: width, preBias: parameters.preEncoderBias, output: centred.pointer)
        Encoder.preActivations(centred.pointer, rows: rows, width: width, weight: parameters.encoderWeight, bias: parameters.encoderBias,
                               latents: latents, output: preActivations.pointer)
        Encoder.selectTopK(preActivations.pointer, rows: rows, latents: latents, codes: codes(rows: rows), preValues: codePreValues.pointer)
        guard reconstruct else { return }
        SparseDecoder.forward(codes(rows: rows), weight: parameters.decoderWeight, width: width, bias: parameters.preEncoderBias,
                              output: decoded.pointer)
        Standardization.inverse(decoded.pointer, rows: rows, width: width, mean: mean.pointer, std: std.pointer, output: reconstruction.pointer)
    }
}

/// The sparse codes of a batch of inputs: for each row the K selected latents (descending
/// pre-activation, ties to the lower index) and their ReLU'd activations.
public struct LatentCodes: Sendable, Equatable {
    /// Number of rows.
    public let rows: Int
    /// K.
    public let k: Int
    /// [rows · K] latent indices.
    public let indices: [Int32]
    /// [rows · K] activations (≥ 0; zero when the pre-activation was not positive).
    public let values: [Float]

    /// The (latent, activation) pairs of row `row` with a positive activation.
    public func active(row: Int) -> [(latent: Int, activation: Float)] {
        (0..<k).compactMap { slot in
            let value = values[row * k + slot]
            return value > 0 ? (Int(indices[row * k + slot]), value) : nil
        }
    }
}

extension SparseAutoencoder {
    /// Rows per pass of `encode` and `reconstruct`, bounding the [rows, F] pre-activation buffer.
    static let inferenceChunk = 1024

    /// Encodes the rows of `inputs` ([N, D]).
    /// - Throws: `SAEError.activationMismatch` for the wrong width.
    public func encode(_ inputs: Tensor) throws -> LatentCodes {
        var indices: [Int32] = [], values: [Float] = []
        try forEachChunk(inputs, reconstruct: false) { forward, rows in
            indices += UnsafeBufferPointer(start: forward.codeIndices.pointer, count: rows * configuration.k)
            values += UnsafeBufferPointer(start: forward.codeValues.pointer, count: rows * configuration.k)
        }
        return LatentCodes(rows: inputs.rowCount, k: configuration.k, indices: indices, values: values)
    }

    /// The reconstructions of the rows of `inputs` ([N, D]), on the inputs' own scale.
    /// - Throws: `SAEError.activationMismatch` for the wrong width.
    public func reconstruct(_ inputs: Tensor) throws -> Tensor {
        var output = Tensor(zeros: [inputs.rowCount, configuration.inputWidth])
        var offset = 0
        try output.withUnsafeMutableBufferPointer { target in
            try forEachChunk(inputs, reconstruct: true) { forward, rows in
                (target.baseAddress! + offset).update(from: forward.reconstruction.pointer, count: rows * configuration.inputWidth)
                offset += rows * configuration.inputWidth
            }
        }
        return output
    }

    private func forEachChunk(_ inputs: Tensor, reconstruct: Bool, _ body: (SAEForward, Int) -> Void) throws {
        guard inputs.rank == 2, inputs.shape[1] == configuration.inputWidth else {
            throw SAEError.activationMismatch("inputs of shape \(inputs.shape), the SAE expects [rows, \(configuration.inputWidth)]")
        }
        let forward = SAEForward(capacity: Swift.min(Swift.max(inputs.rowCount, 1), Self.inferenceChunk), configuration: configuration)
        let width = configuration.inputWidth
        withParameterPointers { pointers in
            inputs.withUnsafeBufferPointer { source in
                for start in stride(from: 0, to: inputs.rowCount, by: forward.capacity) {
                    let rows = Swift.min(forward.capacity, inputs.rowCount - start)
                    forward.input.pointer.update(from: source.baseAddress! + start * width, count: rows * width)
                    forward.run(rows: rows, configuration: configuration, parameters: pointers, reconstruct: reconstruct)
                    body(forward, rows)
                }
            }
        }
    }
}
