import Foundation
import Tensors

/// Reading and writing numpy's .npy format (versions 1.0, 2.0 and 3.0).
///
/// Reads little- and big-endian `f4 f8 i8 i4` and `u1 b1`, in C or Fortran order (Fortran-order
/// data is reordered to row-major on reading, so `NpyArray` is always C order). Writes
/// little-endian C-order files whose bytes match `numpy.save`.
public enum Npy {
    /// Reads the .npy file at `url` through a memory map; little-endian C-order float32 data is
    /// borrowed from the mapping without copying.
    /// - Throws: `FormatError` naming the file and what is wrong (magic, version, header, dtype,
    ///   truncated or trailing data).
    public static func read(_ url: URL) throws -> NpyArray {
        let mapping = try MappedFile(url: url)
        return try decode(mapping.bytes, path: mapping.path, owner: mapping)
    }

    /// Decodes .npy bytes (for example a member of an .npz archive); `path` names them in errors.
    public static func decode(_ data: Data, path: String) throws -> NpyArray {
        try data.withUnsafeBytes { try decode($0, path: path, owner: nil) }
    }

    /// Decodes `bytes`; when `owner` keeps them alive, aligned float32 data is borrowed.
    static func decode(_ bytes: UnsafeRawBufferPointer, path: String, owner: MappedFile?) throws -> NpyArray {
        let header = try NpyHeader(bytes: bytes, path: path)
        let needed = header.elementCount * header.dtype.byteSize
        let available = bytes.count - header.dataOffset
        guard available >= needed else {
            throw FormatError.truncated(path: path, expected: "the end of the array data (\(needed) bytes expected, \(available) present)")
        }
        guard available == needed else { throw FormatError.trailingBytes(path: path, count: available - needed) }
        let start = bytes.baseAddress!.advanced(by: header.dataOffset)
        var array = NpyArray(try values(at: start, header: header, owner: owner), shape: header.shape)
        array.source = path
        return array
    }

    /// The elements at `start`, in row-major order.
    private static func values(at start: UnsafeRawPointer, header: NpyHeader, owner: MappedFile?) throws -> NpyArray.Values {
        let count = header.elementCount
        // Fortran order stores the reversed-shape C-order array: read it as such, then reorder.
        let storedShape = header.fortranOrder ? Array(header.shape.reversed()) : header.shape
        let reorder = header.fortranOrder && header.shape.count > 1
        let raw = RawElements(base: start, count: count, kind: header.dtype.storedScalar, bigEndian: header.bigEndian)
        switch header.dtype {
        case .float32:
            if !reorder, !header.bigEndian, let owner, Int(bitPattern: start) % 4 == 0 {
                let storage = TensorStorage(borrowing: UnsafeMutablePointer(mutating: start.assumingMemoryBound(to: Float.self)),
                                            capacity: count, owner: owner)
                return .float32(Tensor(shape: header.shape, storage: storage))
            }
            let stored = Tensor(shape: storedShape) { buffer in if let base = buffer.baseAddress { raw.convert(into: base) } }
            return .float32(reorder ? Tensor(StridedOrder.rowMajor(fromReversed: stored.scalars, shape: header.shape), shape: header.shape) : stored)
        case .float64:
            let stored: [Double] = .filled(count: count) { raw.convert(into: $0) }
            return .float64(reorder ? StridedOrder.rowMajor(fromReversed: stored, shape: header.shape) : stored)
        case .int64:
            let stored: [Int64] = .filled(count: count) { raw.convert(into: $0) }
            return .int64(reorder ? StridedOrder.rowMajor(fromReversed: stored, shape: header.shape) : stored)
        case .int32:
            let stored: [Int32] = .filled(count: count) { raw.convert(into: $0) }
            return .int32(reorder ? StridedOrder.rowMajor(fromReversed: stored, shape: header.shape) : stored)
        case .uint8:
            let stored = Array(UnsafeRawBufferPointer(start: start, count: count))
            return .uint8(reorder ? StridedOrder.rowMajor(fromReversed: stored, shape: header.shape) : stored)
        case .bool:
            let stored = UnsafeRawBufferPointer(start: start, count: count).map { $0 != 0 }
            return .bool(reorder ? StridedOrder.rowMajor(fromReversed: stored, shape: header.shape) : stored)
        }
    }
}

extension NpyArray.DType {
    var storedScalar: StoredScalar {
        switch self {
        case .float32: return .float32
        case .float64: return .float64
        case .int64: return .int64
        case .int32: return .int32
        case .uint8: return .uint8
        case .bool: return .bool
        }
    }
}

/// Reordering between Fortran (column-major) and C (row-major) element order.
enum StridedOrder {
    /// The row-major elements of an array of `shape` whose elements are given in column-major
    /// order (equivalently: the full transpose of a row-major array of the reversed shape).
    /// - Complexity: O(n), one pass over the output with an odometer over the indices.
    static func rowMajor<Element>(fromReversed values: [Element], shape: [Int]) -> [Element] {
        let count = values.count
        guard count > 0, shape.count > 1 else { return values }
        // Column-major stride of each axis: the product of the extents before it.
        var strides = [Int](repeating: 1, count: shape.count)
        for axis in 1..<shape.count { strides[axis] = strides[axis - 1] * shape[axis - 1] }
        var index = [Int](repeating: 0, count: shape.count)
        var source = 0
        var result: [Element] = []
        result.reserveCapacity(count)
        for _ in 0..<count {
            result.append(values[source])
            var axis = shape.count - 1
            while axis >= 0 {
                index[axis] += 1
                source += strides[axis]
                if index[axis] < shape[axis] { break }
                source -= strides[axis] * shape[axis]
                index[axis] = 0
                axis -= 1
            }
        }
        return result
    }
}
