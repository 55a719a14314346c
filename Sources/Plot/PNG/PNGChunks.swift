import CZlib

/// Reading and writing PNG chunks directly: libpng's simplified API cannot write text chunks,
/// so they are spliced into its output after the IHDR chunk.
enum PNGChunks {
    static let signature: [UInt8] = [137, 80, 78, 71, 13, 10, 26, 10]

    /// One chunk: 4-byte big-endian length, type, data, CRC-32 of type and data.
    static func chunk(type: String, data: [UInt8]) -> [UInt8] {
        let typeBytes = Array(type.utf8)
        var out = bigEndian(UInt32(data.count)) + typeBytes + data
        out += bigEndian(crc(typeBytes + data))
        return out
    }

    static func crc(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBufferPointer { UInt32(crc32(0, $0.baseAddress, uInt($0.count))) }
    }

    static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }

    static func readBigEndian(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        bytes[offset..<offset + 4].reduce(0) { ($0 << 8) | UInt32($1) }
    }

    /// The chunk holding one metadata entry: `tEXt` when the text is Latin-1, else `iTXt` (UTF-8).
    /// - Throws: `PlotError.invalidMetadata` for a keyword PNG does not allow.
    static func textChunk(_ entry: PNGMetadata.Entry) throws -> [UInt8] {
        let keyword = entry.keyword.unicodeScalars
        guard (1...79).contains(keyword.count),
              keyword.allSatisfy({ (32...126).contains($0.value) || (161...255).contains($0.value) }),
              !entry.keyword.hasPrefix(" "), !entry.keyword.hasSuffix(" "), !entry.keyword.contains("  ") else {
            throw PlotError.invalidMetadata(reason: "keyword '\(entry.keyword)' must be 1–79 printable Latin-1 characters without leading, trailing or double spaces")
        }
        let keywordBytes = keyword.map { UInt8($0.value) }
        let text = entry.text.unicodeScalars
        if text.allSatisfy({ $0.value > 0 && $0.value < 256 }) {
            return chunk(type: "tEXt", data: keywordBytes + [0] + text.map { UInt8($0.value) })
        }
        guard !text.contains("\0") else { throw PlotError.invalidMetadata(reason: "text under '\(entry.keyword)' contains a NUL character") }
        // iTXt: keyword, NUL, compression flag 0, method 0, empty language tag, empty translated keyword.
        return chunk(type: "iTXt", data: keywordBytes + [0, 0, 0, 0, 0] + Array(entry.text.utf8))
    }

    /// `png` with the chunks of `metadata` inserted right after its IHDR chunk.
    static func inserting(_ metadata: PNGMetadata, into png: [UInt8]) throws -> [UInt8] {
        guard !metadata.entries.isEmpty else { return png }
        guard png.count >= 33, Array(png[0..<8]) == signature, Array(png[12..<16]) == Array("IHDR".utf8) else {
            throw PlotError.pngEncodingFailed(reason: "libpng output does not start with a PNG header")
        }
        let headerEnd = 8 + 12 + Int(readBigEndian(png, at: 8))
        var out = Array(png[0..<headerEnd])
        for entry in metadata.entries { out += try textChunk(entry) }
        out += png[headerEnd...]
        return out
    }

    /// The `tEXt` and `iTXt` entries of a PNG byte stream, checking every chunk's CRC.
    /// - Throws: `PlotError.pngUnreadable` (with `path` in the message) for a damaged stream.
    static func textEntries(in png: [UInt8], path: String) throws -> PNGMetadata {
        func damaged(_ reason: String) -> PlotError { .pngUnreadable(path: path, reason: reason) }
        guard png.count >= 8, Array(png[0..<8]) == signature else { throw damaged("not a PNG file") }
        var entries: [PNGMetadata.Entry] = []
        var offset = 8
        while offset + 12 <= png.count {
            let length = Int(readBigEndian(png, at: offset))
            guard offset + 12 + length <= png.count else { throw damaged("chunk at byte \(offset) runs past the end") }
            let type = String(decoding: png[offset + 4..<offset + 8], as: UTF8.self)
            let body = Array(png[offset + 8..<offset + 8 + length])
            guard crc(Array(png[offset + 4..<offset + 8]) + body) == readBigEndian(png, at: offset + 8 + length) else {
                throw damaged("\(type) chunk at byte \(offset) fails its CRC")
            }
            if type == "tEXt" || type == "iTXt", let nul = body.firstIndex(of: 0) {
                let keyword = String(body[..<nul].map { Character(Unicode.Scalar($0)) })
                if type == "tEXt" {
                    entries.append(.init(keyword: keyword, text: String(body[(nul + 1)...].map { Character(Unicode.Scalar($0)) })))
                } else if body.count > nul + 2, body[nul + 1] == 0 {
                    // Skip the flags, then the language tag and translated keyword (each NUL-terminated).
                    var start = nul + 3
                    for _ in 0..<2 { start = (body[start...].firstIndex(of: 0) ?? body.count - 1) + 1 }
                    entries.append(.init(keyword: keyword, text: String(decoding: body[min(start, body.count)...], as: UTF8.self)))
                }
            }
            if type == "IEND" { break }
            offset += 12 + length
        }
        return PNGMetadata(entries: entries)
    }
}
