import Foundation

/// A zip archive read through a memory map: the central directory is parsed and checked when
/// opened; members are decompressed and CRC-checked when read. Handles stored and deflated
/// members and zip64 fields (which numpy's `savez` writes into every local header).
struct ZipArchive {
    /// One member, as the central directory describes it.
    struct Entry {
        let name: String
        let method: UInt16
        let flags: UInt16
        let crc32: UInt32
        let compressedSize: Int
        let uncompressedSize: Int
        let localHeaderOffset: Int
    }

    let path: String
    /// Members in central-directory order.
    let entries: [Entry]
    private let mapping: MappedFile
    /// Where the central directory starts: member data must end before it.
    private let centralDirectoryOffset: Int

    /// Opens and checks the archive at `url`.
    /// - Throws: `FormatError.badMagic` (not a zip), `.corruptArchive`, `.duplicateName`.
    init(url: URL) throws {
        mapping = try MappedFile(url: url)
        path = mapping.path
        let reader = ByteReader(bytes: mapping.bytes)
        let directory = try ZipDirectoryLocation(reader: reader, path: path)
        centralDirectoryOffset = directory.offset
        var entries: [Entry] = []
        var names = Set<String>()
        var position = directory.offset
        for _ in 0..<directory.entryCount {
            let (entry, next) = try Self.parseCentralHeader(reader, at: position, path: path)
            guard names.insert(entry.name).inserted else { throw FormatError.duplicateName(path: path, kind: .member, name: entry.name) }
            entries.append(entry)
            position = next
        }
        guard position <= directory.offset + directory.size else {
            throw FormatError.corruptArchive(path: path, reason: "central directory is longer than its end record says")
        }
        self.entries = entries
    }

    private static func parseCentralHeader(_ reader: ByteReader, at offset: Int, path: String) throws -> (Entry, Int) {
        func corrupt(_ reason: String) -> FormatError { .corruptArchive(path: path, reason: reason) }
        guard reader.uint32(at: offset) == ZipSignature.centralHeader,
              let flags = reader.uint16(at: offset + 8), let method = reader.uint16(at: offset + 10),
              let crc = reader.uint32(at: offset + 16), let compressed32 = reader.uint32(at: offset + 20),
              let uncompressed32 = reader.uint32(at: offset + 24), let nameLength = reader.uint16(at: offset + 28),
              let extraLength = reader.uint16(at: offset + 30), let commentLength = reader.uint16(at: offset + 32),
              let localOffset32 = reader.uint32(at: offset + 42) else {
            throw corrupt("central directory header at byte \(offset) is damaged")
        }
        let nameStart = offset + 46
        guard let nameBytes = reader.slice(nameStart..<(nameStart + Int(nameLength))),
              let extra = reader.slice((nameStart + Int(nameLength))..<(nameStart + Int(nameLength) + Int(extraLength))) else {
            throw corrupt("central directory header at byte \(offset) runs past the end of the file")
        }
        let name = String(decoding: nameBytes, as: UTF8.self)
        var fields = Zip64Fields(uncompressed: UInt64(uncompressed32), compressed: UInt64(compressed32), localOffset: UInt64(localOffset32))
        try fields.resolve(extra: extra, path: path, member: name)
        guard let compressed = Int(exactly: fields.compressed), let uncompressed = Int(exactly: fields.uncompressed),
              let localOffset = Int(exactly: fields.localOffset) else {
            throw corrupt("member '\(name)' declares sizes beyond this machine's address space")
        }
        if flags & 1 != 0 { throw corrupt("member '\(name)' is encrypted") }
        let entry = Entry(name: name, method: method, flags: flags, crc32: crc, compressedSize: compressed,
                          uncompressedSize: uncompressed, localHeaderOffset: localOffset)
        return (entry, nameStart + Int(nameLength) + Int(extraLength) + Int(commentLength))
    }

    /// The uncompressed bytes of `entry`, after checking its local header, size and CRC-32.
    /// - Throws: `FormatError.corruptArchive`, `.unsupportedCompression`, `.crcMismatch`.
    func contents(of entry: Entry) throws -> Data {
        func corrupt(_ reason: String) -> FormatError { .corruptArchive(path: path, reason: "member '\(entry.name)': \(reason)") }
        let reader = ByteReader(bytes: mapping.bytes)
        let offset = entry.localHeaderOffset
        guard reader.uint32(at: offset) == ZipSignature.localHeader,
              let method = reader.uint16(at: offset + 8), let nameLength = reader.uint16(at: offset + 26),
              let extraLength = reader.uint16(at: offset + 28),
              let localName = reader.slice((offset + 30)..<(offset + 30 + Int(nameLength))) else {
            throw corrupt("local header at byte \(offset) is missing or damaged")
        }
        guard String(decoding: localName, as: UTF8.self) == entry.name, method == entry.method else {
            throw corrupt("local header disagrees with the central directory")
        }
        let dataStart = offset + 30 + Int(nameLength) + Int(extraLength)
        let (dataEnd, overflow) = dataStart.addingReportingOverflow(entry.compressedSize)
        guard !overflow, dataEnd <= centralDirectoryOffset, let data = reader.slice(dataStart..<dataEnd) else {
            throw corrupt("data runs past the start of the central directory")
        }
        let contents: Data
        switch entry.method {
        case 0:
            guard entry.compressedSize == entry.uncompressedSize else { throw corrupt("stored member with different compressed and uncompressed sizes") }
            contents = Data(data)
        case 8:
            // DEFLATE expands at most about 1032:1; a larger claim is damage, not data.
            guard entry.uncompressedSize <= entry.compressedSize * 1032 + 1024 else {
                throw corrupt("declares \(entry.uncompressedSize) bytes from \(entry.compressedSize) compressed bytes")
            }
            contents = try Zlib.inflate(data, expectedSize: entry.uncompressedSize, path: path, member: entry.name)
        default:
            throw FormatError.unsupportedCompression(path: path, member: entry.name, method: Int(entry.method))
        }
        guard contents.withUnsafeBytes(Zlib.crc32) == entry.crc32 else { throw FormatError.crcMismatch(path: path, member: entry.name) }
        return contents
    }
}

/// Sizes and offset of a member, with any 0xFFFFFFFF placeholder replaced from the zip64 extra field.
struct Zip64Fields {
    var uncompressed: UInt64
    var compressed: UInt64
    var localOffset: UInt64

    /// Replaces placeholders with the 8-byte values of the zip64 extra field, which holds exactly
    /// the fields that are placeholders, in the order uncompressed, compressed, offset.
    mutating func resolve(extra: UnsafeRawBufferPointer, path: String, member: String) throws {
        let placeholder = UInt64(UInt32.max)
        guard uncompressed == placeholder || compressed == placeholder || localOffset == placeholder else { return }
        let reader = ByteReader(bytes: extra)
        var position = 0
        while let id = reader.uint16(at: position), let size = reader.uint16(at: position + 2) {
            if id == ZipSignature.zip64Extra {
                var field = position + 4
                func next() throws -> UInt64 {
                    guard field + 8 <= position + 4 + Int(size), let value = reader.uint64(at: field) else {
                        throw FormatError.corruptArchive(path: path, reason: "member '\(member)': zip64 extra field is too short")
                    }
                    field += 8
                    return value
                }
                if uncompressed == placeholder { uncompressed = try next() }
                if compressed == placeholder { compressed = try next() }
                if localOffset == placeholder { localOffset = try next() }
                return
            }
            position += 4 + Int(size)
        }
        throw FormatError.corruptArchive(path: path, reason: "member '\(member)': sizes need a zip64 extra field, which is missing")
    }
}
