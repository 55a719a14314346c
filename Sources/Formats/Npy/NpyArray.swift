import Tensors

/// An n-dimensional array as stored in a .npy file: shape, element type and values in C
/// (row-major) order. Float32 arrays hold a `Tensor` (borrowing a memory-mapped file when read
/// from one); the other types hold Swift arrays.
public struct NpyArray: Equatable, Sendable {
    /// The element types read and written, spelled as numpy's little-endian descriptors.
    public enum DType: String, CaseIterable, Sendable {
        case float32 = "<f4", float64 = "<f8", int64 = "<i8", int32 = "<i4", uint8 = "|u1", bool = "|b1"

        /// Bytes per element.
        public var byteSize: Int {
            switch self {
            case .float64, .int64: return 8
            case .float32, .int32: return 4
            case .uint8, .bool: return 1
            }
        }
    }

    /// The values, by element type.
    public enum Values: Equatable, Sendable {
        case float32(Tensor)
        case float64([Double])
        case int64([Int64])
        case int32([Int32])
        case uint8([UInt8])
        case bool([Bool])
    }

    /// Extent of each axis (`[]` for a 0-d array, which has one element).
    public let shape: [Int]
    /// The elements in row-major order.
    public let values: Values
    /// The file (or `archive.npz:name`) the array came from, named in errors; not compared by `==`.
    public var source: String = "array"

    /// A float32 array with the tensor's shape and values (not copied).
    public init(_ tensor: Tensor) {
        shape = tensor.shape
        values = .float32(tensor)
    }

    /// An array of `values` in row-major order with the given shape.
    /// - Precondition: `values` holds exactly as many elements as `shape` calls for.
    public init(_ values: Values, shape: [Int]) {
        let expected = shape.reduce(1, *)
        precondition(values.count == expected, "\(values.count) values do not fill shape \(shape)")
        if case .float32(let tensor) = values {
            self.values = .float32(tensor.shape == shape ? tensor : tensor.reshaped(shape))
        } else {
            self.values = values
        }
        self.shape = shape
    }

    /// The element type.
    public var dtype: DType {
        switch values {
        case .float32: return .float32
        case .float64: return .float64
        case .int64: return .int64
        case .int32: return .int32
        case .uint8: return .uint8
        case .bool: return .bool
        }
    }

    /// Number of elements.
    public var count: Int { values.count }

    /// Same shape, type and elements.
    public static func == (lhs: NpyArray, rhs: NpyArray) -> Bool { lhs.shape == rhs.shape && lhs.values == rhs.values }

    /// The values as a `Float` tensor of this shape: float32 without copying, other types
    /// converted (float64 and integers beyond 2²⁴ round to nearest; booleans become 0/1).
    public func tensor() -> Tensor {
        switch values {
        case .float32(let tensor): return tensor
        case .float64(let values): return Tensor(values.map { Float($0) }, shape: shape)
        case .int64(let values): return Tensor(values.map { Float($0) }, shape: shape)
        case .int32(let values): return Tensor(values.map { Float($0) }, shape: shape)
        case .uint8(let values): return Tensor(values.map { Float($0) }, shape: shape)
        case .bool(let values): return Tensor(values.map { $0 ? 1 : 0 }, shape: shape)
        }
    }

    /// The values as `Double` (exact except for 64-bit integers beyond 2⁵³).
    public func doubles() -> [Double] {
        switch values {
        case .float32(let tensor): return tensor.scalars.map(Double.init)
        case .float64(let values): return values
        case .int64(let values): return values.map(Double.init)
        case .int32(let values): return values.map(Double.init)
        case .uint8(let values): return values.map(Double.init)
        case .bool(let values): return values.map { $0 ? 1 : 0 }
        }
    }

    /// The values of an integer or boolean array as `Int64` (booleans become 0/1).
    /// - Throws: `FormatError.wrongElementType` for float arrays.
    public func int64s() throws -> [Int64] {
        switch values {
        case .int64(let values): return values
        case .int32(let values): return values.map(Int64.init)
        case .uint8(let values): return values.map(Int64.init)
        case .bool(let values): return values.map { $0 ? 1 : 0 }
        case .float32, .float64:
            throw FormatError.wrongElementType(path: source, name: "array", stored: dtype.rawValue, requested: "Int64")
        }
    }

    /// The values of a boolean array.
    /// - Throws: `FormatError.wrongElementType` for other types.
    public func bools() throws -> [Bool] {
        guard case .bool(let values) = values else {
            throw FormatError.wrongElementType(path: source, name: "array", stored: dtype.rawValue, requested: "Bool")
        }
        return values
    }
}

extension NpyArray.Values {
    /// Number of elements.
    public var count: Int {
        switch self {
        case .float32(let tensor): return tensor.count
        case .float64(let values): return values.count
        case .int64(let values): return values.count
        case .int32(let values): return values.count
        case .uint8(let values): return values.count
        case .bool(let values): return values.count
        }
    }
}
