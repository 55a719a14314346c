import Foundation

/// `config.json` of a BERT or RoBERTa encoder (Hugging Face `BertConfig` / `RobertaConfig`).
/// Unknown keys are ignored; absent keys take `BertConfig`'s defaults, stated once in `Defaults`.
public struct BertConfiguration: Codable, Sendable, Equatable {
    public var vocabularySize: Int
    public var hiddenSize: Int
    public var layerCount: Int
    public var headCount: Int
    public var intermediateSize: Int
    public var hiddenActivation: String
    public var maximumPositions: Int
    public var typeVocabularySize: Int
    public var layerNormEpsilon: Double
    /// The padding id; RoBERTa numbers positions from `padTokenID + 1`.
    public var padTokenID: Int?
    public var positionEmbeddingType: String

    enum CodingKeys: String, CodingKey {
        case vocabularySize = "vocab_size", hiddenSize = "hidden_size", layerCount = "num_hidden_layers"
        case headCount = "num_attention_heads", intermediateSize = "intermediate_size", hiddenActivation = "hidden_act"
        case maximumPositions = "max_position_embeddings", typeVocabularySize = "type_vocab_size"
        case layerNormEpsilon = "layer_norm_eps", padTokenID = "pad_token_id"
        case positionEmbeddingType = "position_embedding_type"
    }

    /// The `transformers` default of each key absent from config.json, stated once.
    public enum Defaults {
        public static let vocabularySize = 30522, hiddenSize = 768, layerCount = 12, headCount = 12, intermediateSize = 3072
        public static let hiddenActivation = "gelu", maximumPositions = 512, typeVocabularySize = 2
        public static let layerNormEpsilon = 1e-12, padTokenID = 0, positionEmbeddingType = "absolute"
    }

    /// A configuration with `BertConfig`'s defaults for everything not given.
    public init(vocabularySize: Int = Defaults.vocabularySize, hiddenSize: Int = Defaults.hiddenSize,
                layerCount: Int = Defaults.layerCount, headCount: Int = Defaults.headCount,
                intermediateSize: Int = Defaults.intermediateSize, hiddenActivation: String = Defaults.hiddenActivation,
                maximumPositions: Int = Defaults.maximumPositions, typeVocabularySize: Int = Defaults.typeVocabularySize,
                layerNormEpsilon: Double = Defaults.layerNormEpsilon, padTokenID: Int? = Defaults.padTokenID,
                positionEmbeddingType: String = Defaults.positionEmbeddingType) {
        self.vocabularySize = vocabularySize
        self.hiddenSize = hiddenSize
        self.layerCount = layerCount
        self.headCount = headCount
        self.intermediateSize = intermediateSize
        self.hiddenActivation = hiddenActivation
        self.maximumPositions = maximumPositions
        self.typeVocabularySize = typeVocabularySize
        self.layerNormEpsilon = layerNormEpsilon
        self.padTokenID = padTokenID
        self.positionEmbeddingType = positionEmbeddingType
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(vocabularySize: try c.decodeIfPresent(Int.self, forKey: .vocabularySize) ?? Defaults.vocabularySize,
                  hiddenSize: try c.decodeIfPresent(Int.self, forKey: .hiddenSize) ?? Defaults.hiddenSize,
                  layerCount: try c.decodeIfPresent(Int.self, forKey: .layerCount) ?? Defaults.layerCount,
                  headCount: try c.decodeIfPresent(Int.self, forKey: .headCount) ?? Defaults.headCount,
                  intermediateSize: try c.decodeIfPresent(Int.self, forKey: .intermediateSize) ?? Defaults.intermediateSize,
                  hiddenActivation: try c.decodeIfPresent(String.self, forKey: .hiddenActivation) ?? Defaults.hiddenActivation,
                  maximumPositions: try c.decodeIfPresent(Int.self, forKey: .maximumPositions) ?? Defaults.maximumPositions,
                  typeVocabularySize: try c.decodeIfPresent(Int.self, forKey: .typeVocabularySize) ?? Defaults.typeVocabularySize,
                  layerNormEpsilon: try c.decodeIfPresent(Double.self, forKey: .layerNormEpsilon) ?? Defaults.layerNormEpsilon,
                  padTokenID: c.contains(.padTokenID) ? try c.decodeIfPresent(Int.self, forKey: .padTokenID) : Defaults.padTokenID,
                  positionEmbeddingType: try c.decodeIfPresent(String.self, forKey: .positionEmbeddingType) ?? Defaults.positionEmbeddingType)
    }

    /// Checks sizes and options before any model is built.
    /// - Throws: `ModelError.invalidConfiguration` or `.unsupportedFeature`.
    public func validate() throws {
        try requirePositive(["vocab_size": vocabularySize, "hidden_size": hiddenSize, "num_hidden_layers": layerCount,
                             "num_attention_heads": headCount, "intermediate_size": intermediateSize,
                             "max_position_embeddings": maximumPositions, "type_vocab_size": typeVocabularySize])
        try requireDivisible(hiddenSize: hiddenSize, heads: headCount)
        guard layerNormEpsilon > 0 else { throw ModelError.invalidConfiguration(key: "layer_norm_eps", detail: "must be positive") }
        _ = try Activation.named(hiddenActivation)
        guard positionEmbeddingType == "absolute" else {
            throw ModelError.unsupportedFeature(feature: "position_embedding_type \"\(positionEmbeddingType)\"", detail: "only \"absolute\" is supported")
        }
        if let padTokenID, !(0..<vocabularySize).contains(padTokenID) {
            throw ModelError.invalidConfiguration(key: "pad_token_id", detail: "\(padTokenID) is outside the vocabulary (0..<\(vocabularySize))")
        }
    }
}

/// Throws for the first size that is not positive (keys in sorted order, so the message is stable).
func requirePositive(_ sizes: [String: Int]) throws {
    for (key, value) in sizes.sorted(by: { $0.key < $1.key }) where value <= 0 {
        throw ModelError.invalidConfiguration(key: key, detail: "must be positive, got \(value)")
    }
}

/// Throws unless the hidden width splits evenly over the heads.
func requireDivisible(hiddenSize: Int, heads: Int) throws {
    guard hiddenSize % heads == 0 else {
        throw ModelError.invalidConfiguration(key: "num_attention_heads", detail: "hidden size \(hiddenSize) is not divisible by \(heads) heads")
    }
}
