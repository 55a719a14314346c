import Foundation
import Tensors

/// How the centred training features are factored. Every route yields the same quantities
/// (U, λ = s², P = Xcᵀ·U); they differ in cost and accuracy.
public enum FactorizationRoute: String, Sendable, Codable, CaseIterable {
    /// Eigendecomposition of the smaller Gram matrix (Xc·Xcᵀ when n ≤ F, Xcᵀ·Xc otherwise), in
    /// Double: fast (one product and one n³ or F³ eigensolve). scikit-learn's "gram"/"cov" modes.
    case gram
    /// Thin SVD of Xc itself, in Double: slower, but keeps singular values down to machine
    /// precision (used for ordinary least squares, where α = 0 leaves nothing to damp them).
    case svd
}

/// What to do when rounding makes an eigenvalue of a Gram matrix negative (it is ≥ 0 in exact
/// arithmetic). The policy is explicit, never a hidden clamp.
public enum NegativeEigenvaluePolicy: String, Sendable, Codable {
    /// Treat it as zero: the component is dropped with the other null directions.
    case zero
    /// Fail with `BrainError.negativeEigenvalue` when it is larger in size than the rank tolerance.
    case error
}

/// Centred training features factored once, reused for every penalty and every target.
///
/// With Xc = X − mean (n×F) and its thin SVD Xc = U·S·Vᵀ restricted to the k components whose
/// λ = s² exceeds the rank tolerance, the ridge solution for penalty α is
/// W = V·diag(s/(λ+α))·Uᵀ·Yc, so predictions for new rows X′ are
/// (X′ − mean)·P·diag(1/(λ+α))·Uᵀ·Yc with P = Xcᵀ·U = V·S (F×k).
public struct RidgeFactorization<S: BackendScalar>: Sendable {
    /// Training rows n.
    public let sampleCount: Int
    /// Orthonormal left singular vectors of Xc, [n, k].
    public let u: Dense<S>
    /// Squared singular values λ_j of Xc, descending, k of them.
    public let eigenvalues: [Double]
    /// P = Xcᵀ·U, [F, k]: maps centred rows into the component space.
    public let projection: Dense<S>
    /// Column means of the training features (subtracted before projecting).
    public let featureMeans: [Double]
    /// Components dropped as numerically zero (λ ≤ tolerance), including the constant direction
    /// that centring removes.
    public let droppedComponents: Int

    /// Relative size below which λ counts as zero: λ ≤ λ_max · `relativeRankTolerance`.
    /// 1e-12 is ~10⁴ ulps of Double, above the rounding of a Gram eigensolve.
    public static var relativeRankTolerance: Double { 1e-12 }

    /// Factors the features `x` ([n, F], this precision), centring them first.
    /// - Throws: `LinearAlgebraError` from the backend, `BrainError.negativeEigenvalue` under the
    ///   `.error` policy.
    /// - Complexity: gram route O(n·F·min(n, F) + min(n, F)³); svd route O(n·F·min(n, F)) with a
    ///   larger constant.
    public init(features x: Dense<S>, route: FactorizationRoute = .gram, negativeEigenvalues: NegativeEigenvaluePolicy = .zero,
                backend: some LinearAlgebraBackend) throws {
        try self.init(features: x, route: route, covariance: nil, negativeEigenvalues: negativeEigenvalues, backend: backend)
    }

    /// Factors `x` like `init(features:route:negativeEigenvalues:backend:)`, taking its centred
    /// covariance Xcᵀ·Xc ([F, F]) from `covariance` when given (the covariance route uses it,
    /// the other routes ignore it), e.g. from `SplitCovariances`.
    init(features x: Dense<S>, route: FactorizationRoute, covariance: Dense<Double>?, negativeEigenvalues: NegativeEigenvaluePolicy,
         backend: some LinearAlgebraBackend) throws {
        let means = x.columnMeans()
        let centred = x.converted(to: Double.self).centered(by: means)
        let (n, f) = (x.rows, x.columns)
        let parts: (u: Dense<Double>, lambda: [Double], p: Dense<Double>, dropped: Int)
        switch route {
        case .svd: parts = try Self.svdParts(centred, backend: backend)
        case .gram where n <= f: parts = try Self.gramParts(centred, policy: negativeEigenvalues, backend: backend)
        case .gram: parts = try Self.covarianceParts(centred, covariance: covariance, policy: negativeEigenvalues, backend: backend)
        }
        sampleCount = n
        u = parts.u.converted()
        eigenvalues = parts.lambda
        projection = parts.p.converted()
        featureMeans = means
        droppedComponents = parts.dropped
    }

    /// Rank k kept.
    public var rank: Int { eigenvalues.count }

    /// G = (X′ − mean)·P for new rows X′ ([m, F]): the test rows in component space, [m, k].
    public func testBasis(_ rows: Dense<S>, backend: some LinearAlgebraBackend) -> Dense<S> {
        backend.product(rows.centered(by: featureMeans), projection)
    }

    /// Indices (into descending `values`) of the components above the tolerance.
    static func keptComponents(_ values: [Double], policy: NegativeEigenvaluePolicy) throws -> [Int] {
        let largest = values.max() ?? 0
        let tolerance = max(largest, 0) * relativeRankTolerance
        if policy == .error, let worst = values.min(), worst < -tolerance {
            throw BrainError.negativeEigenvalue(value: worst, largest: largest)
        }
        return values.indices.filter { values[$0] > tolerance }
    }

    /// n ≤ F: eigendecomposition of K = Xc·Xcᵀ gives U and λ directly; P = Xcᵀ·U.
    static func gramParts(_ xc: Dense<Double>, policy: NegativeEigenvaluePolicy, backend: some LinearAlgebraBackend) throws
        -> (Dense<Double>, [Double], Dense<Double>, Int) {
        let n = xc.rows
        let gram = backend.gram(xc, transposeFirst: false)
        let (ascending, vectors) = try backend.symmetricEigen(gram.values, n: n)
        let values = Array(ascending.reversed())
        let kept = try keptComponents(values, policy: policy)
        var columns = [Double](repeating: 0, count: n * kept.count)
        vectors.withUnsafeBufferPointer { source in
            for i in 0..<n { for (c, index) in kept.enumerated() { columns[i * kept.count + c] = source[i * n + (n - 1 - index)] } }
        }
        let u = Dense(rows: n, columns: kept.count, values: columns)
        let p = backend.product(xc, u, transposeA: true)
        return (u, kept.map { values[$0] }, p, n - kept.count)
    }

    /// n > F: eigendecomposition of C = Xcᵀ·Xc gives V and λ; U = Xc·(V/s) and P = V·s.
    static func covarianceParts(_ xc: Dense<Double>, covariance known: Dense<Double>? = nil, policy: NegativeEigenvaluePolicy,
                                backend: some LinearAlgebraBackend) throws
        -> (Dense<Double>, [Double], Dense<Double>, Int) {
        let f = xc.columns
        let covariance = known ?? backend.gram(xc, transposeFirst: true)
        let (ascending, vectors) = try backend.symmetricEigen(covariance.values, n: f)
        let values = Array(ascending.reversed())
        let kept = try keptComponents(values, policy: policy)
        let k = kept.count, lambda = kept.map { values[$0] }
        // Column c of V is eigenvector f − 1 − kept[c] (LAPACK's order is ascending); scaling the
        // columns by 1/s before the product gives U in one pass.
        var inverseScaled = [Double](repeating: 0, count: f * k), p = [Double](repeating: 0, count: f * k)
        vectors.withUnsafeBufferPointer { source in
            for i in 0..<f {
                for (c, index) in kept.enumerated() {
                    let value = source[i * f + (f - 1 - index)], s = lambda[c].squareRoot()
                    inverseScaled[i * k + c] = value / s
                    p[i * k + c] = value * s
                }
            }
        }
        let u = backend.product(xc, Dense(rows: f, columns: k, values: inverseScaled))
        return (u, lambda, Dense(rows: f, columns: k, values: p), min(xc.rows, f) - k)
    }

    /// Thin SVD of Xc; singular values at or below s_max · eps · max(n, F) are dropped
    /// (numpy's `lstsq` cut-off).
    static func svdParts(_ xc: Dense<Double>, backend: some LinearAlgebraBackend) throws
        -> (Dense<Double>, [Double], Dense<Double>, Int) {
        let (n, f) = (xc.rows, xc.columns)
        let k = min(n, f)
        let (uAll, s, vt) = try backend.thinSVD(xc.values, rows: n, columns: f)
        let cutoff = (s.first ?? 0) * Double.ulpOfOne * Double(max(n, f))
        let kept = s.indices.filter { s[$0] > cutoff }
        var u = Dense<Double>(zeros: n, kept.count), p = Dense<Double>(zeros: f, kept.count)
        for (column, index) in kept.enumerated() {
            for i in 0..<n { u[i, column] = uAll[i * k + index] }
            for j in 0..<f { p[j, column] = vt[index * f + j] * s[index] }
        }
        return (u, kept.map { s[$0] * s[$0] }, p, k - kept.count)
    }
}
