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

/// The model registry: the one table from `model_type` to the code that decodes the configuration
/// and builds the model. Everything else works with `Architecture` and `TransformerModel`.
public enum ModelRegistry {
    /// Decodes and validates a configuration, then builds the model from a weight loader.
    typealias Creator = @Sendable (_ config: Data, _ path: String, _ weights: inout WeightLoader) throws -> any TransformerModel

    static let creators: [Architecture: Creator] = [
        .bert: { data, path, weights in
            try BertModel(configuration: try decodeConfiguration(BertConfiguration.self, data, path), positions: .absolute, weights: &weights)
        },
        .roberta: { data, path, weights in
            let configuration = try decodeConfiguration(BertConfiguration.self, data, path)
            return try BertModel(configuration: configuration, positions: .roberta(paddingIndex: configuration.padTokenID ?? RoBERTa.defaultPaddingIndex),
                             weights: &weights)
        },
        .gptNeoX: { data, path, weights in
            try GPTNeoXModel(configuration: try decodeConfiguration(GPTNeoXConfiguration.self, data, path), weights: &weights)
        },
        .gpt2: { data, path, weights in
            try GPT2Model(configuration: try decodeConfiguration(GPT2Configuration.self, data, path), weights: &weights)
        },
    ]

    /// The `model_type` strings that can be loaded, sorted.
    public static var supportedModelTypes: [String] { Architecture.allCases.map(\.modelType).sorted() }

    /// The architecture of a `model_type`.
    /// - Throws: `ModelError.unsupportedArchitecture` listing the supported ones.
    public static func architecture(modelType: String) throws -> Architecture {
        guard let architecture = Architecture(rawValue: modelType) else {
            throw ModelError.unsupportedArchitecture(modelType: modelType, supported: supportedModelTypes)
        }
        return architecture
    }

    /// Reads `model_type` from config.json bytes.
    /// - Throws: `ModelError.malformedConfiguration` when the JSON is unreadable or has no `model_type`.
    public static func modelType(ofConfiguration data: Data, path: String) throws -> String {
        struct Header: Decodable { let modelType: String; enum CodingKeys: String, CodingKey { case modelType = "model_type" } }
        return try decodeConfiguration(Header.self, data, path).modelType
    }

    /// Builds the model a configuration describes.
    public static func makeModel(configuration data: Data, path: String, weights: inout WeightLoader) throws -> any TransformerModel {
        let architecture = try architecture(modelType: try modelType(ofConfiguration: data, path: path))
        return try creators[architecture]!(data, path, &weights)
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
