/// Where the central directory of a zip archive is and how many entries it has, found from
/// the end-of-central-directory record (and its zip64 counterpart when the fields overflow).
struct ZipDirectoryLocation {
    let offset: Int
    let size: Int
    let entryCount: Int

    /// The end record is 22 bytes plus a comment of at most 65,535 bytes, at the end of the file.
    init(reader: ByteReader, path: String) throws {
        func corrupt(_ reason: String) -> FormatError { .corruptArchive(path: path, reason: reason) }
        let count = reader.bytes.count
        var end: Int?
        var candidate = count - 22
        while candidate >= max(0, count - 22 - 65_535) {
            if reader.uint32(at: candidate) == ZipSignature.endOfCentralDirectory { end = candidate; break }
            candidate -= 1
        }
        guard let end else {
            if reader.uint32(at: 0) != ZipSignature.localHeader { throw FormatError.badMagic(path: path, format: "zip") }
            throw corrupt("no end-of-central-directory record (the file is truncated)")
        }
        guard let disk = reader.uint16(at: end + 4), let directoryDisk = reader.uint16(at: end + 6),
              let entries16 = reader.uint16(at: end + 10), let size32 = reader.uint32(at: end + 12),
              let offset32 = reader.uint32(at: end + 16) else {
            throw corrupt("end-of-central-directory record is damaged")
        }
        guard disk == 0, directoryDisk == 0 else { throw corrupt("split (multi-disk) archives are not supported") }
        var entries = UInt64(entries16), size = UInt64(size32), offset = UInt64(offset32)
        var directoryEnd = UInt64(end)
        if entries16 == .max || size32 == .max || offset32 == .max {
            // Zip64: a locator just before the end record points at the zip64 end record.
            guard reader.uint32(at: end - 20) == ZipSignature.zip64Locator, let recordOffset = reader.uint64(at: end - 12),
                  let record = Int(exactly: recordOffset), reader.uint32(at: record) == ZipSignature.zip64EndOfCentralDirectory,
                  let entries64 = reader.uint64(at: record + 32), let size64 = reader.uint64(at: record + 40),
                  let offset64 = reader.uint64(at: record + 48) else {
                throw corrupt("zip64 end-of-central-directory record is missing or damaged")
            }
            (entries, size, offset, directoryEnd) = (entries64, size64, offset64, recordOffset)
        }
        guard offset <= directoryEnd, size <= directoryEnd - offset, entries <= size / 46 else {
            throw corrupt("central directory (\(size) bytes at \(offset), \(entries) entries) does not fit before its end record")
        }
        self.offset = Int(offset)
        self.size = Int(size)
        self.entryCount = Int(entries)
    }
}
