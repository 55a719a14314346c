import Foundation

/// Writes a zip archive member by member, streaming into an `AtomicFile` sink.
///
/// Members are stored or deflated; sizes and CRC go in the local header (no data descriptors).
/// Every timestamp is 1980-01-01 00:00, the zip epoch, so the same members give the same bytes.
/// Fields that overflow 32 bits switch to zip64 records (`forceZip64` does so always, for tests).
struct ZipWriter {
    private let path: String
    private let forceZip64: Bool
    private var central: [UInt8] = []
    private var names = Set<String>()
    private var entryCount = 0
    private var offset = 0

    private static let dosDate: UInt16 = 0x0021   // 1980-01-01
    private static let utf8NamesFlag: UInt16 = 1 << 11

    init(path: String, forceZip64: Bool = false) {
        self.path = path
        self.forceZip64 = forceZip64
    }

    /// Appends one member.
    /// - Throws: `FormatError.duplicateName`, or the sink's write error.
    mutating func add(name: String, contents: Data, compress: Bool, to sink: inout FileSink) throws {
        guard names.insert(name).inserted else { throw FormatError.duplicateName(path: path, kind: .member, name: name) }
        let crc = contents.withUnsafeBytes(Zlib.crc32)
        let payload = compress ? try contents.withUnsafeBytes { try Zlib.deflate($0, path: path) } : contents
        let method: UInt16 = compress ? 8 : 0
        let limit = Int(UInt32.max)
        let zip64 = forceZip64 || contents.count >= limit || payload.count >= limit || offset >= limit
        let extra = zip64 ? Self.zip64Extra([UInt64(contents.count), UInt64(payload.count)]) : []
        let nameBytes = Array(name.utf8)

        var local = ByteWriter()
        local.append(ZipSignature.localHeader)
        local.append(zip64 ? UInt16(45) : UInt16(20))   // version needed: 2.0 deflate, 4.5 zip64
        local.append(Self.utf8NamesFlag)
        local.append(method)
        local.append(UInt16(0))                 // time 00:00
        local.append(Self.dosDate)
        local.append(crc)
        local.append(zip64 ? UInt32.max : UInt32(payload.count))
        local.append(zip64 ? UInt32.max : UInt32(contents.count))
        local.append(UInt16(nameBytes.count))
        local.append(UInt16(extra.count))
        local.append(nameBytes)
        local.append(extra)
        try sink.write(local.bytes)
        try sink.write(payload)

        let centralExtra = zip64 ? Self.zip64Extra([UInt64(contents.count), UInt64(payload.count), UInt64(offset)]) : []
        var header = ByteWriter()
        header.append(ZipSignature.centralHeader)
        header.append(UInt16(0x0300 | 45))      // made by: Unix, spec 4.5
        header.append(zip64 ? UInt16(45) : UInt16(20))   // version needed: 2.0 deflate, 4.5 zip64
        header.append(Self.utf8NamesFlag)
        header.append(method)
        header.append(UInt16(0))
        header.append(Self.dosDate)
        header.append(crc)
        header.append(zip64 ? UInt32.max : UInt32(payload.count))
        header.append(zip64 ? UInt32.max : UInt32(contents.count))
        header.append(UInt16(nameBytes.count))
        header.append(UInt16(centralExtra.count))
        header.append(UInt16(0))                // comment length
        header.append(UInt16(0))                // disk
        header.append(UInt16(0))                // internal attributes
        header.append(UInt32(0o100644) << 16)   // external attributes: regular file, rw-r--r--
        header.append(zip64 ? UInt32.max : UInt32(offset))
        header.append(nameBytes)
        header.append(centralExtra)
        central += header.bytes

        offset += local.bytes.count + payload.count
        entryCount += 1
    }

    /// Writes the central directory and end records; call once, after the last member.
    mutating func finish(to sink: inout FileSink) throws {
        let directoryOffset = offset
        try sink.write(central)
        let limit = Int(UInt32.max)
        let zip64 = forceZip64 || entryCount >= Int(UInt16.max) || central.count >= limit || directoryOffset >= limit
        var end = ByteWriter()
        if zip64 {
            let recordOffset = directoryOffset + central.count
            end.append(ZipSignature.zip64EndOfCentralDirectory)
            end.append(UInt64(44))              // size of the rest of this record
            end.append(UInt16(0x0300 | 45))
            end.append(UInt16(45))
            end.append(UInt32(0))
            end.append(UInt32(0))
            end.append(UInt64(entryCount))
            end.append(UInt64(entryCount))
            end.append(UInt64(central.count))
            end.append(UInt64(directoryOffset))
            end.append(ZipSignature.zip64Locator)
            end.append(UInt32(0))
            end.append(UInt64(recordOffset))
            end.append(UInt32(1))
        }
        end.append(ZipSignature.endOfCentralDirectory)
        end.append(UInt16(0))
        end.append(UInt16(0))
        end.append(zip64 ? UInt16.max : UInt16(entryCount))
        end.append(zip64 ? UInt16.max : UInt16(entryCount))
        end.append(zip64 ? UInt32.max : UInt32(central.count))
        end.append(zip64 ? UInt32.max : UInt32(directoryOffset))
        end.append(UInt16(0))                   // comment length
        try sink.write(end.bytes)
    }

    /// A zip64 extended-information extra field holding `values`.
    private static func zip64Extra(_ values: [UInt64]) -> [UInt8] {
        var field = ByteWriter()
        field.append(ZipSignature.zip64Extra)
        field.append(UInt16(8 * values.count))
        for value in values { field.append(value) }
        return field.bytes
    }
}
