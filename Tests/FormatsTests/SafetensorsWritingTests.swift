import Foundation
import Testing
import Tensors
@testable import Formats

@Suite("safetensors writing and sharded checkpoints")
struct SafetensorsWritingTests {
    static let weights = Tensor([1.5, -2, 0.1, 3e-8, 65504, -0.0], shape: [2, 3])

    @Test func roundTripsEveryWritableDType() throws {
        let scratch = Scratch()
        var writer = SafetensorsWriter(metadata: ["format": "pt", "note": "quotes \" and \\ and\nnewline ✓"])
        writer.add("w.f32", Self.weights)
        writer.add("w.f16", Self.weights, as: .f16)
        writer.add("w.bf16", Self.weights, as: .bf16)
        writer.add("ids", int64s: [101, -7, 1 << 40], shape: [3])
        writer.add("mask", int32s: [1, 0], shape: [1, 2])
        writer.add("empty", Tensor(zeros: [0, 4]))
        writer.add("scalar", Tensor([7], shape: []))
        let url = scratch.url("nested/dir/out.safetensors")
        try writer.write(to: url)

        let file = try SafetensorsFile(url: url)
        #expect(file.metadata == writer.metadata)
        #expect(file.names == ["empty", "ids", "mask", "scalar", "w.bf16", "w.f16", "w.f32"])
        #expect(try file.tensor(named: "w.f32") == Self.weights)
        let expectedHalf = Self.weights.scalars.map { HalfPrecision.float(fromHalf: HalfPrecision.halfBits(from: $0)) }
        #expect(try file.tensor(named: "w.f16").scalars.map(\.bitPattern) == expectedHalf.map(\.bitPattern))
        #expect(try file.info(named: "w.f16").dtype == .f16 && file.info(named: "w.f16").shape == [2, 3])
        let expectedBF16 = Self.weights.scalars.map { HalfPrecision.float(fromBFloat16: HalfPrecision.bfloat16Bits(from: $0)) }
        #expect(try file.tensor(named: "w.bf16").scalars == expectedBF16)
        #expect(try file.int64s(named: "ids") == [101, -7, 1 << 40])
        #expect(try file.int32s(named: "mask") == [1, 0] && file.info(named: "mask").shape == [1, 2])
        #expect(try file.tensor(named: "empty").shape == [0, 4])
        #expect(try file.tensor(named: "scalar").shape == [] && file.tensor(named: "scalar").item == 7)
        // 3e-8 lies just above 2⁻²⁵ ≈ 2.98e-8, half the smallest F16 subnormal, so it rounds up to 2⁻²⁴.
        #expect(expectedHalf[3] == 0x1p-24)
    }

    @Test func outputIsDeterministicAndAligned() throws {
        let scratch = Scratch()
        var forward = SafetensorsWriter(metadata: ["b": "2", "a": "1"])
        forward.add("z", Self.weights, as: .f16)
        forward.add("a", Tensor([1, 2, 3]))
        forward.add("m", int64s: [5], shape: [1])
        var backward = SafetensorsWriter(metadata: ["a": "1", "b": "2"])
        backward.add("m", int64s: [5], shape: [1])
        backward.add("a", Tensor([1, 2, 3]))
        backward.add("z", Self.weights, as: .f16)
        try forward.write(to: scratch.url("1.safetensors"))
        try backward.write(to: scratch.url("2.safetensors"))
        let bytes = try Data(contentsOf: scratch.url("1.safetensors"))
        #expect(bytes == (try Data(contentsOf: scratch.url("2.safetensors"))))
        let headerLength = bytes.prefix(8).enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        #expect((8 + headerLength) % 8 == 0)
        let header = String(decoding: bytes[8..<(8 + headerLength)], as: UTF8.self)
        // Widest elements first, then by name: every tensor is aligned to its element size.
        #expect(header.hasPrefix(#"{"__metadata__":{"a":"1","b":"2"},"m":{"dtype":"I64","shape":[1],"data_offsets":[0,8]},"a":{"dtype":"F32","shape":[3],"data_offsets":[8,20]},"z":{"dtype":"F16","shape":[2,3],"data_offsets":[20,32]}}"#))
        let padding = header.reversed().prefix { $0 != "}" }
        #expect(padding.allSatisfy { $0 == " " } && padding.count < 8)
    }

    @Test func writerRejectsBadEntriesWithoutTouchingTheFile() throws {
        let scratch = Scratch()
        let url = scratch.url("out.safetensors")
        try Data("old".utf8).write(to: url)
        let path = url.relativePath
        var duplicate = SafetensorsWriter()
        duplicate.add("w", Self.weights)
        duplicate.add("w", Self.weights, as: .f16)
        #expect(throws: FormatError.duplicateName(path: path, kind: .tensor, name: "w")) { try duplicate.write(to: url) }
        var short = SafetensorsWriter()
        short.add("ids", int64s: [1, 2], shape: [3])
        #expect(throws: FormatError.invalidArgument(path: path, reason: "tensor 'ids': 2 values do not fill shape [3]")) { try short.write(to: url) }
        var reserved = SafetensorsWriter()
        reserved.add("__metadata__", Self.weights)
        #expect(throws: FormatError.self) { try reserved.write(to: url) }
        var wrongType = SafetensorsWriter()
        wrongType.add("w", Self.weights, as: .i64)
        #expect(throws: FormatError.self) { try wrongType.write(to: url) }
        #expect(try Data(contentsOf: url) == Data("old".utf8))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: scratch.directory.path)
        #expect(leftovers == ["out.safetensors"])
    }

    @Test func shardedCheckpointThroughItsIndex() throws {
        let scratch = Scratch()
        var first = SafetensorsWriter(metadata: ["format": "pt"])
        first.add("embed.weight", Self.weights)
        first.add("layer.0.bias", Tensor([1, 2]))
        try first.write(to: scratch.url("model-00001-of-00002.safetensors"))
        var second = SafetensorsWriter(metadata: ["format": "pt"])
        second.add("layer.1.bias", Tensor([3, 4]))
        try second.write(to: scratch.url("model-00002-of-00002.safetensors"))
        let index: JSONValue = [
            "metadata": ["total_size": 32],
            "weight_map": [
                "embed.weight": "model-00001-of-00002.safetensors",
                "layer.0.bias": "model-00001-of-00002.safetensors",
                "layer.1.bias": "model-00002-of-00002.safetensors",
            ],
        ]
        try index.write(to: scratch.url(SafetensorsCheckpoint.indexFileName))
        let checkpoint = try SafetensorsCheckpoint(url: scratch.directory)
        #expect(checkpoint.files.count == 2)
        #expect(checkpoint.names == ["embed.weight", "layer.0.bias", "layer.1.bias"])
        #expect(try checkpoint.tensor(named: "layer.1.bias").scalars == [3, 4])
        #expect(try checkpoint.tensor(named: "embed.weight") == Self.weights)
        #expect(checkpoint.metadata == ["format": "pt"])
        #expect(try checkpoint.file(holding: "layer.1.bias").path.hasSuffix("model-00002-of-00002.safetensors"))
        #expect(throws: FormatError.self) { try checkpoint.tensor(named: "layer.2.bias") }
    }

    @Test func inconsistentIndexIsRejected() throws {
        let scratch = Scratch()
        var shard = SafetensorsWriter()
        shard.add("a", Tensor([1]))
        shard.add("b", Tensor([2]))
        try shard.write(to: scratch.url("s1.safetensors"))
        let indexURL = scratch.url("model.safetensors.index.json")
        let path = indexURL.relativePath
        func check(_ weightMap: JSONValue, _ expected: FormatError) throws {
            try JSONValue.object(["weight_map": weightMap]).write(to: indexURL)
            #expect(throws: expected) { try SafetensorsCheckpoint(indexURL: indexURL) }
        }
        try check(["a": "s1.safetensors"],
                  .invalidIndex(path: path, reason: "\(scratch.url("s1.safetensors").relativePath) holds 'b', which weight_map does not list"))
        try check(["a": "s1.safetensors", "b": "s1.safetensors", "c": "s1.safetensors"],
                  .invalidIndex(path: path, reason: "weight_map puts 'c' in s1.safetensors, which does not hold it"))
        try check(["a": "../s1.safetensors"], .invalidIndex(path: path, reason: "shard name '../s1.safetensors' is not a plain file name"))
        try check(["a": "missing.safetensors"], .fileNotFound(path: scratch.url("missing.safetensors").relativePath))
        try JSONValue.object(["metadata": [:]]).write(to: indexURL)
        #expect(throws: FormatError.invalidIndex(path: path, reason: "no weight_map object")) { try SafetensorsCheckpoint(indexURL: indexURL) }
    }
}
