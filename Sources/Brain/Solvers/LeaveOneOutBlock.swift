import Foundation
import Tensors

/// One batch of the leave-one-out sweep: a range of targets × a batch of penalties.
///
/// Residuals for every penalty of the batch come from a single product:
/// R = Yc − U·[diag(d₁)·A | diag(d₂)·A | …] with d = λ/(λ+α), laid out [n, alphas × targets];
/// each residual is then divided by its row's 1 − h_i and squared.
struct LeaveOneOutBlock<S: BackendScalar, Backend: LinearAlgebraBackend> {
    let yc: Dense<S>
    let projected: Dense<S>
    let u: Dense<S>
    let k: Int
    let targets: Range<Int>
    /// d for each penalty of the batch, [alphas][k].
    let shrink: [[Double]]
    /// 1 − h_i for each penalty of the batch, [alphas][n].
    let denominators: [[Double]]
    let backend: Backend

    /// Mean squared leave-one-out error, [alphas][targets].
    func meanSquaredErrors() -> [[Double]] {
        let n = yc.rows, width = targets.count, batch = shrink.count, columns = batch * width
        let first = targets.lowerBound
        var residuals = [S](unsafeUninitializedCapacity: n * columns) { buffer, count in
            yc.values.withUnsafeBufferPointer { y in
                for i in 0..<n {
                    let source = y.baseAddress! + i * yc.columns + first
                    for a in 0..<batch { (buffer.baseAddress! + i * columns + a * width).initialize(from: source, count: width) }
                }
            }
            count = n * columns
        }
        guard k > 0 else { return reduce(residuals, n: n, width: width, batch: batch) }
        let scaled = [S](unsafeUninitializedCapacity: k * columns) { buffer, count in
            projected.values.withUnsafeBufferPointer { p in
                for component in 0..<k {
                    let source = p.baseAddress! + component * projected.columns + first
                    for a in 0..<batch {
                        let factor = S(shrink[a][component]), target = buffer.baseAddress! + component * columns + a * width
                        for j in 0..<width { target[j] = factor * source[j] }
                    }
                }
            }
            count = k * columns
        }
        u.values.withUnsafeBufferPointer { pu in scaled.withUnsafeBufferPointer { pm in
            residuals.withUnsafeMutableBufferPointer { pr in
                backend.gemm(transposeA: false, transposeB: false, m: n, n: columns, k: k, alpha: -1,
                             a: pu.baseAddress!, lda: k, b: pm.baseAddress!, ldb: columns, beta: 1, c: pr.baseAddress!, ldc: columns)
            }
        } }
        return reduce(residuals, n: n, width: width, batch: batch)
    }

    /// Σ_i (r_i / (1 − h_i))² / n per column; rows are weighted in S and accumulated in Double,
    /// parallel over column ranges of each penalty's block.
    private func reduce(_ residuals: [S], n: Int, width: Int, batch: Int) -> [[Double]] {
        let columns = batch * width
        let inverse = denominators.map { $0.map { S(1 / $0) } }
        var sums = [[Double]](repeating: [], count: batch)
        residuals.withUnsafeBufferPointer { r in
            for a in 0..<batch {
                var block = [Double](repeating: 0, count: width)
                let weights = inverse[a]
                block.withUnsafeMutableBufferPointer { out in
                    Parallel.forRanges(width, minimumChunk: 512) { range in
                        var local = [Double](repeating: 0, count: range.count)
                        local.withUnsafeMutableBufferPointer { acc in
                            for i in 0..<n {
                                let row = r.baseAddress! + i * columns + a * width + range.lowerBound, w = weights[i]
                                for j in 0..<range.count { let e = Double(row[j] * w); acc[j] += e * e }
                            }
                        }
                        for j in 0..<range.count { out[range.lowerBound + j] = local[j] / Double(n) }
                    }
                }
                sums[a] = block
            }
        }
        return sums
    }
}

/// A fitted ridge model: the factorization, A = Uᵀ·Yc, and the penalty chosen for each target.
public struct RidgeFit<S: BackendScalar>: Sendable {
    /// The factored training features.
    public let factorization: RidgeFactorization<S>
    /// A = Uᵀ·Yc, [k, T].
    public let projected: Dense<S>
    /// Column means of the training targets (the intercepts, with centred features).
    public let targetMeans: [Double]
    /// The penalty grid.
    public let alphas: [Double]
    /// Index into `alphas` chosen for each target.
    public let chosenAlphaIndex: [Int]
    /// Selection scores (negative mean squared error), [L][T]; empty when none were computed.
    public let selectionScores: [[Double]]

    /// The penalty chosen for each target.
    public var chosenAlphas: [Double] { chosenAlphaIndex.map { alphas[$0] } }

    /// Predictions for new feature rows [m, F] → [m, T].
    public func predict(_ rows: Dense<S>, backend: some LinearAlgebraBackend) -> Dense<S> {
        predict(basis: factorization.testBasis(rows, backend: backend), backend: backend)
    }

    /// Predictions from rows already in component space (G = (X′ − mean)·P, [m, k]):
    /// G·C + intercept.
    /// - Complexity: O(m · k · T).
    public func predict(basis: Dense<S>, backend: some LinearAlgebraBackend) -> Dense<S> {
        let t = projected.columns
        var prediction = backend.product(basis, coefficients())
        prediction.values.withUnsafeMutableBufferPointer { p in
            for i in 0..<basis.rows { for target in 0..<t { p[i * t + target] += S(targetMeans[target]) } }
        }
        return prediction
    }

    /// The weights W = P·C, [F, T] (with `targetMeans − featureMeans·W` as intercepts).
    public func weights(backend: some LinearAlgebraBackend) -> Dense<S> {
        backend.product(factorization.projection, coefficients())
    }

    /// C[j, t] = A[j, t] / (λ_j + α_t), [k, T]: the dual coefficients in component space.
    func coefficients() -> Dense<S> {
        let (k, t) = (factorization.rank, projected.columns)
        var coefficients = projected
        let chosen = chosenAlphaIndex.map { alphas[$0] }
        coefficients.values.withUnsafeMutableBufferPointer { c in
            for j in 0..<k {
                let lambda = factorization.eigenvalues[j]
                for target in 0..<t { c[j * t + target] = S(Double(c[j * t + target]) / (lambda + chosen[target])) }
            }
        }
        return coefficients
    }
}
