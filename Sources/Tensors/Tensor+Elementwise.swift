import Foundation

/// Elementwise arithmetic. Shapes must match, except that a right-hand row vector (shape
/// [rowWidth]) broadcasts over every row of the left-hand tensor.
extension Tensor {
    /// A tensor of the same shape with `transform` applied to every element.
    public func map(_ transform: (Float) -> Float) -> Tensor {
        withUnsafeBufferPointer { source in
            Tensor(shape: shape) { target in
                for i in source.indices { target[i] = transform(source[i]) }
            }
        }
    }

    /// Applies `transform` to every element in place.
    public mutating func apply(_ transform: (Float) -> Float) {
        withUnsafeMutableBufferPointer { buffer in
            for i in buffer.indices { buffer[i] = transform(buffer[i]) }
        }
    }

    /// Combines matching elements of `self` and `other` (same shape, or `other` a row vector).
    public func zip(_ other: Tensor, _ combine: (Float, Float) -> Float) -> Tensor {
        var result = self
        result.combine(with: other, combine)
        return result
    }

    /// Replaces each element by `combine(self, other)` (same shape, or `other` a row vector).
    public mutating func combine(with other: Tensor, _ combine: (Float, Float) -> Float) {
        let width = other.count
        let broadcast = other.shape != shape
        precondition(!broadcast || (other.rank == 1 && width == rowWidth && rank >= 2),
                     "shapes \(shape) and \(other.shape) do not match or broadcast as a row")
        other.withUnsafeBufferPointer { rhs in
            withUnsafeMutableBufferPointer { lhs in
                if broadcast {
                    for row in 0..<(lhs.count / Swift.max(width, 1)) {
                        let base = row * width
                        for j in 0..<width { lhs[base + j] = combine(lhs[base + j], rhs[j]) }
                    }
                } else {
                    for i in lhs.indices { lhs[i] = combine(lhs[i], rhs[i]) }
                }
            }
        }
    }

    public static func + (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.zip(rhs, +) }
    public static func - (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.zip(rhs, -) }
    public static func * (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.zip(rhs, *) }
    public static func / (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.zip(rhs, /) }
    public static func + (lhs: Tensor, rhs: Float) -> Tensor { lhs.map { $0 + rhs } }
    public static func - (lhs: Tensor, rhs: Float) -> Tensor { lhs.map { $0 - rhs } }
    public static func * (lhs: Tensor, rhs: Float) -> Tensor { lhs.map { $0 * rhs } }
    public static func / (lhs: Tensor, rhs: Float) -> Tensor { lhs.map { $0 / rhs } }
    public static func * (lhs: Float, rhs: Tensor) -> Tensor { rhs.map { lhs * $0 } }
    public static prefix func - (value: Tensor) -> Tensor { value.map { -$0 } }
    public static func += (lhs: inout Tensor, rhs: Tensor) { lhs.combine(with: rhs, +) }
    public static func -= (lhs: inout Tensor, rhs: Tensor) { lhs.combine(with: rhs, -) }
    public static func *= (lhs: inout Tensor, rhs: Tensor) { lhs.combine(with: rhs, *) }
    public static func *= (lhs: inout Tensor, rhs: Float) { lhs.apply { $0 * rhs } }
    public static func += (lhs: inout Tensor, rhs: Float) { lhs.apply { $0 + rhs } }

    /// `self += alpha * other` (BLAS axpy semantics; same shape).
    public mutating func addScaled(_ other: Tensor, alpha: Float) {
        precondition(other.shape == shape, "shapes \(shape) and \(other.shape) differ")
        combine(with: other) { $0 + alpha * $1 }
    }

    /// Largest absolute elementwise difference (shapes must match); NaN anywhere gives NaN.
    public func maxAbsDifference(_ other: Tensor) -> Float {
        precondition(other.shape == shape, "shapes \(shape) and \(other.shape) differ")
        return withUnsafeBufferPointer { a in other.withUnsafeBufferPointer { b in
            var worst: Float = 0
            for i in a.indices {
                let difference = abs(a[i] - b[i])
                if difference.isNaN { return .nan }
                worst = Swift.max(worst, difference)
            }
            return worst
        } }
    }

    /// True when no element is NaN or infinite.
    public var isFinite: Bool { withUnsafeBufferPointer { $0.allSatisfy { $0.isFinite } } }

    /// Matrix transpose of a rank-2 tensor.
    public func transposed() -> Tensor {
        precondition(rank == 2, "transpose of a rank-\(rank) tensor")
        let (rows, columns) = (shape[0], shape[1])
        return withUnsafeBufferPointer { source in
            Tensor(shape: [columns, rows]) { target in
                // Blocked so both sides stay in cache for large matrices.
                let block = 32
                for i0 in stride(from: 0, to: rows, by: block) {
                    for j0 in stride(from: 0, to: columns, by: block) {
                        for i in i0..<min(i0 + block, rows) {
                            for j in j0..<min(j0 + block, columns) { target[j * rows + i] = source[i * columns + j] }
                        }
                    }
                }
            }
        }
    }

    /// Rows of `tensors` stacked along the first axis (all with the same row shape).
    public static func concatenateRows(_ tensors: [Tensor]) -> Tensor {
        guard let first = tensors.first else { return Tensor(zeros: [0]) }
        let rowShape = Array(first.shape.dropFirst())
        precondition(tensors.allSatisfy { Array($0.shape.dropFirst()) == rowShape }, "row shapes differ")
        let total = tensors.reduce(0) { $0 + $1.rowCount }
        return Tensor(shape: [total] + rowShape) { target in
            var position = 0
            for tensor in tensors {
                tensor.withUnsafeBufferPointer { source in
                    if let address = source.baseAddress, !source.isEmpty {
                        (target.baseAddress! + position).update(from: address, count: source.count)
                    }
                    position += source.count
                }
            }
        }
    }

    /// A contiguous copy that owns its storage (views of large tensors keep them alive otherwise).
    public func compacted() -> Tensor {
        withUnsafeBufferPointer { source in
            Tensor(shape: shape) { target in
                if let address = source.baseAddress, !source.isEmpty { target.baseAddress!.update(from: address, count: source.count) }
            }
        }
    }
}
