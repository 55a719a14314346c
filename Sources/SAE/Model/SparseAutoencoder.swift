import Foundation
import Tensors

/// The learned tensors of a TopK SAE, in the [F, D] row layout of this module.
public struct SAEParameters: Sendable, Equatable {
    /// [F, D]: row f is latent f's encoder direction.
    public var encoderWeight: Tensor
    /// [F, D]: row f is latent f's decoder direction (unit norm after training steps).
    public var decoderWeight: Tensor
    /// [D]: subtracted from the (standardised) input before the encoder, added after the decoder.
    public var preEncoderBias: Tensor
    /// [F]: added to the pre-activations; zero and not trained in the mlsae architecture, present
    /// so SAEs from SAELens and sparsify (which have one) load without loss.
    public var encoderBias: Tensor

    /// Parameters from their tensors (shapes are checked by `SparseAutoencoder.init`).
    public init(encoderWeight: Tensor, decoderWeight: Tensor, preEncoderBias: Tensor, encoderBias: Tensor) {
        self.encoderWeight = encoderWeight
        self.decoderWeight = decoderWeight
        self.preEncoderBias = preEncoderBias
        self.encoderBias = encoderBias
    }

    /// All-zero parameters of the given sizes (the initial Adam moments).
    public init(zerosFor configuration: SAEConfiguration) {
        let f = configuration.latentCount, d = configuration.inputWidth
        self.init(encoderWeight: Tensor(zeros: [f, d]), decoderWeight: Tensor(zeros: [f, d]),
                  preEncoderBias: Tensor(zeros: [d]), encoderBias: Tensor(zeros: [f]))
    }

    /// The tensors with their names in the native layout, in a fixed order.
    public var named: [(name: String, tensor: Tensor)] {
        [("encoder_weight", encoderWeight), ("decoder_weight", decoderWeight),
         ("pre_encoder_bias", preEncoderBias), ("encoder_bias", encoderBias)]
    }
}

/// A TopK sparse autoencoder (Gao et al. 2024) as mlsae trains it: per-example standardisation,
/// a pre-encoder bias, encoder → top-k → ReLU → unit-norm decoder.
public struct SparseAutoencoder: Sendable, Equatable {
    /// Architecture.
    public let configuration: SAEConfiguration
    /// Weights and biases.
    public let parameters: SAEParameters

    /// An SAE from its parts.
    /// - Throws: `SAEError.invalidConfiguration` for a bad configuration or a tensor of the wrong shape.
    public init(configuration: SAEConfiguration, parameters: SAEParameters) throws {
        try configuration.validate()
        let f = configuration.latentCount, d = configuration.inputWidth
        let expected: [(String, Tensor, [Int])] = [
            ("encoder weight", parameters.encoderWeight, [f, d]), ("decoder weight", parameters.decoderWeight, [f, d]),
            ("pre-encoder bias", parameters.preEncoderBias, [d]), ("encoder bias", parameters.encoderBias, [f]),
        ]
        for (name, tensor, shape) in expected where tensor.shape != shape {
            throw SAEError.invalidConfiguration("\(name) has shape \(tensor.shape), expected \(shape)")
        }
        self.configuration = configuration
        self.parameters = parameters
    }

    /// A freshly initialised SAE: encoder weights uniform in ±1/√D (PyTorch's `nn.Linear` default),
    /// decoder rows the encoder rows scaled to unit norm, biases zero (the pre-encoder bias is set
    /// to a geometric median by the first training step).
    /// - Throws: `SAEError.invalidConfiguration`.
    public static func initialized(_ configuration: SAEConfiguration, seed: UInt64) throws -> SparseAutoencoder {
        try configuration.validate()
        let f = configuration.latentCount, d = configuration.inputWidth
        var rng = SeededRNG(seed: seed).derived(0)
        let bound = 1 / Float(d).squareRoot()
        let encoder = Tensor.randomUniform([f, d], low: -bound, high: bound, rng: &rng)
        var decoder = encoder
        decoder.withUnsafeMutableBufferPointer { DecoderNormalization.normalizeRows($0.baseAddress!, rows: f, width: d) }
        let parameters = SAEParameters(encoderWeight: encoder, decoderWeight: decoder,
                                       preEncoderBias: Tensor(zeros: [d]), encoderBias: Tensor(zeros: [f]))
        return try SparseAutoencoder(configuration: configuration, parameters: parameters)
    }

    /// D.
    public var inputWidth: Int { configuration.inputWidth }
    /// F.
    public var latentCount: Int { configuration.latentCount }
    /// Whether the encoder bias has any non-zero element (only then is it added).
    public var hasEncoderBias: Bool { parameters.encoderBias.withUnsafeBufferPointer { $0.contains { $0 != 0 } } }
}
