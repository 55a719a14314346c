import Foundation
import TestSupport

/// Scratch files for tests: each test gets its own directory under /tmp.
struct Scratch {
    let directory = Fixtures.temporaryDirectory("formats-test")

    /// A URL in the scratch directory.
    func url(_ name: String) -> URL { directory.appendingPathComponent(name) }

    /// Writes `bytes` to `name` (not atomically: tests build malformed files on purpose).
    @discardableResult
    func write(_ bytes: [UInt8], to name: String) throws -> URL {
        let url = url(name)
        try Data(bytes).write(to: url)
        return url
    }
}

/// The 8-byte little-endian encoding of `value`.
func littleEndianBytes(_ value: UInt64) -> [UInt8] { (0..<8).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }

/// A safetensors file from a header text and data bytes, without padding (the reader must not need it).
func safetensorsBytes(header: String, data: [UInt8]) -> [UInt8] {
    littleEndianBytes(UInt64(header.utf8.count)) + Array(header.utf8) + data
}
