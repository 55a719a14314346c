import Foundation
import Tensors

/// The centred covariance Xcᵀ·Xc of every training split, downdated from one Gram matrix of all
/// rows instead of one product per split.
///
/// Shapes: x [S, F]; a split trains on n rows and holds out m = S − n. With X0 = x − mean(x)
/// (all rows, Double) and G = X0ᵀ·X0 [F, F] formed once, a training split's covariance is
/// G − X0_testᵀ·X0_test − n·c·cᵀ, where c is the training rows' mean of X0 (−Σ_test X0 / n).
/// That costs S·F² once plus m·F² per split rather than n·F² per split: about half for 5 folds.
/// Only the covariance route (n > F) uses it, and only when every split partitions the rows.
struct SplitCovariances: Sendable {
    /// X0 = x − mean over all rows, [S, F].
    let centred: Dense<Double>
    /// G = X0ᵀ·X0, [F, F].
    let gram: Dense<Double>

    /// The downdating basis for `splits` of `x`, or nil when it does not apply: some split is
    /// not a partition of the rows, or trains on no more rows than there are features.
    init?(x: Dense<some BackendScalar>, splits: [Split], backend: some LinearAlgebraBackend) {
        let rows = x.rows
        guard !splits.isEmpty, splits.allSatisfy({ $0.train.count > x.columns && Self.partitions($0, rows: rows) }) else { return nil }
        let double = x.converted(to: Double.self)
        centred = double.centered(by: double.columnMeans())
        gram = backend.gram(centred, transposeFirst: true)
    }

    /// Xcᵀ·Xc of the training rows of `split`, [F, F].
    /// - Complexity: m · F² for the held-out Gram, F² for the corrections.
    func covariance(of split: Split, backend: some LinearAlgebraBackend) -> Dense<Double> {
        let f = gram.columns, n = Double(split.train.count)
        let held = centred.gatherRows(split.test)
        let heldGram = backend.gram(held, transposeFirst: true)
        let trainMean = held.columnMeans().map { -$0 * Double(held.rows) / n }
        var result = gram
        result.values.withUnsafeMutableBufferPointer { g in
            heldGram.values.withUnsafeBufferPointer { h in
                for i in 0..<f { for j in 0..<f { g[i * f + j] -= h[i * f + j] + n * trainMean[i] * trainMean[j] } }
            }
        }
        return result
    }

    /// True when train and test are disjoint and together cover 0..<rows.
    static func partitions(_ split: Split, rows: Int) -> Bool {
        guard split.train.count + split.test.count == rows else { return false }
        var seen = [Bool](repeating: false, count: rows)
        for index in split.train + split.test {
            guard index >= 0, index < rows, !seen[index] else { return false }
            seen[index] = true
        }
        return true
    }
}
