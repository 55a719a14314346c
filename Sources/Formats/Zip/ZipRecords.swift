/// Signatures and little-endian field access for the zip records (PKWARE APPNOTE 6.3).
enum ZipSignature {
    static let localHeader: UInt32 = 0x0403_4B50
    static let centralHeader: UInt32 = 0x0201_4B50
    static let endOfCentralDirectory: UInt32 = 0x0605_4B50
    static let zip64EndOfCentralDirectory: UInt32 = 0x0606_4B50
    static let zip64Locator: UInt32 = 0x0706_4B50
    /// Header ID of the zip64 extended-information extra field.
    static let zip64Extra: UInt16 = 0x0001
}

/// Bounds-checked little-endian reads from a byte buffer; `nil` past the end.
struct ByteReader {
    let bytes: UnsafeRawBufferPointer

    func uint16(at offset: Int) -> UInt16? { value(at: offset) }
    func uint32(at offset: Int) -> UInt32? { value(at: offset) }
    func uint64(at offset: Int) -> UInt64? { value(at: offset) }

    private func value<T: FixedWidthInteger>(at offset: Int) -> T? {
        guard offset >= 0, offset <= bytes.count - MemoryLayout<T>.size else { return nil }
        return T(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: T.self))
    }

    /// The bytes of `range`, or nil when it leaves the buffer.
    func slice(_ range: Range<Int>) -> UnsafeRawBufferPointer? {
        guard range.lowerBound >= 0, range.upperBound <= bytes.count else { return nil }
        return UnsafeRawBufferPointer(rebasing: bytes[range])
    }
}

/// Appends little-endian fields, for writing zip records.
struct ByteWriter {
    var bytes: [UInt8] = []

    mutating func append<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func append(_ data: [UInt8]) { bytes.append(contentsOf: data) }
}
