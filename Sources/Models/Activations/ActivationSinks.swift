import Foundation
import Formats
import Tensors

/// The shape of a set being recorded.
struct ActivationLayout: Sendable {
    let layers: [Int]
    let width: Int
    let pooling: Pooling
    let scalar: ActivationScalar
    let metadata: [String: String]
}

/// Token ids, document offsets and corpus indices, grown batch by batch.
struct ActivationBookkeeping: Sendable {
    var tokenIDs: [Int] = []
    var documentOffsets: [Int] = [0]
    var documentIndices: [Int] = []

    mutating func append(documents: [(index: Int, ids: [Int])]) {
        for (index, ids) in documents {
            tokenIDs.append(contentsOf: ids)
            documentOffsets.append(tokenIDs.count)
            documentIndices.append(index)
        }
    }
}

/// Where recorded batches go: memory or an activation store.
protocol ActivationSink {
    /// Adds one batch: `rows[layer]` is [n, width] for every recorded layer (n tokens, or
    /// documents when pooled), `documents` the ids and corpus index of each document in order.
    mutating func append(rows: [Int: Tensor], documents: [(index: Int, ids: [Int])]) throws
    /// The finished set (`complete == false` after a cancelled run).
    mutating func finish(complete: Bool) throws -> ActivationSet
}

/// Keeps each batch as an in-memory shard: no copy for F32, one conversion for F16.
struct MemorySink: ActivationSink {
    let layout: ActivationLayout
    var bookkeeping = ActivationBookkeeping()
    var shards: [ActivationShard] = []
    var rowCount = 0

    mutating func append(rows: [Int: Tensor], documents: [(index: Int, ids: [Int])]) throws {
        let count = rows[layout.layers[0]]?.rowCount ?? 0
        var matrices: [Int: LayerMatrix] = [:]
        for layer in layout.layers {
            guard let tensor = rows[layer] else { continue }
            switch layout.scalar {
            case .f32: matrices[layer] = .f32(tensor)
            case .f16: matrices[layer] = .f16(tensor.withUnsafeBufferPointer { $0.map(HalfPrecision.halfBits) })
            }
        }
        shards.append(ActivationShard(storage: .memory(matrices), firstRow: rowCount, rowCount: count))
        rowCount += count
        bookkeeping.append(documents: documents)
    }

    mutating func finish(complete: Bool) throws -> ActivationSet {
        ActivationSet(layers: layout.layers, width: layout.width, pooling: layout.pooling, scalar: layout.scalar,
                      tokenIDs: bookkeeping.tokenIDs, documentOffsets: bookkeeping.documentOffsets,
                      documentIndices: bookkeeping.documentIndices, metadata: layout.metadata, isComplete: complete, shards: shards)
    }
}

/// Writes batches to an activation store: safetensors shards of about `shardBytes` each plus
/// `index.json`, rewritten (atomically) after every shard so an interrupted run leaves a
/// readable store of what was finished.
struct StoreSink: ActivationSink {
    let layout: ActivationLayout
    let directory: URL
    let shardRows: Int
    var pending: [(rows: [Int: Tensor], documents: [(index: Int, ids: [Int])])] = []
    var pendingRows = 0
    var index: ActivationStoreIndex
    /// Whether this sink made the directory (only then may `discard` remove it).
    let createdDirectory: Bool

    /// Creates the directory; refuses one that already holds a store.
    init(layout: ActivationLayout, directory: URL, shardBytes: Int = 256 << 20) throws {
        let indexURL = directory.appendingPathComponent(ActivationStoreIndex.fileName)
        if FileManager.default.fileExists(atPath: indexURL.path) { throw ModelError.storeExists(path: directory.path) }
        createdDirectory = !FileManager.default.fileExists(atPath: directory.path)
        do { try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true) } catch {
            throw ModelError.writeFailed(path: directory.path, reason: "cannot create the store directory: \(error.localizedDescription)")
        }
        self.layout = layout
        self.directory = directory
        shardRows = max(1, shardBytes / max(1, layout.width * layout.layers.count * layout.scalar.byteSize))
        index = ActivationStoreIndex(layout: layout)
    }

    mutating func append(rows: [Int: Tensor], documents: [(index: Int, ids: [Int])]) throws {
        pending.append((rows, documents))
        pendingRows += rows[layout.layers[0]]?.rowCount ?? 0
        if pendingRows >= shardRows { try flush() }
    }

    mutating func finish(complete: Bool) throws -> ActivationSet {
        try flush()
        index.complete = complete
        try index.write(to: directory)
        return try ActivationSet.openStore(directory)
    }

    /// Removes the directory this sink created when it received no rows (nothing was written).
    func discard() throws {
        guard index.shards.isEmpty, pending.isEmpty, createdDirectory else { return }
        do { try FileManager.default.removeItem(at: directory) } catch {
            throw ModelError.writeFailed(path: directory.path, reason: "cannot remove the empty store: \(error.localizedDescription)")
        }
    }

    /// Writes the pending batches as the next shard and updates the index.
    mutating func flush() throws {
        guard !pending.isEmpty else { return }
        var bookkeeping = ActivationBookkeeping()
        for batch in pending { bookkeeping.append(documents: batch.documents) }
        var writer = SafetensorsWriter(metadata: ["format": ActivationStoreIndex.format])
        for layer in layout.layers {
            writer.add("layer.\(layer)", Tensor.concatenateRows(pending.compactMap { $0.rows[layer] }), as: layout.scalar == .f32 ? .f32 : .f16)
        }
        writer.add("token_ids", int64s: bookkeeping.tokenIDs.map(Int64.init), shape: [bookkeeping.tokenIDs.count])
        writer.add("doc_offsets", int64s: bookkeeping.documentOffsets.map(Int64.init), shape: [bookkeeping.documentOffsets.count])
        writer.add("doc_indices", int64s: bookkeeping.documentIndices.map(Int64.init), shape: [bookkeeping.documentIndices.count])
        let name = String(format: "shard-%05d.safetensors", index.shards.count)
        try wrapFormat { try writer.write(to: directory.appendingPathComponent(name)) }
        index.shards.append(.init(file: name, rows: pendingRows, documents: bookkeeping.documentIndices.count, tokens: bookkeeping.tokenIDs.count))
        try index.write(to: directory)
        pending.removeAll()
        pendingRows = 0
    }
}

/// `index.json` of an activation store.
struct ActivationStoreIndex: Codable {
    static let fileName = "index.json"
    static let format = "mindscope-activations"

    struct Shard: Codable, Equatable {
        let file: String
        let rows: Int
        let documents: Int
        let tokens: Int
    }

    var format: String
    var version: Int
    var layers: [Int]
    var width: Int
    var pooling: String
    var dtype: String
    var metadata: [String: String]
    var shards: [Shard]
    var complete: Bool

    init(layout: ActivationLayout) {
        format = Self.format
        version = 1
        layers = layout.layers
        width = layout.width
        pooling = layout.pooling.rawValue
        dtype = layout.scalar.rawValue
        metadata = layout.metadata
        shards = []
        complete = false
    }

    func write(to directory: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data: Data
        do { data = try encoder.encode(self) } catch {
            throw ModelError.invalidArgument(name: "store index", detail: "cannot encode: \(error)")
        }
        try wrapFormat { try AtomicFile.write(data, to: directory.appendingPathComponent(Self.fileName)) }
    }
}
