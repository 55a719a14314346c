import Foundation

/// Hyper-parameters of MLSAE training (defaults from mlsae and Gao et al. 2024).
public struct TrainingConfiguration: Codable, Sendable, Equatable {
    /// Examples (token-layer rows) per optimizer step.
    public var batchSize: Int
    /// Adam settings (lr 1e-4, betas 0.9/0.999, ε 6.25e-10).
    public var optimizer: AdamHyperparameters
    /// A, the dead latents per example that model the residual error (256; 0 turns AuxK off).
    public var auxK: Int
    /// α, the weight of the AuxK loss (1/32).
    public var auxCoefficient: Float
    /// The dead-latent window in tokens: a latent is dead when it has not fired for this many
    /// tokens, counting every layer of a token (dead_tokens × L examples). See `defaultDeadTokens`.
    public var deadTokens: Int
    /// A latent fires on an example when its top-k activation exceeds this (1e-3).
    public var deadThreshold: Float
    /// Seed of the initial weights and of the example order.
    public var seed: UInt64
    /// Also train the encoder bias (absent in mlsae; off by default).
    public var learnEncoderBias: Bool

    enum CodingKeys: String, CodingKey {
        case batchSize = "batch_size", optimizer, auxK = "aux_k", auxCoefficient = "aux_coefficient", deadTokens = "dead_tokens"
        case deadThreshold = "dead_threshold", seed, learnEncoderBias = "learn_encoder_bias"
    }

    /// The reference settings with the given batch size, window and seed.
    public init(batchSize: Int = 4096, optimizer: AdamHyperparameters = AdamHyperparameters(), auxK: Int = 256,
                auxCoefficient: Float = 1.0 / 32, deadTokens: Int = 10_000_000, deadThreshold: Float = 1e-3,
                seed: UInt64 = 0, learnEncoderBias: Bool = false) {
        self.batchSize = batchSize
        self.optimizer = optimizer
        self.auxK = auxK
        self.auxCoefficient = auxCoefficient
        self.deadTokens = deadTokens
        self.deadThreshold = deadThreshold
        self.seed = seed
        self.learnEncoderBias = learnEncoderBias
    }

    /// The dead-latent window for a run of `trainingTokens` tokens: the reference's 10 million
    /// tokens, scaled down to a tenth of the run for short runs, and never shorter than the
    /// tokens of one batch (`batchSize / layers`). For a 1-billion-token run this is the
    /// reference's 10M; for a 100k-token run over 7 layers, 10k tokens (70k examples, in which an
    /// average latent of a k = 32, F = 6144 SAE fires about 360 times).
    public static func defaultDeadTokens(trainingTokens: Int, batchSize: Int, layers: Int) -> Int {
        let batchTokens = Swift.max(1, batchSize / Swift.max(layers, 1))
        return Swift.min(10_000_000, Swift.max(batchTokens, trainingTokens / 10))
    }

    /// The steps that cover `tokens` tokens of an activation set with `layers` layers (each token
    /// is `layers` examples), rounded up: `train sae ... tokens=` in terms of steps.
    public func steps(forTokens tokens: Int, layers: Int) -> Int {
        (tokens * layers + batchSize - 1) / batchSize
    }

    /// Checks the settings against an architecture.
    /// - Throws: `SAEError.invalidConfiguration` naming the first bad value.
    public func validate(for configuration: SAEConfiguration) throws {
        guard batchSize >= 1 else { throw SAEError.invalidConfiguration("batch size \(batchSize) must be positive") }
        let o = optimizer
        guard o.learningRate > 0 && o.learningRate.isFinite else {
            throw SAEError.invalidConfiguration("learning rate \(o.learningRate) must be positive")
        }
        guard (0..<1).contains(o.beta1) && (0..<1).contains(o.beta2) else {
            throw SAEError.invalidConfiguration("Adam betas (\(o.beta1), \(o.beta2)) must be in [0, 1)")
        }
        guard o.epsilon > 0 else { throw SAEError.invalidConfiguration("Adam ε \(o.epsilon) must be positive") }
        guard auxK >= 0 && auxK <= configuration.latentCount else {
            throw SAEError.invalidConfiguration("aux_k = \(auxK) must be between 0 and the latent count \(configuration.latentCount)")
        }
        guard auxCoefficient >= 0 && auxCoefficient.isFinite else {
            throw SAEError.invalidConfiguration("AuxK coefficient \(auxCoefficient) must be non-negative")
        }
        guard deadTokens >= 1 else { throw SAEError.invalidConfiguration("dead_tokens \(deadTokens) must be positive") }
        guard deadThreshold >= 0 else { throw SAEError.invalidConfiguration("dead threshold \(deadThreshold) must be non-negative") }
    }
}

/// One training step's numbers, for progress bars and loss curves.
public struct TrainingRecord: Codable, Sendable, Equatable {
    /// 1-based optimizer step.
    public var step: Int
    /// Tokens seen so far (examples / L).
    public var tokens: Double
    /// Total loss: reconstruction + AuxK.
    public var loss: Double
    /// AuxK part of the loss.
    public var auxLoss: Double
    /// Mean over layers of the batch FVU (the reconstruction loss).
    public var fvu: Double
    /// Fraction of latents flagged dead after this step.
    public var deadFraction: Double

    enum CodingKeys: String, CodingKey {
        case step, tokens, loss, auxLoss = "aux_loss", fvu, deadFraction = "dead_fraction"
    }
}
