import Foundation

/// A dense `Float` tensor in contiguous row-major order.
///
/// Tensors are values: copying one is cheap (the storage is shared) and the first write to a
/// shared tensor copies its elements. `rows(_:)` returns a view of a range of rows without
/// copying. The first axis is "rows" throughout the library: a [N, D] tensor is N vectors of
/// width D, and a tensor of any rank is viewed as [shape[0], product of the rest].
public struct Tensor: @unchecked Sendable {
    /// Extent of each axis; `[]` is a scalar with one element.
    public private(set) var shape: [Int]
    @usableFromInline var storage: TensorStorage
    @usableFromInline var offset: Int

    /// Number of elements.
    public var count: Int { shape.reduce(1, *) }
    /// Number of axes.
    public var rank: Int { shape.count }
    /// Extent of the first axis (1 for a scalar).
    public var rowCount: Int { shape.first ?? 1 }
    /// Elements per row: the product of all axes but the first (1 for scalars and vectors).
    public var rowWidth: Int { shape.count <= 1 ? 1 : shape.dropFirst().reduce(1, *) }
    /// Memory held by the elements, in bytes.
    public var byteCount: Int { count * MemoryLayout<Float>.stride }

    /// Makes a tensor of `shape` over `storage` starting at element `offset`.
    public init(shape: [Int], storage: TensorStorage, offset: Int = 0) {
        precondition(shape.allSatisfy { $0 >= 0 }, "negative extent in shape \(shape)")
        precondition(offset + shape.reduce(1, *) <= storage.capacity, "shape \(shape) exceeds its storage")
        self.shape = shape
        self.storage = storage
        self.offset = offset
    }

    /// A zero-filled tensor.
    public init(zeros shape: [Int]) {
        self.init(shape: shape, storage: TensorStorage(zeroedCapacity: shape.reduce(1, *)))
    }

    /// A tensor with every element equal to `value`.
    public init(repeating value: Float, shape: [Int]) {
        let count = shape.reduce(1, *)
        let storage = TensorStorage(uninitializedCapacity: count)
        storage.base.initialize(repeating: value, count: count)
        self.init(shape: shape, storage: storage)
    }

    /// A tensor holding `values` in row-major order; `values.count` must equal the product of `shape`.
    public init(_ values: [Float], shape: [Int]) {
        precondition(values.count == shape.reduce(1, *),
                     "\(values.count) values do not fill shape \(shape)")
        let storage = TensorStorage(uninitializedCapacity: values.count)
        values.withUnsafeBufferPointer { source in
            if let address = source.baseAddress { storage.base.initialize(from: address, count: values.count) }
        }
        self.init(shape: shape, storage: storage)
    }

    /// A vector holding `values`.
    public init(_ values: [Float]) { self.init(values, shape: [values.count]) }

    /// A matrix from nested rows, all of the same length.
    public init(rows: [[Float]]) {
        let width = rows.first?.count ?? 0
        precondition(rows.allSatisfy { $0.count == width }, "ragged rows")
        self.init(rows.flatMap { $0 }, shape: [rows.count, width])
    }

    /// A tensor whose elements are written by `body` into uninitialised memory of `count` elements.
    public init(shape: [Int], unsafeUninitialized body: (UnsafeMutableBufferPointer<Float>) throws -> Void) rethrows {
        let count = shape.reduce(1, *)
        let storage = TensorStorage(uninitializedCapacity: count)
        try body(UnsafeMutableBufferPointer(start: storage.base, count: count))
        self.init(shape: shape, storage: storage)
    }

    /// The elements as an array, in row-major order.
    public var scalars: [Float] { withUnsafeBufferPointer { Array($0) } }

    /// The single element of a one-element tensor.
    public var item: Float {
        precondition(count == 1, "item of a tensor with \(count) elements")
        return storage.base[offset]
    }

    /// Reads the elements.
    @inlinable
    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Float>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: storage.base + offset, count: count))
    }

    /// Writes the elements, copying them first if the storage is shared.
    @inlinable
    public mutating func withUnsafeMutableBufferPointer<R>(_ body: (UnsafeMutableBufferPointer<Float>) throws -> R) rethrows -> R {
        makeUnique()
        return try body(UnsafeMutableBufferPointer(start: storage.base + offset, count: count))
    }

    /// Copies the storage if it is shared with another tensor, so a write cannot be seen elsewhere.
    @usableFromInline
    mutating func makeUnique() {
        if isKnownUniquelyReferenced(&storage) { return }
        let copy = TensorStorage(uninitializedCapacity: count)
        copy.base.initialize(from: storage.base + offset, count: count)
        storage = copy
        offset = 0
    }

    /// The same elements under another shape with the same element count.
    public func reshaped(_ newShape: [Int]) -> Tensor {
        var resolved = newShape
        if let wildcard = newShape.firstIndex(of: -1) {
            let known = newShape.enumerated().filter { $0.offset != wildcard }.map(\.element).reduce(1, *)
            precondition(known > 0 && count % known == 0, "cannot reshape \(shape) to \(newShape)")
            resolved[wildcard] = count / known
        }
        precondition(resolved.reduce(1, *) == count, "cannot reshape \(shape) to \(newShape)")
        return Tensor(shape: resolved, storage: storage, offset: offset)
    }

    /// A view of rows `range` (along the first axis); no elements are copied.
    public func rows(_ range: Range<Int>) -> Tensor {
        precondition(rank >= 1 && range.lowerBound >= 0 && range.upperBound <= rowCount,
                     "rows \(range) out of 0..<\(rowCount)")
        var newShape = shape
        newShape[0] = range.count
        return Tensor(shape: newShape, storage: storage, offset: offset + range.lowerBound * rowWidth)
    }

    /// Row `index` as a tensor of rank one less (a view).
    public func row(_ index: Int) -> Tensor {
        rows(index..<(index + 1)).reshaped(Array(shape.dropFirst()))
    }

    /// Element at a multi-index.
    public subscript(_ index: Int...) -> Float {
        get { storage.base[offset + flatIndex(index)] }
        set {
            let flat = flatIndex(index)
            makeUnique()
            storage.base[offset + flat] = newValue
        }
    }

    /// Row-major position of a multi-index, with bounds checks.
    public func flatIndex(_ index: [Int]) -> Int {
        precondition(index.count == shape.count, "index \(index) for shape \(shape)")
        var flat = 0
        for (axis, position) in index.enumerated() {
            precondition(position >= 0 && position < shape[axis], "index \(index) out of shape \(shape)")
            flat = flat * shape[axis] + position
        }
        return flat
    }
}

extension Tensor: Equatable {
    /// Same shape and the same elements (bitwise equality of floats, so NaN ≠ NaN).
    public static func == (lhs: Tensor, rhs: Tensor) -> Bool {
        guard lhs.shape == rhs.shape else { return false }
        return lhs.withUnsafeBufferPointer { a in rhs.withUnsafeBufferPointer { b in
            a.elementsEqual(b)
        } }
    }
}

extension Tensor: CustomStringConvertible {
    /// Shape and the first few elements.
    public var description: String {
        let head = withUnsafeBufferPointer { $0.prefix(8).map { String(format: "%.4g", $0) } }
        return "Tensor\(shape)[\(head.joined(separator: ", "))\(count > 8 ? ", …" : "")]"
    }
}
