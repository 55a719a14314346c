/// Element types of safetensors files that this module reads, spelled as in the header.
public enum SafetensorsDType: String, CaseIterable, Sendable {
    case f64 = "F64", f32 = "F32", f16 = "F16", bf16 = "BF16"
    case i64 = "I64", i32 = "I32", i16 = "I16", i8 = "I8", u8 = "U8", bool = "BOOL"

    /// Bytes per element.
    public var byteSize: Int {
        switch self {
        case .f64, .i64: return 8
        case .f32, .i32: return 4
        case .f16, .bf16, .i16: return 2
        case .i8, .u8, .bool: return 1
        }
    }

    /// Whether the elements are integers (booleans count as 0/1 integers).
    public var isInteger: Bool {
        switch self {
        case .i64, .i32, .i16, .i8, .u8, .bool: return true
        case .f64, .f32, .f16, .bf16: return false
        }
    }

    /// Whether every element converts to `Float` without rounding.
    public var convertsExactlyToFloat: Bool {
        switch self {
        case .f32, .f16, .bf16, .i16, .i8, .u8, .bool: return true
        case .f64, .i64, .i32: return false
        }
    }
}

/// One tensor's entry in a safetensors header, validated.
public struct SafetensorsTensorInfo: Equatable, Sendable {
    /// The tensor's name (key in the header).
    public let name: String
    /// Element type.
    public let dtype: SafetensorsDType
    /// Extent of each axis (`[]` for a scalar).
    public let shape: [Int]
    /// Byte range within the data section (the bytes after the header).
    public let dataRange: Range<Int>

    /// Number of elements (product of `shape`; known not to overflow).
    public var elementCount: Int { shape.reduce(1, *) }
}
