import Foundation
import Tensors

/// Read access to named tensors, shared by a single safetensors file and a sharded checkpoint,
/// so model loaders can take either.
public protocol SafetensorsReading: Sendable {
    /// Every tensor name, sorted.
    var names: [String] { get }
    /// The validated header entry of a tensor.
    /// - Throws: `FormatError.notFound` (with near names) when there is no such tensor.
    func info(named name: String) throws -> SafetensorsTensorInfo
    /// The tensor converted to `Float`; F32 data is borrowed from the mapping without copying.
    func tensor(named name: String) throws -> Tensor
    /// The values as `Double` (any dtype).
    func doubles(named name: String) throws -> [Double]
    /// The values of an integer or BOOL tensor as `Int64`.
    func int64s(named name: String) throws -> [Int64]
    /// The values of an integer or BOOL tensor as `Int32`.
    /// - Throws: `FormatError.wrongElementType` for float tensors or values outside Int32.
    func int32s(named name: String) throws -> [Int32]
}

extension SafetensorsReading {
    /// Whether a tensor of this name exists.
    public func contains(_ name: String) -> Bool { names.contains(name) }
}

/// `Int64` values narrowed to `Int32`, or an error naming the first that does not fit.
func narrowToInt32(_ wide: [Int64], path: String, name: String) throws -> [Int32] {
    var narrow = [Int32]()
    narrow.reserveCapacity(wide.count)
    for value in wide {
        guard let exact = Int32(exactly: value) else {
            throw FormatError.wrongElementType(path: path, name: name, stored: "integer", requested: "Int32 (value \(value) is out of range)")
        }
        narrow.append(exact)
    }
    return narrow
}

/// A safetensors file, memory-mapped and validated when opened.
///
/// Opening reads only the header; tensors are converted when asked for. `tensor(named:)` on F32
/// data aligned to 4 bytes (every file written by the reference writers) returns a tensor that
/// borrows the mapping: no copy, and the mapping stays alive while the tensor does.
public struct SafetensorsFile: SafetensorsReading {
    /// The file, as given, for messages.
    public let path: String
    /// Key/value strings from the header's `__metadata__` (empty when absent).
    public let metadata: [String: String]
    /// Header entries in data order.
    public let tensorInfos: [SafetensorsTensorInfo]
    /// Every tensor name, sorted.
    public let names: [String]
    private let byName: [String: SafetensorsTensorInfo]
    private let mapping: MappedFile
    private let dataOffset: Int

    /// Maps and validates the file at `url`.
    /// - Throws: `FormatError` naming the file and the first problem in its header.
    public init(url: URL) throws {
        mapping = try MappedFile(url: url)
        path = mapping.path
        let header = try SafetensorsHeader(bytes: mapping.bytes, path: path)
        metadata = header.metadata
        tensorInfos = header.tensors
        dataOffset = header.dataOffset
        byName = Dictionary(uniqueKeysWithValues: header.tensors.map { ($0.name, $0) })
        names = byName.keys.sorted()
    }

    /// The header entry of `name`.
    /// - Throws: `FormatError.notFound` listing the nearest names.
    public func info(named name: String) throws -> SafetensorsTensorInfo {
        guard let info = byName[name] else {
            throw FormatError.notFound(path: path, kind: .tensor, name: name, available: names)
        }
        return info
    }

    /// The tensor `name` as `Float`: borrowed for aligned F32, converted otherwise (F16/BF16
    /// exactly; F64, I32 and I64 round to nearest when beyond Float's precision).
    /// - Complexity: O(1) for aligned F32, O(n) otherwise.
    public func tensor(named name: String) throws -> Tensor {
        let info = try info(named: name)
        let count = info.elementCount
        let start = dataOffset + info.dataRange.lowerBound
        if info.dtype == .f32, let address = mapping.mutableAddress(at: start), Int(bitPattern: address) % 4 == 0 {
            let storage = TensorStorage(borrowing: address.assumingMemoryBound(to: Float.self), capacity: count, owner: mapping)
            return Tensor(shape: info.shape, storage: storage)
        }
        let elements = raw(info)
        return Tensor(shape: info.shape) { buffer in
            if let base = buffer.baseAddress { elements.convert(into: base) }
        }
    }

    /// The values of `name` as `Double`, exactly for every float dtype.
    public func doubles(named name: String) throws -> [Double] {
        let elements = raw(try info(named: name))
        return .filled(count: elements.count) { elements.convert(into: $0) }
    }

    /// The values of an integer or BOOL tensor as `Int64`.
    /// - Throws: `FormatError.wrongElementType` for float dtypes.
    public func int64s(named name: String) throws -> [Int64] {
        let info = try info(named: name)
        guard info.dtype.isInteger else {
            throw FormatError.wrongElementType(path: path, name: name, stored: info.dtype.rawValue, requested: "Int64")
        }
        let elements = raw(info)
        return .filled(count: elements.count) { elements.convert(into: $0) }
    }

    /// The values of an integer or BOOL tensor as `Int32`.
    /// - Throws: `FormatError.wrongElementType` for float dtypes or values outside Int32.
    public func int32s(named name: String) throws -> [Int32] {
        try narrowToInt32(int64s(named: name), path: path, name: name)
    }

    /// The raw bytes of a tensor (little-endian, as stored); valid while this file value lives.
    public func withUnsafeBytes<R>(of name: String, _ body: (UnsafeRawBufferPointer) throws -> R) throws -> R {
        let info = try info(named: name)
        let bytes = mapping.bytes
        return try body(UnsafeRawBufferPointer(rebasing: bytes[(dataOffset + info.dataRange.lowerBound)..<(dataOffset + info.dataRange.upperBound)]))
    }

    private func raw(_ info: SafetensorsTensorInfo) -> RawElements {
        // A validated file has at least its 8-byte length prefix, so the mapping exists.
        let base = mapping.bytes.baseAddress! + dataOffset + info.dataRange.lowerBound
        return RawElements(base: base, count: info.elementCount, kind: info.dtype.storedScalar)
    }
}

extension SafetensorsDType {
    var storedScalar: StoredScalar {
        switch self {
        case .f64: return .float64
        case .f32: return .float32
        case .f16: return .float16
        case .bf16: return .bfloat16
        case .i64: return .int64
        case .i32: return .int32
        case .i16: return .int16
        case .i8: return .int8
        case .u8: return .uint8
        case .bool: return .bool
        }
    }
}
