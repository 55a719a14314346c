import Foundation
import Formats
import Models

/// Activations of a model over documents (kind `activations`): per recorded layer, one row per
/// token (or per document when pooled), with the token ids and document bookkeeping that lead
/// back to the text. Rows live in memory, in an activation store, or in a saved file.
public struct ActivationsObject: WorkspaceObject {
    /// The kind `activations`.
    public static let kind = ObjectKind(
        name: "activations", summary: "hidden states of a model over documents, per layer and token (or pooled per document)",
        saveFormat: "safetensors: layer.{l} [rows, width], token_ids (I64), doc_offsets (I64, documents + 1), doc_indices (I64) and the metadata (load activations reads it back)",
        saveExtension: "safetensors",
        exports: [.json: "the layout and bookkeeping without the vectors: layers, width, pooling, dtype, counts, token_ids, doc_offsets, doc_indices, metadata",
                  .csv: "one row per layer: layer, rows, mean and standard deviation of the row norms"])

    /// Where the rows are.
    public enum Storage: Sendable, Equatable {
        /// In memory (recorded in this session).
        case memory
        /// An activation store directory, memory-mapped (as written).
        case store(String)
        /// A saved `.safetensors` file, memory-mapped (as written).
        case file(String)
    }

    /// The activation set.
    public let set: ActivationSet
    /// Where its rows live.
    public let storage: Storage
    /// The tokenizer that made the token ids, when known (for contexts and token tables).
    public let tokenizer: Tokenizer?
    /// The model that recorded the set, when it was recorded in this session.
    public let model: PretrainedModel?
    /// The workspace name of the documents, when recorded in this session.
    public let corpusName: String?

    /// Wraps a set.
    public init(_ set: ActivationSet, storage: Storage, tokenizer: Tokenizer?, model: PretrainedModel? = nil, corpusName: String? = nil) {
        self.set = set
        self.storage = storage
        self.tokenizer = tokenizer
        self.model = model
        self.corpusName = corpusName
    }

    /// The SAE module's view of the set.
    public var multiLayer: MultiLayerActivationSet { MultiLayerActivationSet(set, tokenizer: tokenizer) }

    /// `7 layers × 9876 tokens × 384, pool=none, f32, in memory`.
    public var summary: String {
        let rows = set.pooling == .none ? Format.count(set.rowCount, "token") : Format.count(set.rowCount, "document")
        return "\(Format.count(set.layers.count, "layer")) × \(rows) × \(set.width), pool=\(set.pooling.rawValue), "
            + "\(set.scalar.rawValue), \(placeWords)" + (set.isComplete ? "" : " (partial)")
    }

    /// `7 × 9876 × 384` (layers × rows × width).
    public var shape: String { Format.shape([set.layers.count, set.rowCount, set.width]) }

    /// The rows when in memory, plus the bookkeeping (8 bytes per token id and offset).
    public var memoryBytes: Int {
        let bookkeeping = 8 * (set.tokenIDs.count + set.documentOffsets.count + set.documentIndices.count)
        return (storage == .memory ? set.byteCount : 0) + bookkeeping
    }

    /// Bytes on disk for a store or file (nil in memory).
    public var diskBytes: Int? {
        switch storage {
        case .memory: return nil
        case let .file(path): return Self.fileSize(URL(fileURLWithPath: path))
        case let .store(path):
            let directory = URL(fileURLWithPath: path)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
            return names.reduce(0) { $0 + Self.fileSize(directory.appendingPathComponent($1)) }
        }
    }

    var placeWords: String {
        switch storage {
        case .memory: return "in memory"
        case let .store(path): return "store \(path)"
        case let .file(path): return "file \(path)"
        }
    }

    /// Writes the set as one safetensors file (rows gathered in memory first).
    /// - Throws: `ShellError` for another extension, or the writer's error.
    public func save(to url: URL) throws {
        guard url.pathExtension.lowercased() == "safetensors" else {
            throw ShellError(.fileError(path: url.lastPathComponent, reason: "activations are saved as .safetensors (tensors layer.{l}, token_ids, doc_offsets, doc_indices)"))
        }
        try ModelCalls.run(at: nil) { try set.save(to: url) }
    }

    static func fileSize(_ url: URL) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? NSNumber)?.intValue ?? 0
    }
}
