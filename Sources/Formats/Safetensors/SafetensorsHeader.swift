import Foundation

/// The validated header of a safetensors file: tensor entries and `__metadata__`.
///
/// Layout: 8 bytes little-endian header length N, N bytes of JSON, then the data section. The
/// checks follow the reference reader: the length fits in the file, the JSON is an object whose
/// entries have a known dtype, a shape of non-negative integers and two data offsets; shape ×
/// dtype size equals the byte span (computed without overflow); and the spans, sorted, tile the
/// data section exactly — no overlaps, no gaps, nothing past the end, no trailing bytes.
struct SafetensorsHeader {
    /// Tensor entries in data-section order.
    var tensors: [SafetensorsTensorInfo]
    /// String → string pairs under `__metadata__`.
    var metadata: [String: String]
    /// Offset of the data section from the start of the file.
    var dataOffset: Int

    /// Headers larger than this are refused, as the reference reader does (100 MB).
    static let maximumHeaderLength: UInt64 = 100_000_000

    /// Parses and validates the header at the start of `bytes` (the whole file).
    /// - Throws: `FormatError` naming `path` and the first problem found.
    init(bytes: UnsafeRawBufferPointer, path: String) throws {
        guard bytes.count >= 8 else { throw FormatError.truncated(path: path, expected: "the 8-byte header length") }
        let headerLength = UInt64(littleEndian: bytes.loadUnaligned(as: UInt64.self))
        guard headerLength <= UInt64(bytes.count - 8) else {
            throw FormatError.headerLengthPastEnd(path: path, headerLength: headerLength, fileSize: bytes.count)
        }
        guard headerLength <= Self.maximumHeaderLength else {
            throw FormatError.invalidHeader(path: path, reason: "\(headerLength) bytes of header exceed the 100 MB limit")
        }
        dataOffset = 8 + Int(headerLength)
        let json = Data(bytes[8..<dataOffset])
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: json)
        } catch {
            throw FormatError.invalidHeaderJSON(path: path, reason: JSONFile.describe(error))
        }
        guard let entries = object as? [String: Any] else {
            throw FormatError.invalidHeaderJSON(path: path, reason: "the top level is not an object")
        }
        metadata = [:]
        var infos: [SafetensorsTensorInfo] = []
        let dataSize = bytes.count - dataOffset
        // Sorted, so that a file with several problems always reports the same one.
        for (name, entry) in entries.sorted(by: { $0.key < $1.key }) {
            if name == "__metadata__" {
                metadata = try Self.parseMetadata(entry, path: path)
                continue
            }
            let (info, byteCount) = try Self.parseEntry(name: name, entry, path: path)
            guard info.dataRange.upperBound <= dataSize else {
                throw FormatError.offsetsOutOfBounds(path: path, tensor: name, end: info.dataRange.upperBound, dataSize: dataSize)
            }
            guard byteCount == info.dataRange.count else {
                throw FormatError.byteCountMismatch(path: path, tensor: name, expected: byteCount, actual: info.dataRange.count)
            }
            infos.append(info)
        }
        tensors = try Self.checkTiling(infos, dataSize: dataSize, path: path)
    }

    private static func parseMetadata(_ entry: Any, path: String) throws -> [String: String] {
        guard let dictionary = entry as? [String: Any] else {
            throw FormatError.invalidHeader(path: path, reason: "__metadata__ is not an object")
        }
        var metadata: [String: String] = [:]
        for (key, value) in dictionary {
            guard let text = value as? String else {
                throw FormatError.invalidHeader(path: path, reason: "__metadata__ value of '\(key)' is not a string")
            }
            metadata[key] = text
        }
        return metadata
    }

    /// One tensor entry and the byte count its shape and dtype call for.
    private static func parseEntry(name: String, _ entry: Any, path: String) throws -> (SafetensorsTensorInfo, Int) {
        func invalid(_ reason: String) -> FormatError { .invalidHeader(path: path, reason: "tensor '\(name)' \(reason)") }
        guard let fields = entry as? [String: Any] else { throw invalid("is not an object") }
        if let unexpected = fields.keys.sorted().first(where: { !["dtype", "shape", "data_offsets"].contains($0) }) {
            throw invalid("has unexpected key '\(unexpected)'")
        }
        guard let dtypeName = fields["dtype"] as? String else { throw invalid("has no dtype string") }
        guard let dtype = SafetensorsDType(rawValue: dtypeName) else {
            throw FormatError.unknownDType(path: path, tensor: name, dtype: dtypeName)
        }
        guard let rawShape = fields["shape"] as? [Any] else { throw invalid("has no shape array") }
        guard let rawOffsets = fields["data_offsets"] as? [Any], rawOffsets.count == 2 else {
            throw invalid("has no data_offsets pair")
        }
        let shapeText = Self.render(rawShape)
        var shape: [Int] = []
        var elements = 1
        for extent in rawShape {
            switch JSONInteger(extent) {
            case .value(let value):
                shape.append(value)
                let (product, overflow) = elements.multipliedReportingOverflow(by: value)
                if overflow { throw FormatError.shapeOverflow(path: path, tensor: name, shape: shapeText) }
                elements = product
            case .tooLarge: throw FormatError.shapeOverflow(path: path, tensor: name, shape: shapeText)
            case .invalid: throw invalid("has shape \(shapeText), which is not a list of non-negative integers")
            }
        }
        let (byteCount, overflow) = elements.multipliedReportingOverflow(by: dtype.byteSize)
        if overflow { throw FormatError.shapeOverflow(path: path, tensor: name, shape: shapeText) }
        let offsets = rawOffsets.map(JSONInteger.init)
        guard case .value(let begin) = offsets[0], case .value(let end) = offsets[1], begin <= end else {
            throw invalid("has data_offsets \(Self.render(rawOffsets)), which are not two increasing non-negative integers")
        }
        return (SafetensorsTensorInfo(name: name, dtype: dtype, shape: shape, dataRange: begin..<end), byteCount)
    }

    /// A JSON array of numbers as `[1, 2]`, for messages.
    private static func render(_ values: [Any]) -> String {
        "[" + values.map { "\($0)" }.joined(separator: ", ") + "]"
    }

    /// Sorts the entries by offset and checks that they tile `0..<dataSize` exactly.
    private static func checkTiling(_ infos: [SafetensorsTensorInfo], dataSize: Int, path: String) throws -> [SafetensorsTensorInfo] {
        let ordered = infos.sorted {
            ($0.dataRange.lowerBound, $0.dataRange.upperBound, $0.name) < ($1.dataRange.lowerBound, $1.dataRange.upperBound, $1.name)
        }
        var covered = 0
        var previous: String?
        for info in ordered {
            if info.dataRange.lowerBound < covered, let previous {
                throw FormatError.overlappingTensors(path: path, first: previous, second: info.name)
            }
            if info.dataRange.lowerBound > covered {
                throw FormatError.uncoveredBytes(path: path, range: covered..<info.dataRange.lowerBound)
            }
            if !info.dataRange.isEmpty || previous == nil { previous = info.name }
            covered = max(covered, info.dataRange.upperBound)
        }
        if covered < dataSize { throw FormatError.uncoveredBytes(path: path, range: covered..<dataSize) }
        return ordered
    }
}
