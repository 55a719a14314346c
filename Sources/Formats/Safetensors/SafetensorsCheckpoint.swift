import Foundation
import Tensors

/// The tensors of a checkpoint that may be split over several safetensors files ("shards"), as
/// Hugging Face writes large models: `model.safetensors.index.json` maps each tensor name to the
/// shard holding it (`weight_map`). A single file is a checkpoint with one shard.
public struct SafetensorsCheckpoint: SafetensorsReading {
    /// The index file, directory or single file the checkpoint was opened from, for messages.
    public let path: String
    /// The shards, in file-name order.
    public let files: [SafetensorsFile]
    /// Every tensor name, sorted.
    public let names: [String]
    private let shardOfTensor: [String: Int]

    /// Name of the index file Hugging Face writes next to the shards.
    public static let indexFileName = "model.safetensors.index.json"
    /// Name of an unsharded checkpoint's file.
    public static let singleFileName = "model.safetensors"

    /// Opens a checkpoint from a directory (its index file if present, else `model.safetensors`),
    /// an index file (`*.index.json`), or a single `.safetensors` file.
    /// - Throws: `FormatError` for a missing file or any problem in the index or a shard.
    public init(url: URL) throws {
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
        if exists && isDirectory.boolValue {
            let index = url.appendingPathComponent(Self.indexFileName)
            if FileManager.default.fileExists(atPath: index.path) {
                try self.init(indexURL: index)
            } else {
                try self.init(files: [SafetensorsFile(url: url.appendingPathComponent(Self.singleFileName))], path: displayPath(url))
            }
        } else if url.lastPathComponent.hasSuffix(".index.json") {
            try self.init(indexURL: url)
        } else {
            let file = try SafetensorsFile(url: url)
            try self.init(files: [file], path: file.path)
        }
    }

    /// A checkpoint over already opened files, which must not share tensor names.
    /// - Throws: `FormatError.duplicateName` for a tensor present in two files.
    public init(files: [SafetensorsFile], path: String) throws {
        var shardOfTensor: [String: Int] = [:]
        for (shard, file) in files.enumerated() {
            for name in file.names {
                if shardOfTensor.updateValue(shard, forKey: name) != nil {
                    throw FormatError.duplicateName(path: file.path, kind: .tensor, name: name)
                }
            }
        }
        self.path = path
        self.files = files
        self.shardOfTensor = shardOfTensor
        self.names = shardOfTensor.keys.sorted()
    }

    /// Opens the shards listed by an index file and checks that the index and shards agree:
    /// every listed tensor is in its shard and every tensor in a shard is listed there.
    /// - Throws: `FormatError.invalidIndex`, `.invalidJSON`, or a shard's error.
    public init(indexURL: URL) throws {
        let indexPath = displayPath(indexURL)
        let weightMap = try Self.readWeightMap(indexURL, path: indexPath)
        let shardNames = Set(weightMap.values).sorted()
        let directory = indexURL.deletingLastPathComponent()
        let files = try shardNames.map { try SafetensorsFile(url: directory.appendingPathComponent($0)) }
        try self.init(files: files, path: indexPath)
        for (name, shardName) in weightMap.sorted(by: { $0.key < $1.key }) {
            let listed = shardNames.firstIndex(of: shardName)!
            guard shardOfTensor[name] == listed else {
                throw FormatError.invalidIndex(path: indexPath, reason: "weight_map puts '\(name)' in \(shardName), which does not hold it")
            }
        }
        if let unlisted = shardOfTensor.keys.sorted().first(where: { weightMap[$0] == nil }) {
            throw FormatError.invalidIndex(path: indexPath, reason: "\(files[shardOfTensor[unlisted]!].path) holds '\(unlisted)', which weight_map does not list")
        }
    }

    private static func readWeightMap(_ url: URL, path: String) throws -> [String: String] {
        let object = try JSONFile.readObject(url)
        guard let map = object["weight_map"] as? [String: Any] else {
            throw FormatError.invalidIndex(path: path, reason: "no weight_map object")
        }
        var weightMap: [String: String] = [:]
        for (name, value) in map {
            guard let shard = value as? String else {
                throw FormatError.invalidIndex(path: path, reason: "weight_map entry '\(name)' is not a file name")
            }
            // Shards live beside the index: refuse paths that would leave its directory.
            guard !shard.isEmpty, !shard.contains("/"), shard != "..", shard != "." else {
                throw FormatError.invalidIndex(path: path, reason: "shard name '\(shard)' is not a plain file name")
            }
            weightMap[name] = shard
        }
        return weightMap
    }


    /// `__metadata__` of all shards merged; for a key in several shards the first shard's value wins.
    public var metadata: [String: String] {
        files.reversed().reduce(into: [:]) { merged, file in merged.merge(file.metadata) { _, first in first } }
    }

    /// The shard holding `name`.
    /// - Throws: `FormatError.notFound` listing the nearest names.
    public func file(holding name: String) throws -> SafetensorsFile {
        guard let shard = shardOfTensor[name] else {
            throw FormatError.notFound(path: path, kind: .tensor, name: name, available: names)
        }
        return files[shard]
    }

    /// The header entry of `name`, from its shard.
    public func info(named name: String) throws -> SafetensorsTensorInfo { try file(holding: name).info(named: name) }
    /// The tensor `name` as `Float` (see `SafetensorsFile.tensor(named:)`).
    public func tensor(named name: String) throws -> Tensor { try file(holding: name).tensor(named: name) }
    /// The values of `name` as `Double`.
    public func doubles(named name: String) throws -> [Double] { try file(holding: name).doubles(named: name) }
    /// The values of an integer or BOOL tensor as `Int64`.
    public func int64s(named name: String) throws -> [Int64] { try file(holding: name).int64s(named: name) }
    /// The values of an integer or BOOL tensor as `Int32`.
    public func int32s(named name: String) throws -> [Int32] { try file(holding: name).int32s(named: name) }
}
