import Foundation
import Formats

/// Everything that can go wrong in the Models module, each case carrying what the message needs.
/// Messages are made in one place (`description`), so the shell prints them as they are.
public enum ModelError: Error, Equatable, Sendable {
    // Files and checkpoints
    case fileNotFound(path: String, expected: String)
    case notADirectory(path: String)
    case pytorchCheckpointRefused(path: String)
    case noWeights(directory: String)
    case unreadableFile(path: String, reason: String)
    case writeFailed(path: String, reason: String)
    case malformedConfiguration(path: String, detail: String)
    case invalidConfiguration(key: String, detail: String)
    case unsupportedArchitecture(modelType: String, supported: [String])
    case unsupportedFeature(feature: String, detail: String)
    case malformedShardIndex(path: String, detail: String)
    case missingTensors(names: [String], expectedShapes: [[Int]])
    case tensorShapeMismatch(name: String, expected: [Int], found: [Int])
    case unsupportedTensorType(name: String, dtype: String)
    case duplicateTensor(name: String, storedAs: [String])
    case format(FormatError)
    // Tokenizers
    case malformedTokenizer(source: String, detail: String)
    case unsupportedTokenizerComponent(component: String, type: String, supported: [String])
    case tokenizerMissingToken(token: String, role: String)
    case noTokenizer(directory: String)
    // Inputs
    case emptyBatch
    case emptySequence(index: Int)
    case tokenOutOfRange(id: Int, vocabularySize: Int)
    case sequenceTooLong(index: Int, length: Int, maximum: Int)
    case invalidArgument(name: String, detail: String)
    // Activations and stores
    case layerOutOfRange(layer: Int, available: ClosedRange<Int>)
    case poolingNeedsEncoder(pooling: String, modelType: String)
    case noDocuments(reason: String)
    case malformedActivationFile(path: String, detail: String)
    case storeExists(path: String)
    case cancelled
    // Corpora
    case malformedCorpus(path: String, line: Int, detail: String)
    case missingColumn(path: String, column: String, available: [String])
    case unsupportedCorpusFormat(path: String, supported: [String])
}

extension ModelError: CustomStringConvertible, LocalizedError {
    /// The message shown to the user.
    public var description: String {
        switch self {
        case let .fileNotFound(path, expected):
            return "\(path) not found (expected \(expected))"
        case let .notADirectory(path):
            return "\(path) is not a directory; a model directory holds config.json and *.safetensors"
        case let .pytorchCheckpointRefused(path):
            return "refusing to read \(path): PyTorch .bin checkpoints are pickles and can run code when loaded; "
                + "convert it to safetensors (e.g. in Python: `from safetensors.torch import save_file; "
                + "save_file(torch.load(path), \"model.safetensors\")`)"
        case let .noWeights(directory):
            return "no model.safetensors, *.safetensors shards or model.safetensors.index.json in \(directory)"
        case let .unreadableFile(path, reason):
            return "cannot read \(path): \(reason)"
        case let .writeFailed(path, reason):
            return "cannot write \(path): \(reason)"
        case let .malformedConfiguration(path, detail):
            return "malformed \(path): \(detail)"
        case let .invalidConfiguration(key, detail):
            return "invalid configuration value \(key): \(detail)"
        case let .unsupportedArchitecture(modelType, supported):
            return "unsupported model_type \"\(modelType)\"\(ModelError.suggestion(modelType, supported)); supported: \(supported.joined(separator: ", "))"
        case let .unsupportedFeature(feature, detail):
            return "unsupported \(feature): \(detail)"
        case let .malformedShardIndex(path, detail):
            return "malformed shard index \(path): \(detail)"
        case let .missingTensors(names, shapes):
            let listed = zip(names, shapes).prefix(8).map { "\($0) \(ModelError.shape($1))" }.joined(separator: ", ")
            let more = names.count > 8 ? " and \(names.count - 8) more" : ""
            return "checkpoint is missing \(names.count) tensor\(names.count == 1 ? "" : "s"): \(listed)\(more)"
        case let .tensorShapeMismatch(name, expected, found):
            return "tensor \(name) has shape \(ModelError.shape(found)), expected \(ModelError.shape(expected))"
        case let .unsupportedTensorType(name, dtype):
            return "tensor \(name) has element type \(dtype); supported: F32, F16, BF16"
        case let .duplicateTensor(name, storedAs):
            return "checkpoint holds tensor \(name) twice, as \(storedAs.joined(separator: " and "))"
        case let .format(error):
            return error.description
        case let .malformedTokenizer(source, detail):
            return "malformed tokenizer \(source): \(detail)"
        case let .unsupportedTokenizerComponent(component, type, supported):
            return "unsupported tokenizer \(component) \"\(type)\"; supported: \(supported.joined(separator: ", "))"
        case let .tokenizerMissingToken(token, role):
            return "tokenizer vocabulary has no \(role) \"\(token)\""
        case let .noTokenizer(directory):
            return "no tokenizer.json, vocab.txt or vocab.json + merges.txt in \(directory)"
        case .emptyBatch:
            return "empty batch: no sequences to run"
        case let .emptySequence(index):
            return "sequence \(index) has no tokens"
        case let .tokenOutOfRange(id, vocabularySize):
            return "token id \(id) is outside the vocabulary (0..<\(vocabularySize))"
        case let .sequenceTooLong(index, length, maximum):
            return "sequence \(index) has \(length) tokens; the model takes at most \(maximum) (truncate it)"
        case let .invalidArgument(name, detail):
            return "invalid \(name): \(detail)"
        case let .layerOutOfRange(layer, available):
            return "layer \(layer) does not exist; hidden states are numbered \(available.lowerBound)...\(available.upperBound) (0 = embeddings)"
        case let .poolingNeedsEncoder(pooling, modelType):
            return "pool=\(pooling) needs an encoder with a [CLS] token; \(modelType) is a decoder (use pool=last or pool=mean)"
        case let .noDocuments(reason):
            return "no documents to process: \(reason)"
        case let .malformedActivationFile(path, detail):
            return "malformed activation file \(path): \(detail)"
        case let .storeExists(path):
            return "\(path) already holds an activation store; choose another directory or delete it"
        case .cancelled:
            return "cancelled"
        case let .malformedCorpus(path, line, detail):
            return "\(path) line \(line): \(detail)"
        case let .missingColumn(path, column, available):
            return "\(path) has no column \"\(column)\"\(ModelError.suggestion(column, available)); columns: \(available.joined(separator: ", "))"
        case let .unsupportedCorpusFormat(path, supported):
            return "cannot tell the format of \(path); supported: \(supported.joined(separator: ", "))"
        }
    }

    public var errorDescription: String? { description }

    static func shape(_ shape: [Int]) -> String { "[" + shape.map(String.init).joined(separator: ", ") + "]" }

    /// ` (did you mean "x"?)` for the nearest candidate within a small edit distance, else "".
    static func suggestion(_ word: String, _ candidates: [String]) -> String {
        let scored = candidates.map { ($0, editDistance(word.lowercased(), $0.lowercased())) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= max(2, word.count / 3) else { return "" }
        return " (did you mean \"\(best.0)\"?)"
    }

    /// Levenshtein distance between two strings (in characters).
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + [Int](repeating: 0, count: b.count)
            for j in stride(from: 1, through: b.count, by: 1) {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
