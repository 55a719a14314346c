import Tensors

/// Element types as they are stored in files, shared by the safetensors and .npy readers.
enum StoredScalar: Sendable {
    case float64, float32, float16, bfloat16, int64, int32, int16, int8, uint8, bool

    /// Bytes per element.
    var byteSize: Int {
        switch self {
        case .float64, .int64: return 8
        case .float32, .int32: return 4
        case .float16, .bfloat16, .int16: return 2
        case .int8, .uint8, .bool: return 1
        }
    }

    var isInteger: Bool {
        switch self {
        case .int64, .int32, .int16, .int8, .uint8, .bool: return true
        case .float64, .float32, .float16, .bfloat16: return false
        }
    }
}

/// A run of stored elements (any alignment, either byte order) converted in bulk to host types.
///
/// Conversions of long runs are split over `Parallel` threads; each writes its own range.
struct RawElements {
    let base: UnsafeRawPointer
    let count: Int
    let kind: StoredScalar
    var bigEndian = false

    /// Runs shorter than this convert on one thread.
    private static let parallelThreshold = 1 << 16

    /// Writes every element as `Float` (integers above 2²⁴ and doubles round to nearest).
    func convert(into out: UnsafeMutablePointer<Float>) {
        Parallel.forRanges(count, minimumChunk: Self.parallelThreshold) { range in
            switch kind {
            case .float32: map(range, UInt32.self, out) { Float(bitPattern: $0) }
            case .float64: map(range, UInt64.self, out) { Float(Double(bitPattern: $0)) }
            case .float16: map(range, UInt16.self, out) { HalfPrecision.float(fromHalf: $0) }
            case .bfloat16: map(range, UInt16.self, out) { HalfPrecision.float(fromBFloat16: $0) }
            case .int64: map(range, UInt64.self, out) { Float(Int64(bitPattern: $0)) }
            case .int32: map(range, UInt32.self, out) { Float(Int32(bitPattern: $0)) }
            case .int16: map(range, UInt16.self, out) { Float(Int16(bitPattern: $0)) }
            case .int8: map(range, UInt8.self, out) { Float(Int8(bitPattern: $0)) }
            case .uint8: map(range, UInt8.self, out) { Float($0) }
            case .bool: map(range, UInt8.self, out) { $0 == 0 ? 0 : 1 }
            }
        }
    }

    /// Writes every element as `Double` (exact except for 64-bit integers above 2⁵³).
    func convert(into out: UnsafeMutablePointer<Double>) {
        Parallel.forRanges(count, minimumChunk: Self.parallelThreshold) { range in
            switch kind {
            case .float64: map(range, UInt64.self, out) { Double(bitPattern: $0) }
            case .float32: map(range, UInt32.self, out) { Double(Float(bitPattern: $0)) }
            case .float16: map(range, UInt16.self, out) { Double(HalfPrecision.float(fromHalf: $0)) }
            case .bfloat16: map(range, UInt16.self, out) { Double(HalfPrecision.float(fromBFloat16: $0)) }
            case .int64: map(range, UInt64.self, out) { Double(Int64(bitPattern: $0)) }
            case .int32: map(range, UInt32.self, out) { Double(Int32(bitPattern: $0)) }
            case .int16: map(range, UInt16.self, out) { Double(Int16(bitPattern: $0)) }
            case .int8: map(range, UInt8.self, out) { Double(Int8(bitPattern: $0)) }
            case .uint8: map(range, UInt8.self, out) { Double($0) }
            case .bool: map(range, UInt8.self, out) { $0 == 0 ? 0 : 1 }
            }
        }
    }

    /// Writes every element as `Int64`; only for integer kinds (booleans become 0 and 1).
    func convert(into out: UnsafeMutablePointer<Int64>) {
        precondition(kind.isInteger, "integer conversion of \(kind)")
        Parallel.forRanges(count, minimumChunk: Self.parallelThreshold) { range in
            switch kind {
            case .int64: map(range, UInt64.self, out) { Int64(bitPattern: $0) }
            case .int32: map(range, UInt32.self, out) { Int64(Int32(bitPattern: $0)) }
            case .int16: map(range, UInt16.self, out) { Int64(Int16(bitPattern: $0)) }
            case .int8: map(range, UInt8.self, out) { Int64(Int8(bitPattern: $0)) }
            case .uint8: map(range, UInt8.self, out) { Int64($0) }
            case .bool: map(range, UInt8.self, out) { $0 == 0 ? 0 : 1 }
            case .float64, .float32, .float16, .bfloat16: break
            }
        }
    }

    /// Writes the elements of an `.int32` run.
    func convert(into out: UnsafeMutablePointer<Int32>) {
        precondition(kind == .int32, "Int32 copy of \(kind)")
        Parallel.forRanges(count, minimumChunk: Self.parallelThreshold) { range in
            map(range, UInt32.self, out) { Int32(bitPattern: $0) }
        }
    }

    /// Loads element `i` of `range` as `Bits` in host byte order and stores `transform` of it.
    @inline(__always)
    private func map<Bits: FixedWidthInteger, Output>(
        _ range: Range<Int>, _: Bits.Type, _ out: UnsafeMutablePointer<Output>, _ transform: (Bits) -> Output
    ) {
        let stride = MemoryLayout<Bits>.size
        for i in range {
            let stored = base.loadUnaligned(fromByteOffset: i * stride, as: Bits.self)
            out[i] = transform(bigEndian ? Bits(bigEndian: stored) : Bits(littleEndian: stored))
        }
    }
}

extension Array {
    /// An array of `count` elements written by `body` into uninitialised memory.
    static func filled(count: Int, _ body: (UnsafeMutablePointer<Element>) -> Void) -> [Element] {
        [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
            if let base = buffer.baseAddress { body(base) }
            initialized = count
        }
    }
}
