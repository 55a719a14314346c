import Foundation
import Tensors

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
