import Foundation
import Formats

/// A Hugging Face checkpoint directory loaded for inference: the network, its tokenizer (when
/// the directory has one) and what loading had to say.
public struct PretrainedModel: Sendable {
    /// The directory it was loaded from.
    public let directory: URL
    /// The network.
    public let network: any TransformerModel
    /// The tokenizer, or nil when the directory has none.
    public let tokenizer: Tokenizer?
    /// Warnings of loading (unused tensors, tokenizer/model vocabulary mismatch).
    public let warnings: [ModelWarning]
    /// `max_seq_length` of sentence-transformers' `sentence_bert_config.json`, when present.
    public let sentenceEmbeddingMaximumLength: Int?

    /// A name for display: the directory's last component.
    public var name: String { directory.lastPathComponent }
    /// Sizes and parameter count.
    public var summary: ModelSummary { network.summary }

    /// Loads `config.json`, the safetensors weights (memory-mapped; F32 tensors are not copied)
    /// and the tokenizer of a checkpoint directory.
    /// - Throws: `ModelError` for a missing directory or config, an unsupported `model_type`
    ///   (listing the supported ones), a malformed config or tokenizer, refused `.bin` weights,
    ///   and missing or mis-shaped tensors.
    public static func load(directory: URL) throws -> PretrainedModel {
        try CheckpointDirectory.validate(directory)
        let configURL = directory.appendingPathComponent("config.json")
        let configuration = try ModelRegistry.configuration(try readFile(configURL), path: configURL.path)
        var weights = try WeightLoader(checkpoint: try CheckpointDirectory.openWeights(directory))
        let network = try configuration.makeModel(weights: &weights)
        var warnings: [ModelWarning] = []
        let unused = try weights.finish()
        if !unused.isEmpty { warnings.append(.unusedTensors(names: unused)) }
        let tokenizer = try hasTokenizer(directory) ? Tokenizer.load(directory: directory, modelType: configuration.architecture.modelType) : nil
        if let tokenizer, tokenizer.vocabularySize > network.summary.vocabularySize {
            warnings.append(.tokenizerLargerThanModel(tokenizerVocabulary: tokenizer.vocabularySize,
                                                      modelVocabulary: network.summary.vocabularySize))
        }
        return PretrainedModel(directory: directory, network: network, tokenizer: tokenizer, warnings: warnings,
                               sentenceEmbeddingMaximumLength: try SentenceTransformersConfig.maximumLength(directory))
    }

    /// A model with random weights (N(0, 0.02), LayerNorm gains 1) built from config.json bytes:
    /// for tests and for training from scratch.
    /// - Throws: `ModelError` for an unsupported or invalid configuration.
    public static func randomlyInitialized(configuration: Data, seed: UInt64) throws -> any TransformerModel {
        var weights = WeightLoader(randomSeed: seed)
        let network = try ModelRegistry.configuration(configuration, path: "config.json").makeModel(weights: &weights)
        _ = try weights.finish()
        return network
    }

    /// Wraps parts already in memory.
    public init(directory: URL, network: any TransformerModel, tokenizer: Tokenizer?, warnings: [ModelWarning] = [],
                sentenceEmbeddingMaximumLength: Int? = nil) {
        self.directory = directory
        self.network = network
        self.tokenizer = tokenizer
        self.warnings = warnings
        self.sentenceEmbeddingMaximumLength = sentenceEmbeddingMaximumLength
    }

    /// The tokenizer, or `ModelError.noTokenizer` when the directory had none.
    public func requireTokenizer() throws -> Tokenizer {
        guard let tokenizer else { throw ModelError.noTokenizer(directory: directory.path) }
        return tokenizer
    }

    private static func hasTokenizer(_ directory: URL) -> Bool {
        let names = ["tokenizer.json", "vocab.txt", "vocab.json"]
        return names.contains { FileManager.default.fileExists(atPath: directory.appendingPathComponent($0).path) }
    }
}

/// sentence-transformers' `sentence_bert_config.json` (only `max_seq_length` is used).
struct SentenceTransformersConfig: Decodable {
    let maxSeqLength: Int?
    enum CodingKeys: String, CodingKey { case maxSeqLength = "max_seq_length" }

    static func maximumLength(_ directory: URL) throws -> Int? {
        let url = directory.appendingPathComponent("sentence_bert_config.json")
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        do {
            return try JSONDecoder().decode(SentenceTransformersConfig.self, from: try readFile(url)).maxSeqLength
        } catch let error as ModelError {
            throw error
        } catch {
            throw ModelError.malformedConfiguration(path: url.path, detail: describeDecodingError(error))
        }
    }
}
