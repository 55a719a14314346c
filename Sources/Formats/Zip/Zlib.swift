import CZlib
import Foundation

/// Raw DEFLATE (RFC 1951, no zlib or gzip wrapper, as zip stores it) and CRC-32, through zlib.
enum Zlib {
    /// zlib takes lengths as 32-bit `uInt`: longer buffers go through in pieces of this size.
    private static let pieceSize = 1 << 30

    /// The CRC-32 of `bytes` (the checksum zip records for each member).
    static func crc32(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        var crc: uLong = CZlib.crc32(0, nil, 0)
        var offset = 0
        while offset < bytes.count {
            let length = min(pieceSize, bytes.count - offset)
            crc = CZlib.crc32(crc, bytes.baseAddress!.advanced(by: offset).assumingMemoryBound(to: Bytef.self), uInt(length))
            offset += length
        }
        return UInt32(truncatingIfNeeded: crc)
    }

    /// Compresses `bytes` as raw DEFLATE at zlib's default level.
    /// - Throws: `FormatError.writeFailed` if zlib fails (out of memory).
    static func deflate(_ bytes: UnsafeRawBufferPointer, path: String) throws -> Data {
        var stream = z_stream()
        guard mindscope_deflate_init2(&stream, Z_DEFAULT_COMPRESSION, -15) == Z_OK else {
            throw FormatError.writeFailed(path: path, reason: "zlib could not start compressing")
        }
        defer { deflateEnd(&stream) }
        var output = Data()
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var offset = 0
        var status = Z_OK
        while status != Z_STREAM_END {
            let length = min(pieceSize, bytes.count - offset)
            stream.next_in = UnsafeMutablePointer(mutating: bytes.baseAddress?.advanced(by: offset).assumingMemoryBound(to: Bytef.self))
            stream.avail_in = uInt(length)
            let flush = offset + length == bytes.count ? Z_FINISH : Z_NO_FLUSH
            repeat {
                status = chunk.withUnsafeMutableBufferPointer { buffer in
                    stream.next_out = buffer.baseAddress
                    stream.avail_out = uInt(buffer.count)
                    return CZlib.deflate(&stream, flush)
                }
                guard status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR else {
                    throw FormatError.writeFailed(path: path, reason: "zlib deflate failed (status \(status))")
                }
                output.append(contentsOf: chunk[0..<(chunk.count - Int(stream.avail_out))])
            } while stream.avail_out == 0
            offset += length
        }
        return output
    }

    /// Decompresses raw DEFLATE data that must expand to exactly `expectedSize` bytes.
    /// - Throws: `FormatError.corruptArchive` naming `member` when the stream is damaged, ends
    ///   early, or holds more or less than `expectedSize` bytes.
    static func inflate(_ bytes: UnsafeRawBufferPointer, expectedSize: Int, path: String, member: String) throws -> Data {
        func corrupt(_ reason: String) -> FormatError {
            .corruptArchive(path: path, reason: "member '\(member)': \(reason)")
        }
        var stream = z_stream()
        guard mindscope_inflate_init2(&stream, -15) == Z_OK else { throw corrupt("zlib could not start decompressing") }
        defer { inflateEnd(&stream) }
        var output = Data(count: expectedSize)
        var status = Z_OK
        try output.withUnsafeMutableBytes { (out: UnsafeMutableRawBufferPointer) in
            var consumed = 0, produced = 0
            while status != Z_STREAM_END {
                let inLength = min(pieceSize, bytes.count - consumed)
                let outLength = min(pieceSize, expectedSize - produced)
                stream.next_in = UnsafeMutablePointer(mutating: bytes.baseAddress?.advanced(by: consumed).assumingMemoryBound(to: Bytef.self))
                stream.avail_in = uInt(inLength)
                stream.next_out = out.baseAddress?.advanced(by: produced).assumingMemoryBound(to: Bytef.self)
                stream.avail_out = uInt(outLength)
                status = CZlib.inflate(&stream, Z_NO_FLUSH)
                consumed += inLength - Int(stream.avail_in)
                produced += outLength - Int(stream.avail_out)
                switch status {
                case Z_OK, Z_STREAM_END: break
                case Z_BUF_ERROR where produced == expectedSize:
                    throw corrupt("expands to more than the \(expectedSize) bytes its header declares")
                case Z_BUF_ERROR: throw corrupt("deflate data ends early")
                default:
                    let message = stream.msg.map { String(cString: $0) } ?? "status \(status)"
                    throw corrupt("deflate data is damaged (\(message))")
                }
            }
            guard produced == expectedSize else {
                throw corrupt("expands to \(produced) bytes where its header declares \(expectedSize)")
            }
        }
        return output
    }
}
