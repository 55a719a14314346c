import Foundation

/// Descriptive statistics and correlations, accumulated in `Double`.
public enum Statistics {
    /// Arithmetic mean (NaN for no values).
    public static func mean<C: Collection>(_ values: C) -> Double where C.Element: BinaryFloatingPoint {
        guard !values.isEmpty else { return .nan }
        return values.reduce(0.0) { $0 + Double($1) } / Double(values.count)
    }

    /// Variance with `correction` degrees of freedom removed (0: population, 1: sample).
    public static func variance<C: Collection>(_ values: C, correction: Int = 0) -> Double where C.Element: BinaryFloatingPoint {
        let n = values.count
        guard n > correction else { return .nan }
        let m = mean(values)
        let squares = values.reduce(0.0) { $0 + (Double($1) - m) * (Double($1) - m) }
        return squares / Double(n - correction)
    }

    /// Standard deviation with `correction` degrees of freedom removed.
    public static func standardDeviation<C: Collection>(_ values: C, correction: Int = 0) -> Double where C.Element: BinaryFloatingPoint {
        variance(values, correction: correction).squareRoot()
    }

    /// Pearson correlation of two equally long sequences; NaN when either is constant.
    public static func pearson<A: Collection, B: Collection>(_ x: A, _ y: B) -> Double
    where A.Element: BinaryFloatingPoint, B.Element: BinaryFloatingPoint {
        precondition(x.count == y.count, "correlation of \(x.count) and \(y.count) values")
        let mx = mean(x), my = mean(y)
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for (a, b) in Swift.zip(x, y) {
            let dx = Double(a) - mx, dy = Double(b) - my
            sxy += dx * dy; sxx += dx * dx; syy += dy * dy
        }
        guard sxx > 0, syy > 0 else { return .nan }
        return sxy / (sxx * syy).squareRoot()
    }

    /// Ranks starting at 1, ties given their average rank (as `scipy.stats.rankdata`).
    public static func ranks<C: Collection>(_ values: C) -> [Double] where C.Element: BinaryFloatingPoint {
        let array = values.map { Double($0) }
        let order = array.indices.sorted { array[$0] < array[$1] || (array[$0] == array[$1] && $0 < $1) }
        var result = [Double](repeating: 0, count: array.count)
        var start = 0
        while start < order.count {
            var end = start
            while end + 1 < order.count && array[order[end + 1]] == array[order[start]] { end += 1 }
            let average = Double(start + end) / 2 + 1
            for position in start...end { result[order[position]] = average }
            start = end + 1
        }
        return result
    }

    /// Spearman rank correlation (Pearson correlation of average ranks).
    public static func spearman<A: Collection, B: Collection>(_ x: A, _ y: B) -> Double
    where A.Element: BinaryFloatingPoint, B.Element: BinaryFloatingPoint {
        pearson(ranks(x), ranks(y))
    }

    /// Pearson correlation of matching columns of two [N, T] tensors: T values, NaN for a
    /// constant column.
    /// - Complexity: O(N · T), one pass over each tensor, parallel over columns.
    public static func columnwisePearson(_ x: Tensor, _ y: Tensor) -> [Double] {
        precondition(x.shape == y.shape && x.rank == 2, "column-wise correlation of \(x.shape) and \(y.shape)")
        let (n, t) = (x.shape[0], x.shape[1])
        var result = [Double](repeating: .nan, count: t)
        x.withUnsafeBufferPointer { px in y.withUnsafeBufferPointer { py in
            result.withUnsafeMutableBufferPointer { out in
                Parallel.forRanges(t, minimumChunk: 64) { columns in
                    var mx = [Double](repeating: 0, count: columns.count), my = mx
                    for i in 0..<n {
                        for (k, j) in columns.enumerated() { mx[k] += Double(px[i * t + j]); my[k] += Double(py[i * t + j]) }
                    }
                    for k in mx.indices { mx[k] /= Double(n); my[k] /= Double(n) }
                    var sxy = [Double](repeating: 0, count: columns.count), sxx = sxy, syy = sxy
                    for i in 0..<n {
                        for (k, j) in columns.enumerated() {
                            let dx = Double(px[i * t + j]) - mx[k], dy = Double(py[i * t + j]) - my[k]
                            sxy[k] += dx * dy; sxx[k] += dx * dx; syy[k] += dy * dy
                        }
                    }
                    for (k, j) in columns.enumerated() where sxx[k] > 0 && syy[k] > 0 {
                        out[j] = sxy[k] / (sxx[k] * syy[k]).squareRoot()
                    }
                }
            }
        } }
        return result
    }

    /// Median of the non-NaN values (NaN when there are none).
    public static func median<C: Collection>(_ values: C) -> Double where C.Element: BinaryFloatingPoint {
        let sorted = values.map { Double($0) }.filter { !$0.isNaN }.sorted()
        guard !sorted.isEmpty else { return .nan }
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// Linear-interpolated quantile q ∈ [0, 1] of the non-NaN values (numpy's default method).
    public static func quantile<C: Collection>(_ values: C, _ q: Double) -> Double where C.Element: BinaryFloatingPoint {
        let sorted = values.map { Double($0) }.filter { !$0.isNaN }.sorted()
        guard !sorted.isEmpty else { return .nan }
        let position = q * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down)), upper = Swift.min(lower + 1, sorted.count - 1)
        return sorted[lower] + (position - Double(lower)) * (sorted[upper] - sorted[lower])
    }
}
