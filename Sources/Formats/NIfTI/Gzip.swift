import CZlib
import Foundation

/// gzip (RFC 1952) decompression through zlib, for `.nii.gz`. Concatenated members are joined,
/// as gunzip does.
enum Gzip {
    /// True when `data` starts with the gzip magic bytes 1f 8b.
    static func isCompressed(_ data: Data) -> Bool {
        data.count >= 2 && data[data.startIndex] == 0x1f && data[data.startIndex + 1] == 0x8b
    }

    /// The decompressed bytes of a gzip file.
    /// - Throws: `NIfTIError.corruptGzip` when the stream is damaged or ends early.
    static func decompress(_ data: Data, path: String) throws -> Data {
        var output = Data()
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        try data.withUnsafeBytes { (input: UnsafeRawBufferPointer) in
            var consumed = 0
            while consumed < input.count {
                var stream = z_stream()
                guard mindscope_inflate_init2(&stream, 15 + 16) == Z_OK else { throw NIfTIError.corruptGzip(path: path, reason: "zlib could not start") }
                defer { inflateEnd(&stream) }
                stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress!.advanced(by: consumed).assumingMemoryBound(to: Bytef.self))
                let available = input.count - consumed
                stream.avail_in = uInt(min(available, Int(UInt32.max)))
                var status = Z_OK
                while status != Z_STREAM_END {
                    status = chunk.withUnsafeMutableBufferPointer { buffer in
                        stream.next_out = buffer.baseAddress
                        stream.avail_out = uInt(buffer.count)
                        return inflate(&stream, Z_NO_FLUSH)
                    }
                    output.append(contentsOf: chunk[0..<(chunk.count - Int(stream.avail_out))])
                    switch status {
                    case Z_OK, Z_STREAM_END: continue
                    case Z_BUF_ERROR where stream.avail_in == 0:
                        throw NIfTIError.corruptGzip(path: path, reason: "the compressed stream ends early (truncated file)")
                    case Z_BUF_ERROR: continue
                    default:
                        let message = stream.msg.map { String(cString: $0) } ?? String(cString: zError(status))
                        throw NIfTIError.corruptGzip(path: path, reason: message)
                    }
                }
                consumed += available - Int(stream.avail_in)
                // Anything after a member must be another member; trailing zero padding is tolerated.
                if consumed < input.count, input[consumed] != 0x1f { break }
            }
        }
        return output
    }

    /// Compresses `data` as one gzip member (used by the NIfTI writer for .nii.gz).
    static func compress(_ data: Data, path: String) throws -> Data {
        var stream = z_stream()
        guard mindscope_deflate_init2(&stream, Z_DEFAULT_COMPRESSION, 15 + 16) == Z_OK else {
            throw NIfTIError.corruptGzip(path: path, reason: "zlib could not start compressing")
        }
        defer { deflateEnd(&stream) }
        var output = Data()
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        try data.withUnsafeBytes { (input: UnsafeRawBufferPointer) in
            stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
            stream.avail_in = uInt(input.count)
            var status = Z_OK
            while status != Z_STREAM_END {
                status = chunk.withUnsafeMutableBufferPointer { buffer in
                    stream.next_out = buffer.baseAddress
                    stream.avail_out = uInt(buffer.count)
                    return deflate(&stream, Z_FINISH)
                }
                guard status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR else {
                    throw NIfTIError.corruptGzip(path: path, reason: "deflate failed (status \(status))")
                }
                output.append(contentsOf: chunk[0..<(chunk.count - Int(stream.avail_out))])
            }
        }
        return output
    }
}
