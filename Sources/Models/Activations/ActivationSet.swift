import Foundation
import Formats
import Tensors

/// Activations of a model over a corpus: for each recorded layer a [rows, width] matrix (one row
/// per token, or per document when pooled), with the bookkeeping that maps rows back to text:
/// the token ids of every stored document, where each document starts, and which corpus entry
/// it came from. Rows live in memory or in memory-mapped safetensors shards (an activation
/// store), read as `Float` either way.
///
/// Row r of a per-token set is token r of `tokenIDs`: it belongs to the document d with
/// `documentOffsets[d] ≤ r < documentOffsets[d + 1]`, at position r − documentOffsets[d].
public struct ActivationSet: Sendable {
    /// Hidden-state indices recorded (0 = embeddings), ascending.
    public let layers: [Int]
    /// Row width (the model's hidden size).
    public let width: Int
    public let pooling: Pooling
    /// Element type of the stored rows.
    public let scalar: ActivationScalar
    /// Token ids of all stored documents, one after another (also for pooled sets).
    public let tokenIDs: [Int]
    /// Start of each document in `tokenIDs`, then the token count (documents + 1 entries).
    public let documentOffsets: [Int]
    /// Index in the source corpus of each stored document (empty documents are skipped).
    public let documentIndices: [Int]
    /// Free-form facts: model, source corpus, request.
    public let metadata: [String: String]
    /// False for a store whose run was cancelled before the end.
    public let isComplete: Bool
    let shards: [ActivationShard]

    /// Number of stored documents.
    public var documentCount: Int { documentOffsets.count - 1 }
    /// Number of stored tokens.
    public var tokenCount: Int { tokenIDs.count }
    /// Rows per layer: tokens, or documents when pooled.
    public var rowCount: Int { pooling == .none ? tokenCount : documentCount }
    /// Bytes the rows take (all layers).
    public var byteCount: Int { rowCount * width * layers.count * scalar.byteSize }

    /// Rows `range` of `layer` as a [range.count, width] Float tensor (a view without copying
    /// when the rows are F32 in one shard).
    /// - Throws: `ModelError.layerOutOfRange` / `.invalidArgument` for a layer or range not stored.
    public func rows(layer: Int, _ range: Range<Int>) throws -> Tensor {
        guard layers.contains(layer) else {
            throw ModelError.invalidArgument(name: "layer", detail: "\(layer) was not recorded; layers: \(layers.map(String.init).joined(separator: ", "))")
        }
        guard range.lowerBound >= 0 && range.upperBound <= rowCount else {
            throw ModelError.invalidArgument(name: "rows", detail: "\(range) is outside 0..<\(rowCount)")
        }
        // The first shard that ends after the range starts, by binary search (many small shards in memory).
        var low = 0, high = shards.count
        while low < high {
            let middle = (low + high) / 2
            if shards[middle].firstRow + shards[middle].rowCount <= range.lowerBound { low = middle + 1 } else { high = middle }
        }
        var pieces: [Tensor] = []
        for shard in shards[low...] where shard.firstRow < range.upperBound {
            let local = max(range.lowerBound, shard.firstRow)..<min(range.upperBound, shard.firstRow + shard.rowCount)
            guard !local.isEmpty else { continue }
            pieces.append(try shard.rows(layer: layer, (local.lowerBound - shard.firstRow)..<(local.upperBound - shard.firstRow), width: width))
        }
        if pieces.count == 1 { return pieces[0] }
        return pieces.isEmpty ? Tensor(zeros: [0, width]) : Tensor.concatenateRows(pieces)
    }

    /// Every row of `layer` ([rowCount, width]).
    public func matrix(layer: Int) throws -> Tensor { try rows(layer: layer, 0..<rowCount) }

    /// Calls `body` with consecutive batches of rows of `layer` (the last may be shorter), reading
    /// only one batch at a time, so sets larger than memory stream from their store.
    public func forEachBatch(layer: Int, batchSize: Int, _ body: (Range<Int>, Tensor) throws -> Void) throws {
        guard batchSize >= 1 else { throw ModelError.invalidArgument(name: "batch", detail: "must be at least 1") }
        for start in stride(from: 0, to: rowCount, by: batchSize) {
            let range = start..<min(start + batchSize, rowCount)
            try body(range, try rows(layer: layer, range))
        }
    }

    /// Copies rows chosen one by one (row index, recorded layer) to consecutive `width`-float
    /// slots of `buffer`, without making a tensor per row: the random access SAE training needs.
    /// - Throws: `ModelError.invalidArgument` for a row or layer not stored, or `buffer` too short.
    public func copyRows(_ picks: [(row: Int, layer: Int)], into buffer: UnsafeMutableBufferPointer<Float>) throws {
        guard buffer.count >= picks.count * width else {
            throw ModelError.invalidArgument(name: "buffer", detail: "holds \(buffer.count) floats, \(picks.count * width) needed")
        }
        for (slot, pick) in picks.enumerated() {
            guard (0..<rowCount).contains(pick.row), layers.contains(pick.layer) else {
                throw ModelError.invalidArgument(name: "row", detail: "row \(pick.row) of layer \(pick.layer) is not stored")
            }
            var low = 0, high = shards.count - 1
            while low < high {
                let middle = (low + high + 1) / 2
                if shards[middle].firstRow <= pick.row { low = middle } else { high = middle - 1 }
            }
            let shard = shards[low]
            try shard.copyRow(layer: pick.layer, pick.row - shard.firstRow, width: width, into: buffer.baseAddress! + slot * width)
        }
    }

    /// The document a row belongs to (for pooled sets, the row itself).
    public func document(ofRow row: Int) -> Int {
        guard pooling == .none else { return row }
        var low = 0, high = documentCount - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if documentOffsets[middle] <= row { low = middle } else { high = middle - 1 }
        }
        return low
    }

    /// Token rows of document `document`.
    public func tokenRange(ofDocument document: Int) -> Range<Int> { documentOffsets[document]..<documentOffsets[document + 1] }

    /// Position of token row `row` within its document (0 = first token, a special one if added).
    public func position(ofTokenRow row: Int) -> Int { row - documentOffsets[document(ofRow: row)] }
}

/// A run of rows stored in one place: memory, or one safetensors shard.
struct ActivationShard: Sendable {
    enum Storage: Sendable {
        case memory([Int: LayerMatrix])
        case file(SafetensorsFile)
    }

    let storage: Storage
    let firstRow: Int
    let rowCount: Int

    func rows(layer: Int, _ local: Range<Int>, width: Int) throws -> Tensor {
        switch storage {
        case let .memory(matrices):
            guard let matrix = matrices[layer] else { throw ModelError.invalidArgument(name: "layer", detail: "\(layer) not stored") }
            return matrix.rows(local, width: width)
        case let .file(file):
            let name = "layer.\(layer)"
            let info = try wrapFormat { try file.info(named: name) }
            if info.dtype == .f32 { return try wrapFormat { try file.tensor(named: name) }.rows(local) }
            return try wrapFormat {
                try file.withUnsafeBytes(of: name) { raw in
                    Tensor(shape: [local.count, width]) { out in
                        for i in 0..<(local.count * width) {
                            out[i] = HalfPrecision.float(fromHalf: raw.loadUnaligned(fromByteOffset: 2 * (local.lowerBound * width + i), as: UInt16.self))
                        }
                    }
                }
            }
        }
    }
}

extension ActivationShard {
    /// Copies local row `row` of `layer` to `target` (`width` floats).
    func copyRow(layer: Int, _ row: Int, width: Int, into target: UnsafeMutablePointer<Float>) throws {
        switch storage {
        case let .memory(matrices):
            switch matrices[layer] {
            case let .f32(tensor)?:
                tensor.withUnsafeBufferPointer { target.update(from: $0.baseAddress! + row * width, count: width) }
            case let .f16(bits)?:
                for j in 0..<width { target[j] = HalfPrecision.float(fromHalf: bits[row * width + j]) }
            case nil:
                throw ModelError.invalidArgument(name: "layer", detail: "\(layer) not stored")
            }
        case let .file(file):
            let name = "layer.\(layer)"
            let dtype = try wrapFormat { try file.info(named: name) }.dtype
            try wrapFormat {
                try file.withUnsafeBytes(of: name) { raw in
                    if dtype == .f32 {
                        for j in 0..<width { target[j] = raw.loadUnaligned(fromByteOffset: 4 * (row * width + j), as: Float.self) }
                    } else {
                        for j in 0..<width {
                            target[j] = HalfPrecision.float(fromHalf: raw.loadUnaligned(fromByteOffset: 2 * (row * width + j), as: UInt16.self))
                        }
                    }
                }
            }
        }
    }
}

/// One layer's rows in memory.
enum LayerMatrix: Sendable {
    case f32(Tensor)
    /// binary16 bit patterns, row-major.
    case f16([UInt16])

    func rows(_ local: Range<Int>, width: Int) -> Tensor {
        switch self {
        case let .f32(tensor): return tensor.rows(local)
        case let .f16(bits):
            return Tensor(shape: [local.count, width]) { out in
                let start = local.lowerBound * width
                for i in 0..<(local.count * width) { out[i] = HalfPrecision.float(fromHalf: bits[start + i]) }
            }
        }
    }
}

/// Runs `body`, turning a `FormatError` into `ModelError.format`.
func wrapFormat<R>(_ body: () throws -> R) throws -> R {
    do { return try body() } catch let error as FormatError { throw ModelError.format(error) }
}
