/// The header of a .npy file: format version, element type, byte order, memory order and shape.
///
/// Layout: magic `\x93NUMPY`, major and minor version bytes, the header length (2 bytes
/// little-endian in version 1.0, 4 bytes in 2.0 and 3.0), then a Python dict literal with exactly
/// the keys `descr`, `fortran_order` and `shape`, padded with spaces and a newline.
struct NpyHeader {
    var dtype: NpyArray.DType
    var bigEndian: Bool
    var fortranOrder: Bool
    var shape: [Int]
    var elementCount: Int
    /// Offset of the first data byte.
    var dataOffset: Int

    static let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]   // \x93NUMPY
    /// Headers longer than this are refused (numpy's default limit is 10,000 bytes).
    static let maximumLength = 1 << 20

    init(bytes: UnsafeRawBufferPointer, path: String) throws {
        let prefix = min(bytes.count, Self.magic.count)
        guard bytes.prefix(prefix).elementsEqual(Self.magic.prefix(prefix)) else { throw FormatError.badMagic(path: path, format: ".npy") }
        guard bytes.count >= 10 else { throw FormatError.truncated(path: path, expected: "the .npy preamble") }
        let (major, minor) = (bytes[6], bytes[7])
        let lengthSize: Int
        switch (major, minor) {
        case (1, 0): lengthSize = 2
        case (2, 0), (3, 0): lengthSize = 4
        default: throw FormatError.unsupportedVersion(path: path, format: ".npy", version: "\(major).\(minor)")
        }
        guard bytes.count >= 8 + lengthSize else { throw FormatError.truncated(path: path, expected: "the .npy header length") }
        let length = (0..<lengthSize).reduce(0) { $0 | Int(bytes[8 + $1]) << (8 * $1) }
        let start = 8 + lengthSize
        guard length <= Self.maximumLength else {
            throw FormatError.invalidNpyHeader(path: path, reason: "header length \(length) exceeds \(Self.maximumLength) bytes")
        }
        guard start + length <= bytes.count else { throw FormatError.truncated(path: path, expected: "the end of the .npy header") }
        guard let text = String(validating: bytes[start..<(start + length)], as: UTF8.self) else {
            throw FormatError.invalidNpyHeader(path: path, reason: "header is not UTF-8 text")
        }
        try self.init(text: text, path: path, dataOffset: start + length)
    }

    private init(text: String, path: String, dataOffset: Int) throws {
        func invalid(_ reason: String) -> FormatError { .invalidNpyHeader(path: path, reason: reason) }
        let literal: PythonLiteral
        do { literal = try PythonLiteral.parse(text) } catch let error as PythonLiteral.SyntaxError {
            throw invalid(error.message)
        }
        guard case .dict(let pairs) = literal else { throw invalid("header is not a dict") }
        let fields = Dictionary(pairs.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
        guard Set(pairs.map(\.key)) == ["descr", "fortran_order", "shape"], pairs.count == 3 else {
            throw invalid("keys are \(pairs.map(\.key)), expected descr, fortran_order and shape")
        }
        guard case .string(let descr) = fields["descr"] else { throw invalid("descr is not a string (structured dtypes are not supported)") }
        guard let (dtype, bigEndian) = Self.parseDescr(descr) else { throw FormatError.unsupportedNpyDType(path: path, descr: descr) }
        guard case .bool(let fortranOrder) = fields["fortran_order"] else { throw invalid("fortran_order is not True or False") }
        guard case .tuple(let extents) = fields["shape"] else { throw invalid("shape is not a tuple") }
        var shape: [Int] = []
        var count = 1
        for extent in extents {
            guard case .integer(let value) = extent, value >= 0 else { throw invalid("shape holds something other than non-negative integers") }
            let (product, overflow) = count.multipliedReportingOverflow(by: value)
            guard !overflow, !product.multipliedReportingOverflow(by: dtype.byteSize).overflow else {
                let text = extents.map { extent in if case .integer(let value) = extent { return String(value) } else { return "?" } }
                throw invalid("shape [\(text.joined(separator: ", "))] is too large to address")
            }
            shape.append(value)
            count = product
        }
        self.dtype = dtype
        self.bigEndian = bigEndian
        self.fortranOrder = fortranOrder
        self.shape = shape
        self.elementCount = count
        self.dataOffset = dataOffset
    }

    /// Element type and byte order of a descriptor such as `<f4`, `>i8` or `|b1`.
    static func parseDescr(_ descr: String) -> (NpyArray.DType, bigEndian: Bool)? {
        guard descr.count == 3, let order = descr.first, "<>|=".contains(order) else { return nil }
        let code = String(descr.dropFirst())
        guard let dtype = NpyArray.DType.allCases.first(where: { $0.rawValue.dropFirst() == code }) else { return nil }
        if dtype.byteSize == 1 { return (dtype, false) }
        guard order != "|" else { return nil }
        return (dtype, order == ">")
    }
}
