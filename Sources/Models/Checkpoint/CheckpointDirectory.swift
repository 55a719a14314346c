import Foundation
import Formats

/// The files of a Hugging Face checkpoint directory and how to open its weights.
enum CheckpointDirectory {
    /// Checks that `url` is a directory with a `config.json`.
    /// - Throws: `ModelError.fileNotFound` / `.notADirectory`.
    static func validate(_ url: URL) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw ModelError.fileNotFound(path: url.path, expected: "a model directory with config.json and *.safetensors")
        }
        guard isDirectory.boolValue else { throw ModelError.notADirectory(path: url.path) }
        let config = url.appendingPathComponent("config.json")
        guard FileManager.default.fileExists(atPath: config.path) else {
            throw ModelError.fileNotFound(path: config.path, expected: "config.json of a Hugging Face model")
        }
    }

    /// Opens the weights: `model.safetensors.index.json` with its shards, `model.safetensors`, or
    /// every `*.safetensors` file. PyTorch pickles (`*.bin`, `*.pt`, `*.pth`, `*.ckpt`) are never
    /// read: with no safetensors present they are refused with a message to convert them.
    /// - Throws: `ModelError.pytorchCheckpointRefused`, `.noWeights`, `.format`.
    static func openWeights(_ url: URL) throws -> any SafetensorsReading {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        let shards = names.filter { $0.hasSuffix(".safetensors") }.sorted()
        let hasIndex = names.contains(SafetensorsCheckpoint.indexFileName)
        do {
            if hasIndex || shards.contains(SafetensorsCheckpoint.singleFileName) {
                return try SafetensorsCheckpoint(url: url)
            }
            if !shards.isEmpty {
                let files = try shards.map { try SafetensorsFile(url: url.appendingPathComponent($0)) }
                return try SafetensorsCheckpoint(files: files, path: url.path)
            }
        } catch let error as FormatError {
            throw ModelError.format(error)
        }
        let pickles = names.filter { [".bin", ".pt", ".pth", ".ckpt"].contains(where: $0.hasSuffix) }.sorted()
        if let pickle = pickles.first {
            throw ModelError.pytorchCheckpointRefused(path: url.appendingPathComponent(pickle).path)
        }
        throw ModelError.noWeights(directory: url.path)
    }
}
