import Foundation
import Formats

/// The architectures mindscope runs, by Hugging Face `model_type`.
public enum Architecture: String, CaseIterable, Sendable {
    case bert
    case roberta
    case gptNeoX = "gpt_neox"
    case gpt2

    /// The `model_type` string of config.json.
    public var modelType: String { rawValue }

    /// A name for people.
    public var displayName: String {
        switch self {
        case .bert: return "BERT"
        case .roberta: return "RoBERTa"
        case .gptNeoX: return "GPT-NeoX"
        case .gpt2: return "GPT-2"
        }
    }

    /// Decoders attend causally, expose the residual stream and have a language-model head.
    public var isDecoder: Bool { self == .gptNeoX || self == .gpt2 }
}

/// A decoded and validated `config.json`, typed by architecture.
public enum ModelConfiguration: Sendable, Equatable {
    case bert(BertConfiguration)
    case roberta(BertConfiguration)
    case gptNeoX(GPTNeoXConfiguration)
    case gpt2(GPT2Configuration)

    /// The architecture this configuration describes.
    public var architecture: Architecture {
        switch self {
        case .bert: return .bert
        case .roberta: return .roberta
        case .gptNeoX: return .gptNeoX
        case .gpt2: return .gpt2
        }
    }

    /// Builds the model, taking every tensor from `weights` (call `weights.finish()` afterwards).
    /// - Throws: `ModelError` when an option cannot be built (the configuration was validated).
    public func makeModel(weights: inout WeightLoader) throws -> any TransformerModel {
        switch self {
        case let .bert(configuration):
            return try BertModel(configuration: configuration, positions: .absolute, weights: &weights)
        case let .roberta(configuration):
            let padding = configuration.padTokenID ?? RoBERTa.defaultPaddingIndex
            return try BertModel(configuration: configuration, positions: .roberta(paddingIndex: padding), weights: &weights)
        case let .gptNeoX(configuration):
            return try GPTNeoXModel(configuration: configuration, weights: &weights)
        case let .gpt2(configuration):
            return try GPT2Model(configuration: configuration, weights: &weights)
        }
    }
}

/// The model registry: the one table from `model_type` to the code that decodes and validates
/// its configuration. Everything else works with `Architecture` and `ModelConfiguration`.
public enum ModelRegistry {
    typealias Decoder = @Sendable (_ config: Data, _ path: String) throws -> ModelConfiguration

    static let decoders: [String: Decoder] = [
        "bert": { .bert(try decodeConfiguration(BertConfiguration.self, $0, $1)) },
        "roberta": { .roberta(try decodeConfiguration(BertConfiguration.self, $0, $1)) },
        "gpt_neox": { .gptNeoX(try decodeConfiguration(GPTNeoXConfiguration.self, $0, $1)) },
        "gpt2": { .gpt2(try decodeConfiguration(GPT2Configuration.self, $0, $1)) },
    ]

    /// The `model_type` strings that can be loaded, sorted.
    public static var supportedModelTypes: [String] { decoders.keys.sorted() }

    /// Decodes and validates config.json bytes; `path` names the file in errors.
    /// - Throws: `ModelError.malformedConfiguration` (unreadable JSON, no `model_type`, a value of
    ///   the wrong type), `.unsupportedArchitecture` (listing the supported ones),
    ///   `.invalidConfiguration` or `.unsupportedFeature` from `validate()`.
    public static func configuration(_ data: Data, path: String) throws -> ModelConfiguration {
        struct Header: Decodable { let modelType: String; enum CodingKeys: String, CodingKey { case modelType = "model_type" } }
        let modelType = try decodeConfiguration(Header.self, data, path).modelType
        guard let decode = decoders[modelType] else {
            throw ModelError.unsupportedArchitecture(modelType: modelType, supported: supportedModelTypes)
        }
        return try decode(data, path)
    }

    /// Decodes config.json into `type` and runs its `validate()` if it has one.
    static func decodeConfiguration<T: Decodable>(_ type: T.Type, _ data: Data, _ path: String) throws -> T {
        let value: T
        do {
            value = try JSONDecoder().decode(T.self, from: data)
        } catch let error as ModelError {
            throw error
        } catch {
            throw ModelError.malformedConfiguration(path: path, detail: describeDecodingError(error))
        }
        if let validating = value as? any ValidatingConfiguration { try validating.validate() }
        return value
    }
}

/// Configurations checked before any model is built.
protocol ValidatingConfiguration {
    func validate() throws
}

extension BertConfiguration: ValidatingConfiguration {}
extension GPTNeoXConfiguration: ValidatingConfiguration {}
extension GPT2Configuration: ValidatingConfiguration {}
