import Foundation
import Tensors

/// Correlations and fit statistics on the solvers' matrices, accumulated in Double.
public enum Correlation {
    /// Pearson r of matching columns of two [N, T] matrices; NaN for a constant column.
    /// - Complexity: O(N · T).
    public static func columnwisePearson<S: BackendScalar>(_ a: Dense<S>, _ b: Dense<S>) -> [Double] {
        precondition(a.rows == b.rows && a.columns == b.columns, "correlation of \(a.rows)×\(a.columns) and \(b.rows)×\(b.columns)")
        let (n, t) = (a.rows, a.columns)
        let meansA = a.columnMeans(), meansB = b.columnMeans()
        var result = [Double](repeating: .nan, count: t)
        a.values.withUnsafeBufferPointer { pa in b.values.withUnsafeBufferPointer { pb in
            result.withUnsafeMutableBufferPointer { out in
                Parallel.forRanges(t, minimumChunk: 128) { columns in
                    var sab = [Double](repeating: 0, count: columns.count), saa = sab, sbb = sab
                    for i in 0..<n {
                        for (k, j) in columns.enumerated() {
                            let x = Double(pa[i * t + j]) - meansA[j], y = Double(pb[i * t + j]) - meansB[j]
                            sab[k] += x * y; saa[k] += x * x; sbb[k] += y * y
                        }
                    }
                    for (k, j) in columns.enumerated() where saa[k] > 0 && sbb[k] > 0 { out[j] = sab[k] / (saa[k] * sbb[k]).squareRoot() }
                }
            }
        } }
        return result
    }

    /// Coefficient of determination of each column, 1 − Σ(y − ŷ)² / Σ(y − ȳ)² with ȳ the mean of
    /// the true values (scikit-learn's `r2_score`); NaN for a constant true column.
    public static func columnwiseR2<S: BackendScalar>(prediction: Dense<S>, truth: Dense<S>) -> [Double] {
        let means = truth.columnMeans()
        return (0..<truth.columns).map { j in
            var residual = 0.0, total = 0.0
            for i in 0..<truth.rows {
                let y = Double(truth[i, j])
                residual += (y - Double(prediction[i, j])) * (y - Double(prediction[i, j]))
                total += (y - means[j]) * (y - means[j])
            }
            return total > 0 ? 1 - residual / total : .nan
        }
    }

    /// Pearson r of two sequences (NaN when either is constant).
    public static func pearson(_ a: [Double], _ b: [Double]) -> Double { Statistics.pearson(a, b) }

    /// Spearman ρ of two sequences (average ranks for ties).
    public static func spearman(_ a: [Double], _ b: [Double]) -> Double { Statistics.spearman(a, b) }
}

/// How per-target values are summarised into one number.
public enum TargetAggregate: String, Sendable, Codable, CaseIterable {
    /// The median over targets (Brain-Score's choice; robust to a few noisy voxels).
    case median
    /// The mean over targets.
    case mean

    /// The summary of `values`, ignoring NaN (dropped targets).
    public func apply(_ values: [Double]) -> Double {
        switch self {
        case .median: return Statistics.median(values)
        case .mean:
            let finite = values.filter { !$0.isNaN }
            return finite.isEmpty ? .nan : finite.reduce(0, +) / Double(finite.count)
        }
    }
}
