import Foundation

/// `config.json` of a GPT-2 decoder (Hugging Face `GPT2Config`).
public struct GPT2Configuration: Codable, Sendable, Equatable {
    public var vocabularySize: Int
    public var maximumPositions: Int
    public var hiddenSize: Int
    public var layerCount: Int
    public var headCount: Int
    /// Feed-forward width; `nil` means 4 · hidden size.
    public var innerSize: Int?
    public var activation: String
    public var layerNormEpsilon: Double
    /// Divide attention scores by √D.
    public var scaleAttentionWeights: Bool
    /// Also divide attention scores by (layer index + 1).
    public var scaleAttentionByInverseLayerIndex: Bool
    public var tieWordEmbeddings: Bool
    public var addCrossAttention: Bool

    enum CodingKeys: String, CodingKey {
        case vocabularySize = "vocab_size", maximumPositions = "n_positions", hiddenSize = "n_embd", layerCount = "n_layer"
        case headCount = "n_head", innerSize = "n_inner", activation = "activation_function"
        case layerNormEpsilon = "layer_norm_epsilon", scaleAttentionWeights = "scale_attn_weights"
        case scaleAttentionByInverseLayerIndex = "scale_attn_by_inverse_layer_idx"
        case tieWordEmbeddings = "tie_word_embeddings", addCrossAttention = "add_cross_attention"
    }

    /// The `transformers` default of each key absent from config.json, stated once.
    public enum Defaults {
        public static let vocabularySize = 50257, maximumPositions = 1024, hiddenSize = 768, layerCount = 12, headCount = 12
        public static let activation = "gelu_new", layerNormEpsilon = 1e-5, scaleAttentionWeights = true
        public static let scaleAttentionByInverseLayerIndex = false, tieWordEmbeddings = true, addCrossAttention = false
    }

    /// A configuration with `GPT2Config`'s defaults for everything not given.
    public init(vocabularySize: Int = Defaults.vocabularySize, maximumPositions: Int = Defaults.maximumPositions,
                hiddenSize: Int = Defaults.hiddenSize, layerCount: Int = Defaults.layerCount, headCount: Int = Defaults.headCount,
                innerSize: Int? = nil, activation: String = Defaults.activation, layerNormEpsilon: Double = Defaults.layerNormEpsilon,
                scaleAttentionWeights: Bool = Defaults.scaleAttentionWeights,
                scaleAttentionByInverseLayerIndex: Bool = Defaults.scaleAttentionByInverseLayerIndex,
                tieWordEmbeddings: Bool = Defaults.tieWordEmbeddings, addCrossAttention: Bool = Defaults.addCrossAttention) {
        self.vocabularySize = vocabularySize
        self.maximumPositions = maximumPositions
        self.hiddenSize = hiddenSize
        self.layerCount = layerCount
        self.headCount = headCount
        self.innerSize = innerSize
        self.activation = activation
        self.layerNormEpsilon = layerNormEpsilon
        self.scaleAttentionWeights = scaleAttentionWeights
        self.scaleAttentionByInverseLayerIndex = scaleAttentionByInverseLayerIndex
        self.tieWordEmbeddings = tieWordEmbeddings
        self.addCrossAttention = addCrossAttention
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(vocabularySize: try c.decodeIfPresent(Int.self, forKey: .vocabularySize) ?? Defaults.vocabularySize,
                  maximumPositions: try c.decodeIfPresent(Int.self, forKey: .maximumPositions) ?? Defaults.maximumPositions,
                  hiddenSize: try c.decodeIfPresent(Int.self, forKey: .hiddenSize) ?? Defaults.hiddenSize,
                  layerCount: try c.decodeIfPresent(Int.self, forKey: .layerCount) ?? Defaults.layerCount,
                  headCount: try c.decodeIfPresent(Int.self, forKey: .headCount) ?? Defaults.headCount,
                  innerSize: try c.decodeIfPresent(Int.self, forKey: .innerSize),
                  activation: try c.decodeIfPresent(String.self, forKey: .activation) ?? Defaults.activation,
                  layerNormEpsilon: try c.decodeIfPresent(Double.self, forKey: .layerNormEpsilon) ?? Defaults.layerNormEpsilon,
                  scaleAttentionWeights: try c.decodeIfPresent(Bool.self, forKey: .scaleAttentionWeights) ?? Defaults.scaleAttentionWeights,
                  scaleAttentionByInverseLayerIndex: try c.decodeIfPresent(Bool.self, forKey: .scaleAttentionByInverseLayerIndex)
                      ?? Defaults.scaleAttentionByInverseLayerIndex,
                  tieWordEmbeddings: try c.decodeIfPresent(Bool.self, forKey: .tieWordEmbeddings) ?? Defaults.tieWordEmbeddings,
                  addCrossAttention: try c.decodeIfPresent(Bool.self, forKey: .addCrossAttention) ?? Defaults.addCrossAttention)
    }

    /// Feed-forward width F.
    public var feedForwardSize: Int { innerSize ?? 4 * hiddenSize }

    /// - Throws: `ModelError.invalidConfiguration` or `.unsupportedFeature`.
    public func validate() throws {
        try requirePositive(["vocab_size": vocabularySize, "n_positions": maximumPositions, "n_embd": hiddenSize,
                             "n_layer": layerCount, "n_head": headCount, "n_inner": feedForwardSize])
        try requireDivisible(hiddenSize: hiddenSize, heads: headCount)
        guard layerNormEpsilon > 0 else { throw ModelError.invalidConfiguration(key: "layer_norm_epsilon", detail: "must be positive") }
        _ = try Activation.named(activation)
        guard !addCrossAttention else {
            throw ModelError.unsupportedFeature(feature: "add_cross_attention", detail: "encoder-decoder GPT-2 variants are not supported")
        }
    }
}
