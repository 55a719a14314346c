import Foundation
import Formats
import Tensors

extension ActivationSet {
    /// Writes the set as one safetensors file: `layer.{l}` [rows, width] (F32 or F16),
    /// `token_ids` (I64, all tokens), `doc_offsets` (I64, documents + 1), `doc_indices` (I64),
    /// and the layout in `__metadata__`. Atomic. The rows are gathered in memory first.
    /// - Throws: `ModelError.format` when the file cannot be written.
    public func save(to url: URL) throws {
        var fileMetadata = metadata
        fileMetadata["format"] = ActivationStoreIndex.format
        fileMetadata["pooling"] = pooling.rawValue
        fileMetadata["layers"] = "[" + layers.map(String.init).joined(separator: ",") + "]"
        var writer = SafetensorsWriter(metadata: fileMetadata)
        for layer in layers { writer.add("layer.\(layer)", try matrix(layer: layer), as: scalar == .f32 ? .f32 : .f16) }
        writer.add("token_ids", int64s: tokenIDs.map(Int64.init), shape: [tokenIDs.count])
        writer.add("doc_offsets", int64s: documentOffsets.map(Int64.init), shape: [documentOffsets.count])
        writer.add("doc_indices", int64s: documentIndices.map(Int64.init), shape: [documentIndices.count])
        try wrapFormat { try writer.write(to: url) }
    }

    /// Opens a set saved by `save(to:)` (a `.safetensors` file) or an activation store (a
    /// directory with `index.json`). Rows stay in the memory-mapped files.
    /// - Throws: `ModelError.fileNotFound`, `.malformedActivationFile`, `.format`.
    public static func load(_ url: URL) throws -> ActivationSet {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw ModelError.fileNotFound(path: url.path, expected: "an activation file (.safetensors) or store directory")
        }
        return isDirectory.boolValue ? try openStore(url) : try openFile(url)
    }

    /// Opens one saved file.
    static func openFile(_ url: URL) throws -> ActivationSet {
        let file = try wrapFormat { try SafetensorsFile(url: url) }
        let layers = file.names.compactMap { name -> Int? in
            guard name.hasPrefix("layer.") else { return nil }
            return Int(name.dropFirst("layer.".count))
        }.sorted()
        let part = try ShardContents(file: file, layers: layers, path: url.path)
        let pooling: Pooling
        if let stated = file.metadata["pooling"] {
            guard let value = Pooling(rawValue: stated) else {
                throw ModelError.malformedActivationFile(path: url.path, detail: "unknown pooling \"\(stated)\"")
            }
            pooling = value
        } else if part.rows == part.tokenIDs.count {
            pooling = .none
        } else {
            throw ModelError.malformedActivationFile(path: url.path, detail: "rows are per document but __metadata__ does not say how they were pooled (pooling)")
        }
        try part.checkRows(pooling: pooling, path: url.path)
        let metadata = file.metadata.filter { !["format", "pooling", "layers"].contains($0.key) }
        return ActivationSet(layers: layers, width: part.width, pooling: pooling, scalar: part.scalar, tokenIDs: part.tokenIDs,
                             documentOffsets: part.documentOffsets, documentIndices: part.documentIndices, metadata: metadata,
                             isComplete: true, shards: [ActivationShard(storage: .file(file), firstRow: 0, rowCount: part.rows)])
    }

    /// Opens an activation store directory.
    static func openStore(_ directory: URL) throws -> ActivationSet {
        let indexURL = directory.appendingPathComponent(ActivationStoreIndex.fileName)
        let index: ActivationStoreIndex
        do { index = try JSONDecoder().decode(ActivationStoreIndex.self, from: try readFile(indexURL)) } catch let error as ModelError {
            throw error
        } catch {
            throw ModelError.malformedActivationFile(path: indexURL.path, detail: describeDecodingError(error))
        }
        guard index.format == ActivationStoreIndex.format, index.version == 1 else {
            throw ModelError.malformedActivationFile(path: indexURL.path, detail: "not a version-1 \(ActivationStoreIndex.format) index")
        }
        guard let pooling = Pooling(rawValue: index.pooling), let scalar = ActivationScalar(rawValue: index.dtype) else {
            throw ModelError.malformedActivationFile(path: indexURL.path, detail: "unknown pooling \"\(index.pooling)\" or dtype \"\(index.dtype)\"")
        }
        var bookkeeping = ActivationBookkeeping()
        var shards: [ActivationShard] = []
        var rows = 0
        for entry in index.shards {
            let url = directory.appendingPathComponent(entry.file)
            let file = try wrapFormat { try SafetensorsFile(url: url) }
            let part = try ShardContents(file: file, layers: index.layers, path: url.path)
            try part.checkRows(pooling: pooling, path: url.path)
            guard part.width == index.width, part.scalar == scalar, part.rows == entry.rows,
                  part.documentIndices.count == entry.documents, part.tokenIDs.count == entry.tokens else {
                throw ModelError.malformedActivationFile(path: url.path, detail: "does not match its entry in index.json")
            }
            let documents = part.documentIndices.indices.map { d in
                (index: part.documentIndices[d], ids: Array(part.tokenIDs[part.documentOffsets[d]..<part.documentOffsets[d + 1]]))
            }
            bookkeeping.append(documents: documents)
            shards.append(ActivationShard(storage: .file(file), firstRow: rows, rowCount: part.rows))
            rows += part.rows
        }
        return ActivationSet(layers: index.layers, width: index.width, pooling: pooling, scalar: scalar,
                             tokenIDs: bookkeeping.tokenIDs, documentOffsets: bookkeeping.documentOffsets,
                             documentIndices: bookkeeping.documentIndices, metadata: index.metadata,
                             isComplete: index.complete, shards: shards)
    }
}

/// The validated bookkeeping tensors and layer shapes of one file or shard.
struct ShardContents {
    let rows: Int
    let width: Int
    let scalar: ActivationScalar
    let tokenIDs: [Int]
    let documentOffsets: [Int]
    let documentIndices: [Int]

    init(file: SafetensorsFile, layers: [Int], path: String) throws {
        func fail(_ detail: String) -> ModelError { .malformedActivationFile(path: path, detail: detail) }
        guard let first = layers.first else { throw fail("no layer.{l} tensors") }
        var shape: [Int]?, dtype: SafetensorsDType?
        for layer in layers {
            guard file.contains("layer.\(layer)") else { throw fail("missing tensor layer.\(layer)") }
            let info = try wrapFormat { try file.info(named: "layer.\(layer)") }
            guard info.shape.count == 2, info.dtype == .f32 || info.dtype == .f16 else {
                throw fail("layer.\(layer) must be a 2-D F32 or F16 tensor, found \(info.dtype.rawValue) \(ModelError.shape(info.shape))")
            }
            if let shape, shape != info.shape || dtype != info.dtype {
                throw fail("layer.\(layer) is \(info.dtype.rawValue) \(ModelError.shape(info.shape)) but layer.\(first) is \(dtype!.rawValue) \(ModelError.shape(shape))")
            }
            shape = info.shape
            dtype = info.dtype
        }
        for name in ["token_ids", "doc_offsets"] where !file.contains(name) { throw fail("missing tensor \(name)") }
        tokenIDs = try wrapFormat { try file.int64s(named: "token_ids") }.map(Int.init)
        documentOffsets = try wrapFormat { try file.int64s(named: "doc_offsets") }.map(Int.init)
        let documents = documentOffsets.count - 1
        documentIndices = file.contains("doc_indices") ? try wrapFormat { try file.int64s(named: "doc_indices") }.map(Int.init) : Array(0..<max(documents, 0))
        guard documents >= 0, documentOffsets.first == 0, documentOffsets.last == tokenIDs.count,
              zip(documentOffsets, documentOffsets.dropFirst()).allSatisfy({ $0 <= $1 }) else {
            throw fail("doc_offsets must rise from 0 to the number of tokens (\(tokenIDs.count))")
        }
        guard documentIndices.count == documents else { throw fail("doc_indices has \(documentIndices.count) entries for \(documents) documents") }
        rows = shape![0]
        width = shape![1]
        scalar = dtype == .f32 ? .f32 : .f16
    }

    func checkRows(pooling: Pooling, path: String) throws {
        let expected = pooling == .none ? tokenIDs.count : documentIndices.count
        guard rows == expected else {
            throw ModelError.malformedActivationFile(path: path, detail: "layers have \(rows) rows; pool=\(pooling.rawValue) needs \(expected)")
        }
    }
}
