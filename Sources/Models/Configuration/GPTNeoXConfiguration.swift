import Foundation

/// `config.json` of a GPT-NeoX / Pythia decoder (Hugging Face `GPTNeoXConfig`).
///
/// Rotary settings come in two spellings: `rotary_pct` + `rotary_emb_base` (real Pythia
/// checkpoints) and `rope_parameters.partial_rotary_factor` + `rope_theta` (newer
/// `transformers`). Both are read; `rope_parameters` wins when both are present.
public struct GPTNeoXConfiguration: Codable, Sendable, Equatable {
    public var vocabularySize: Int
    public var hiddenSize: Int
    public var layerCount: Int
    public var headCount: Int
    public var intermediateSize: Int
    public var hiddenActivation: String
    /// Fraction of each head's dimensions that are rotated.
    public var rotaryFraction: Double
    /// Base θ of the rotary frequencies.
    public var rotaryBase: Double
    public var maximumPositions: Int
    public var layerNormEpsilon: Double
    /// x + attn(ln1 x) + mlp(ln2 x) when true; x + attn(ln1 x), then + mlp(ln2 ·) when false.
    public var useParallelResidual: Bool
    public var attentionBias: Bool
    public var tieWordEmbeddings: Bool

    enum CodingKeys: String, CodingKey {
        case vocabularySize = "vocab_size", hiddenSize = "hidden_size", layerCount = "num_hidden_layers"
        case headCount = "num_attention_heads", intermediateSize = "intermediate_size", hiddenActivation = "hidden_act"
        case rotaryFraction = "rotary_pct", rotaryBase = "rotary_emb_base", maximumPositions = "max_position_embeddings"
        case layerNormEpsilon = "layer_norm_eps", useParallelResidual = "use_parallel_residual"
        case attentionBias = "attention_bias", tieWordEmbeddings = "tie_word_embeddings"
        case ropeParameters = "rope_parameters", ropeScaling = "rope_scaling"
    }

    /// The newer spelling of the rotary settings.
    struct RopeParameters: Codable {
        let partialRotaryFactor: Double?
        let ropeTheta: Double?
        let ropeType: String?
        enum CodingKeys: String, CodingKey { case partialRotaryFactor = "partial_rotary_factor", ropeTheta = "rope_theta", ropeType = "rope_type" }
    }

    /// The `transformers` default of each key absent from config.json, stated once.
    public enum Defaults {
        public static let vocabularySize = 50432, hiddenSize = 6144, layerCount = 44, headCount = 64, intermediateSize = 24576
        public static let hiddenActivation = "gelu", rotaryFraction = 0.25, rotaryBase = 10000.0, maximumPositions = 2048
        public static let layerNormEpsilon = 1e-5, useParallelResidual = true, attentionBias = true, tieWordEmbeddings = false
    }

    /// A configuration with `GPTNeoXConfig`'s defaults for everything not given.
    public init(vocabularySize: Int = Defaults.vocabularySize, hiddenSize: Int = Defaults.hiddenSize,
                layerCount: Int = Defaults.layerCount, headCount: Int = Defaults.headCount,
                intermediateSize: Int = Defaults.intermediateSize, hiddenActivation: String = Defaults.hiddenActivation,
                rotaryFraction: Double = Defaults.rotaryFraction, rotaryBase: Double = Defaults.rotaryBase,
                maximumPositions: Int = Defaults.maximumPositions, layerNormEpsilon: Double = Defaults.layerNormEpsilon,
                useParallelResidual: Bool = Defaults.useParallelResidual, attentionBias: Bool = Defaults.attentionBias,
                tieWordEmbeddings: Bool = Defaults.tieWordEmbeddings) {
        self.vocabularySize = vocabularySize
        self.hiddenSize = hiddenSize
        self.layerCount = layerCount
        self.headCount = headCount
        self.intermediateSize = intermediateSize
        self.hiddenActivation = hiddenActivation
        self.rotaryFraction = rotaryFraction
        self.rotaryBase = rotaryBase
        self.maximumPositions = maximumPositions
        self.layerNormEpsilon = layerNormEpsilon
        self.useParallelResidual = useParallelResidual
        self.attentionBias = attentionBias
        self.tieWordEmbeddings = tieWordEmbeddings
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let rope = try c.decodeIfPresent(RopeParameters.self, forKey: .ropeParameters)
        if let scaling = try c.decodeIfPresent(RopeParameters.self, forKey: .ropeScaling), let type = scaling.ropeType, type != "default" {
            throw ModelError.unsupportedFeature(feature: "rope_scaling \"\(type)\"", detail: "only unscaled (default) rotary embeddings are supported")
        }
        if let type = rope?.ropeType, type != "default" {
            throw ModelError.unsupportedFeature(feature: "rope_type \"\(type)\"", detail: "only \"default\" rotary embeddings are supported")
        }
        self.init(vocabularySize: try c.decodeIfPresent(Int.self, forKey: .vocabularySize) ?? Defaults.vocabularySize,
                  hiddenSize: try c.decodeIfPresent(Int.self, forKey: .hiddenSize) ?? Defaults.hiddenSize,
                  layerCount: try c.decodeIfPresent(Int.self, forKey: .layerCount) ?? Defaults.layerCount,
                  headCount: try c.decodeIfPresent(Int.self, forKey: .headCount) ?? Defaults.headCount,
                  intermediateSize: try c.decodeIfPresent(Int.self, forKey: .intermediateSize) ?? Defaults.intermediateSize,
                  hiddenActivation: try c.decodeIfPresent(String.self, forKey: .hiddenActivation) ?? Defaults.hiddenActivation,
                  rotaryFraction: try rope?.partialRotaryFactor ?? c.decodeIfPresent(Double.self, forKey: .rotaryFraction) ?? Defaults.rotaryFraction,
                  rotaryBase: try rope?.ropeTheta ?? c.decodeIfPresent(Double.self, forKey: .rotaryBase) ?? Defaults.rotaryBase,
                  maximumPositions: try c.decodeIfPresent(Int.self, forKey: .maximumPositions) ?? Defaults.maximumPositions,
                  layerNormEpsilon: try c.decodeIfPresent(Double.self, forKey: .layerNormEpsilon) ?? Defaults.layerNormEpsilon,
                  useParallelResidual: try c.decodeIfPresent(Bool.self, forKey: .useParallelResidual) ?? Defaults.useParallelResidual,
                  attentionBias: try c.decodeIfPresent(Bool.self, forKey: .attentionBias) ?? Defaults.attentionBias,
                  tieWordEmbeddings: try c.decodeIfPresent(Bool.self, forKey: .tieWordEmbeddings) ?? Defaults.tieWordEmbeddings)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(vocabularySize, forKey: .vocabularySize)
        try c.encode(hiddenSize, forKey: .hiddenSize)
        try c.encode(layerCount, forKey: .layerCount)
        try c.encode(headCount, forKey: .headCount)
        try c.encode(intermediateSize, forKey: .intermediateSize)
        try c.encode(hiddenActivation, forKey: .hiddenActivation)
        try c.encode(rotaryFraction, forKey: .rotaryFraction)
        try c.encode(rotaryBase, forKey: .rotaryBase)
        try c.encode(maximumPositions, forKey: .maximumPositions)
        try c.encode(layerNormEpsilon, forKey: .layerNormEpsilon)
        try c.encode(useParallelResidual, forKey: .useParallelResidual)
        try c.encode(attentionBias, forKey: .attentionBias)
        try c.encode(tieWordEmbeddings, forKey: .tieWordEmbeddings)
    }

    /// Head width D.
    public var headWidth: Int { hiddenSize / headCount }
    /// Rotated dimensions per head, R = ⌊D · rotaryFraction⌋ (as `transformers` computes it).
    public var rotaryDimensions: Int { Int(Double(headWidth) * rotaryFraction) }

    /// - Throws: `ModelError.invalidConfiguration` or `.unsupportedFeature`.
    public func validate() throws {
        try requirePositive(["vocab_size": vocabularySize, "hidden_size": hiddenSize, "num_hidden_layers": layerCount,
                             "num_attention_heads": headCount, "intermediate_size": intermediateSize,
                             "max_position_embeddings": maximumPositions])
        try requireDivisible(hiddenSize: hiddenSize, heads: headCount)
        guard (0...1).contains(rotaryFraction) else {
            throw ModelError.invalidConfiguration(key: "rotary_pct", detail: "must lie in [0, 1], got \(rotaryFraction)")
        }
        guard rotaryDimensions % 2 == 0 else {
            throw ModelError.invalidConfiguration(key: "rotary_pct", detail: "gives \(rotaryDimensions) rotary dimensions per head; an even number is needed")
        }
        guard rotaryBase > 0 else { throw ModelError.invalidConfiguration(key: "rotary_emb_base", detail: "must be positive") }
        guard layerNormEpsilon > 0 else { throw ModelError.invalidConfiguration(key: "layer_norm_eps", detail: "must be positive") }
        _ = try Activation.named(hiddenActivation)
    }
}
