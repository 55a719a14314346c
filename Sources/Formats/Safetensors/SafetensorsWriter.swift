import Foundation
import Tensors

/// Collects tensors and writes them as one safetensors file, atomically.
///
/// Output is deterministic: tensors are laid out by decreasing element size, then by name (so
/// every tensor is aligned to its element size, as the reference writer does), the header is
/// compact JSON with `__metadata__` first and keys in that same order, padded with spaces to a
/// multiple of 8 bytes. Tensors are not copied when added: their storage is shared until written.
public struct SafetensorsWriter {
    /// String pairs stored under `__metadata__`.
    public var metadata: [String: String]
    private var entries: [Entry] = []

    private enum Payload {
        case floats(Tensor)
        case int64s([Int64])
        case int32s([Int32])
    }

    private struct Entry {
        let name: String
        let dtype: SafetensorsDType
        let shape: [Int]
        let payload: Payload
        var byteCount: Int { shape.reduce(1, *) * dtype.byteSize }
    }

    /// A writer with the given `__metadata__`.
    public init(metadata: [String: String] = [:]) {
        self.metadata = metadata
    }

    /// Adds a float tensor, stored as `dtype`: `.f32` (exact), `.f16` or `.bf16` (rounded to
    /// nearest even; beyond ±65504 F16 becomes ±infinity).
    /// Problems (bad dtype, duplicate name) are reported by `write(to:)`/`encoded()`.
    public mutating func add(_ name: String, _ tensor: Tensor, as dtype: SafetensorsDType = .f32) {
        entries.append(Entry(name: name, dtype: dtype, shape: tensor.shape, payload: .floats(tensor)))
    }

    /// Adds an I64 tensor of `shape` holding `values` in row-major order.
    public mutating func add(_ name: String, int64s values: [Int64], shape: [Int]) {
        entries.append(Entry(name: name, dtype: .i64, shape: shape, payload: .int64s(values)))
    }

    /// Adds an I32 tensor of `shape` holding `values` in row-major order.
    public mutating func add(_ name: String, int32s values: [Int32], shape: [Int]) {
        entries.append(Entry(name: name, dtype: .i32, shape: shape, payload: .int32s(values)))
    }

    /// Writes the file to `url` atomically, creating its directory.
    /// - Throws: `FormatError.duplicateName`, `.invalidArgument` (reserved name, unsupported
    ///   dtype, value count not matching the shape) or `.writeFailed`.
    public func write(to url: URL) throws {
        let path = displayPath(url)
        let (header, ordered) = try layout(path: path)
        try AtomicFile.write(to: url) { sink in
            try sink.write(header)
            for entry in ordered { try Self.writeData(of: entry, to: &sink) }
        }
    }

    /// Validates the entries and builds the length-prefixed header; returns it with the entries in file order.
    private func layout(path: String) throws -> (Data, [Entry]) {
        let ordered = entries.sorted { ($0.dtype.byteSize, $1.name) > ($1.dtype.byteSize, $0.name) }
        var seen = Set<String>()
        for entry in ordered {
            try validate(entry, path: path)
            guard seen.insert(entry.name).inserted else { throw FormatError.duplicateName(path: path, kind: .tensor, name: entry.name) }
        }
        var json = "{"
        if !metadata.isEmpty {
            json += "\"__metadata__\":{"
            json += metadata.sorted { $0.key < $1.key }.map { key, value in
                var pair = ""
                JSONValue.appendQuoted(key, to: &pair)
                pair += ":"
                JSONValue.appendQuoted(value, to: &pair)
                return pair
            }.joined(separator: ",")
            json += "}" + (ordered.isEmpty ? "" : ",")
        }
        var offset = 0
        json += ordered.map { entry in
            var item = ""
            JSONValue.appendQuoted(entry.name, to: &item)
            let shape = entry.shape.map(String.init).joined(separator: ",")
            item += ":{\"dtype\":\"\(entry.dtype.rawValue)\",\"shape\":[\(shape)],\"data_offsets\":[\(offset),\(offset + entry.byteCount)]}"
            offset += entry.byteCount
            return item
        }.joined(separator: ",")
        json += "}"
        while (8 + json.utf8.count) % 8 != 0 { json += " " }
        var header = Data()
        withUnsafeBytes(of: UInt64(json.utf8.count).littleEndian) { header.append(contentsOf: $0) }
        header.append(contentsOf: json.utf8)
        return (header, ordered)
    }

    private func validate(_ entry: Entry, path: String) throws {
        func invalid(_ reason: String) -> FormatError { .invalidArgument(path: path, reason: "tensor '\(entry.name)': \(reason)") }
        if entry.name == "__metadata__" { throw invalid("the name is reserved for metadata") }
        if entry.shape.contains(where: { $0 < 0 }) { throw invalid("negative extent in shape \(entry.shape)") }
        let count = entry.shape.reduce(1, *)
        switch entry.payload {
        case .floats:
            guard [.f32, .f16, .bf16].contains(entry.dtype) else {
                throw invalid("float tensors are written as F32, F16 or BF16, not \(entry.dtype.rawValue)")
            }
        case .int64s(let values):
            if values.count != count { throw invalid("\(values.count) values do not fill shape \(entry.shape)") }
        case .int32s(let values):
            if values.count != count { throw invalid("\(values.count) values do not fill shape \(entry.shape)") }
        }
    }

    /// Streams one tensor's bytes, little-endian, converting floats in fixed-size chunks.
    private static func writeData(of entry: Entry, to sink: inout FileSink) throws {
        switch entry.payload {
        case .int64s(let values):
            try values.withUnsafeBytes { try sink.write($0) }
        case .int32s(let values):
            try values.withUnsafeBytes { try sink.write($0) }
        case .floats(let tensor):
            try tensor.withUnsafeBufferPointer { values in
                if entry.dtype == .f32 {
                    try sink.write(UnsafeRawBufferPointer(values))
                    return
                }
                let chunk = 1 << 16
                var scratch = [UInt16](repeating: 0, count: chunk)
                for start in stride(from: 0, to: values.count, by: chunk) {
                    let end = min(start + chunk, values.count)
                    for i in start..<end {
                        let bits = entry.dtype == .f16 ? HalfPrecision.halfBits(from: values[i]) : HalfPrecision.bfloat16Bits(from: values[i])
                        scratch[i - start] = bits.littleEndian
                    }
                    try scratch[0..<(end - start)].withUnsafeBytes { try sink.write($0) }
                }
            }
        }
    }
}
