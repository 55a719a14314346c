import Foundation

/// Reductions along one axis, accumulated in `Double`.
///
/// The tensor is viewed as [outer, extent, inner] around `axis`; the result has that axis removed.
extension Tensor {
    private func reduce(axis: Int, _ body: (_ values: (Int) -> Float, _ extent: Int) -> Float) -> Tensor {
        precondition(axis >= 0 && axis < rank, "axis \(axis) out of range for shape \(shape)")
        let extent = shape[axis]
        let outer = shape[..<axis].reduce(1, *)
        let inner = shape[(axis + 1)...].reduce(1, *)
        var resultShape = shape
        resultShape.remove(at: axis)
        return withUnsafeBufferPointer { source in
            Tensor(shape: resultShape) { target in
                for o in 0..<outer {
                    for i in 0..<inner {
                        let base = o * extent * inner + i
                        target[o * inner + i] = body({ source[base + $0 * inner] }, extent)
                    }
                }
            }
        }
    }

    /// Sum along `axis`.
    public func sum(axis: Int) -> Tensor {
        reduce(axis: axis) { value, extent in
            var total = 0.0
            for k in 0..<extent { total += Double(value(k)) }
            return Float(total)
        }
    }

    /// Mean along `axis` (NaN for an empty axis).
    public func mean(axis: Int) -> Tensor {
        reduce(axis: axis) { value, extent in
            var total = 0.0
            for k in 0..<extent { total += Double(value(k)) }
            return Float(total / Double(extent))
        }
    }

    /// Variance along `axis` with `correction` degrees of freedom removed (0: population, 1: sample).
    public func variance(axis: Int, correction: Int = 0) -> Tensor {
        reduce(axis: axis) { value, extent in
            var mean = 0.0, m2 = 0.0
            for k in 0..<extent {  // Welford: stable for large offsets
                let x = Double(value(k))
                let delta = x - mean
                mean += delta / Double(k + 1)
                m2 += delta * (x - mean)
            }
            return Float(m2 / Double(extent - correction))
        }
    }

    /// Maximum along `axis`.
    public func max(axis: Int) -> Tensor {
        reduce(axis: axis) { value, extent in
            var best = -Float.infinity
            for k in 0..<extent { best = Swift.max(best, value(k)) }
            return best
        }
    }

    /// Index of the maximum along `axis` (the first on ties), in the reduced shape's row-major order.
    public func argmax(axis: Int) -> [Int] {
        precondition(axis >= 0 && axis < rank, "axis \(axis) out of range for shape \(shape)")
        let extent = shape[axis]
        let outer = shape[..<axis].reduce(1, *)
        let inner = shape[(axis + 1)...].reduce(1, *)
        return withUnsafeBufferPointer { source in
            var result = [Int](repeating: 0, count: outer * inner)
            for o in 0..<outer {
                for i in 0..<inner {
                    var best = -Float.infinity, index = 0
                    for k in 0..<extent {
                        let value = source[o * extent * inner + k * inner + i]
                        if value > best { best = value; index = k }
                    }
                    result[o * inner + i] = index
                }
            }
            return result
        }
    }

    /// Sum of all elements (Double accumulation).
    public func sum() -> Double { withUnsafeBufferPointer { $0.reduce(0.0) { $0 + Double($1) } } }

    /// Mean of all elements.
    public func mean() -> Double { sum() / Double(count) }

    /// Euclidean norm of all elements.
    public func norm() -> Double { withUnsafeBufferPointer { $0.reduce(0.0) { $0 + Double($1) * Double($1) } }.squareRoot() }
}
