import Foundation
import Tensors

/// Ridge regression by its definition, in Double: the oracle the factored solvers are tested
/// against. Each fit solves (XcᵀXc + αI)·w = Xcᵀ·yc with an LU solve; leave-one-out refits the
/// model n times. Use it only on small problems.
public enum ClosedFormRidge {
    /// Weights [F] and intercept of a ridge fit with penalty α (α = 0: least squares, which needs
    /// XcᵀXc invertible).
    /// - Throws: `LinearAlgebraError.singular` when the normal equations are singular.
    /// - Complexity: O(n · F² + F³).
    public static func fit(x: [[Double]], y: [Double], alpha: Double) throws -> (weights: [Double], intercept: Double) {
        let n = x.count, f = x.first?.count ?? 0
        let featureMeans = (0..<f).map { j in x.reduce(0) { $0 + $1[j] } / Double(n) }
        let targetMean = y.reduce(0, +) / Double(n)
        var normal = Matrix(rows: f, columns: f)
        var right = [Double](repeating: 0, count: f)
        for i in 0..<n {
            for a in 0..<f {
                let xa = x[i][a] - featureMeans[a]
                right[a] += xa * (y[i] - targetMean)
                for b in 0..<f { normal[a, b] += xa * (x[i][b] - featureMeans[b]) }
            }
        }
        for a in 0..<f { normal[a, a] += alpha }
        let weights = try normal.solve(right)
        let intercept = targetMean - zip(featureMeans, weights).reduce(0) { $0 + $1.0 * $1.1 }
        return (weights, intercept)
    }

    /// The prediction of a fitted model for one row.
    public static func predict(_ row: [Double], weights: [Double], intercept: Double) -> Double {
        zip(row, weights).reduce(intercept) { $0 + $1.0 * $1.1 }
    }

    /// Mean squared leave-one-out error by n explicit refits.
    public static func leaveOneOutError(x: [[Double]], y: [Double], alpha: Double) throws -> Double {
        var total = 0.0
        for i in x.indices {
            var rows = x, values = y
            rows.remove(at: i)
            values.remove(at: i)
            let model = try fit(x: rows, y: values, alpha: alpha)
            let error = y[i] - predict(x[i], weights: model.weights, intercept: model.intercept)
            total += error * error
        }
        return total / Double(x.count)
    }

    /// The penalty with the smallest leave-one-out error (the earlier one on ties), as RidgeCV picks it.
    public static func leaveOneOutChoice(x: [[Double]], y: [Double], alphas: [Double]) throws -> Double {
        var best = alphas[0], bestError = Double.infinity
        for alpha in alphas {
            let error = try leaveOneOutError(x: x, y: y, alpha: alpha)
            if error < bestError { best = alpha; bestError = error }
        }
        return best
    }
}
