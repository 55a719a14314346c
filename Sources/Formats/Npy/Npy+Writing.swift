import Foundation
import Tensors

extension Npy {
    /// The .npy bytes of `array`: little-endian, C order, version 1.0 (2.0 when the header needs
    /// more than 65,535 bytes), header padded as `numpy.save` pads it, so the bytes are identical.
    public static func encode(_ array: NpyArray) -> Data {
        var data = Data()
        data.reserveCapacity(128 + array.count * array.dtype.byteSize)
        emit(array) { data.append(contentsOf: $0) }
        return data
    }

    /// Writes `array` to `url` atomically (see `encode`).
    /// - Throws: `FormatError.writeFailed`.
    public static func write(_ array: NpyArray, to url: URL) throws {
        try AtomicFile.write(to: url) { sink in try emit(array) { try sink.write($0) } }
    }

    /// Passes the file's bytes to `output` in order: header, then the elements.
    static func emit(_ array: NpyArray, _ output: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        try header(for: array).withUnsafeBytes { try output($0) }
        switch array.values {
        case .float32(let tensor): try tensor.withUnsafeBufferPointer { try output(UnsafeRawBufferPointer($0)) }
        case .float64(let values): try values.withUnsafeBytes { try output($0) }
        case .int64(let values): try values.withUnsafeBytes { try output($0) }
        case .int32(let values): try values.withUnsafeBytes { try output($0) }
        case .uint8(let values): try values.withUnsafeBytes { try output($0) }
        case .bool(let values): try values.map { $0 ? UInt8(1) : 0 }.withUnsafeBytes { try output($0) }
        }
    }

    /// Magic, version, length and the padded dict, laid out as numpy's `write_array_header`.
    static func header(for array: NpyArray) -> [UInt8] {
        let shape = array.shape.count == 1 ? "(\(array.shape[0]),)" : "(" + array.shape.map(String.init).joined(separator: ", ") + ")"
        var text = "{'descr': '\(array.dtype.rawValue)', 'fortran_order': False, 'shape': \(shape), }"
        // numpy leaves room for the first axis to grow to 21 digits without moving the data.
        if let first = array.shape.first { text += String(repeating: " ", count: max(0, 21 - String(first).count)) }
        let alignment = 64
        var length = text.utf8.count + 1
        var preamble = 10
        var padding = alignment - (preamble + length) % alignment
        var major: UInt8 = 1
        if length + padding >= 1 << 16 {
            major = 2
            preamble = 12
            padding = alignment - (preamble + length) % alignment
        }
        length += padding
        var bytes = NpyHeader.magic + [major, 0]
        let lengthBytes = (0..<(preamble - 8)).map { UInt8(truncatingIfNeeded: length >> (8 * $0)) }
        bytes += lengthBytes
        bytes += Array(text.utf8) + [UInt8](repeating: 0x20, count: padding) + [0x0A]
        return bytes
    }
}
