import Foundation
import Tensors

/// How each target's ridge penalty is chosen on a training set.
public enum AlphaSelection: Sendable, Equatable, Codable {
    /// Efficient leave-one-out over the training rows (scikit-learn `RidgeCV` with its default
    /// `cv=None`): the LOO residual of row i is (y_i − ŷ_i)/(1 − h_i), scored by mean squared
    /// error; ties keep the earlier penalty in the grid.
    case leaveOneOut
    /// K contiguous inner folds of the training rows (himalaya's `RidgeCV(cv=K)`), scored by
    /// mean squared error on each validation fold and averaged over folds.
    case innerFolds(Int)
}

/// Ridge regression with an intercept and a per-target penalty, solved from one factorization of
/// the training features (himalaya's "factor once, sweep cheaply").
///
/// Shapes: x [n, F], y [n, T], test rows [m, F]. Penalties are swept in batches of
/// `alphaBatch` and targets in batches of `targetBatch`, bounding the scratch memory to
/// k · alphaBatch · targetBatch elements (k = rank) plus one row tile per thread.
public struct RidgeSolver<S: BackendScalar, Backend: LinearAlgebraBackend>: Sendable {
    /// The penalty grid, in the order ties are broken (the earlier wins).
    public var alphas: [Double]
    /// How penalties are chosen.
    public var selection: AlphaSelection
    /// How the training features are factored.
    public var route: FactorizationRoute
    /// Policy for negative Gram eigenvalues.
    public var negativeEigenvalues: NegativeEigenvaluePolicy
    /// Targets per batch (nil: chosen from `scratchBudget`).
    public var targetBatch: Int?
    /// Penalties per batch (nil: all of them).
    public var alphaBatch: Int?
    /// Upper bound on scratch elements per batch when `targetBatch` is nil.
    public var scratchBudget: Int
    /// The kernels.
    public let backend: Backend

    /// A solver over `alphas` (scikit-learn / Brain-Score default grid: logspace(−3, 3, 7)).
    public init(alphas: [Double] = RidgeSolver.defaultAlphas, selection: AlphaSelection = .leaveOneOut, route: FactorizationRoute = .gram,
                negativeEigenvalues: NegativeEigenvaluePolicy = .zero, targetBatch: Int? = nil, alphaBatch: Int? = nil,
                scratchBudget: Int = 1 << 25, backend: Backend) {
        self.alphas = alphas
        self.selection = selection
        self.route = route
        self.negativeEigenvalues = negativeEigenvalues
        self.targetBatch = targetBatch
        self.alphaBatch = alphaBatch
        self.scratchBudget = scratchBudget
        self.backend = backend
    }

    /// logspace(−3, 3, 7).
    public static var defaultAlphas: [Double] { (0..<7).map { pow(10, Double($0) - 3) } }

    /// Fits on (x, y): factors x once, chooses a penalty per target, keeps what prediction needs.
    /// - Throws: `BrainError` for bad shapes or penalties, `LinearAlgebraError` from the backend.
    /// - Complexity: one factorization, then O(L · n · k · T) for leave-one-out selection.
    public func fit(x: Dense<S>, y: Dense<S>) throws -> RidgeFit<S> {
        try validate(rows: x.rows, y: y)
        let factorization = try RidgeFactorization(features: x, route: route, negativeEigenvalues: negativeEigenvalues, backend: backend)
        return try fit(factorization: factorization, features: x, y: y)
    }

    /// Fits on responses y [n, T] with the training features already factored (the factorization
    /// depends only on the features, so permutation tests reuse it). `features` is needed only
    /// for `.innerFolds` selection, which factors each inner training set.
    public func fit(factorization: RidgeFactorization<S>, features x: Dense<S>?, y: Dense<S>) throws -> RidgeFit<S> {
        try validate(rows: factorization.sampleCount, y: y)
        let targetMeans = y.columnMeans()
        let yc = y.centered(by: targetMeans)
        let projected = backend.product(factorization.u, yc, transposeA: true)  // A = Uᵀ·Yc, [k, T]
        let scores: [[Double]]
        switch selection {
        case .leaveOneOut:
            scores = leaveOneOutScores(factorization, yc: yc, projected: projected)
        case .innerFolds(let folds):
            guard let x else { throw BrainError.shape("inner-fold penalty selection needs the training features") }
            scores = try innerFoldScores(x: x, y: y, folds: folds)
        }
        let chosen = Self.bestIndices(scores, targets: y.columns)
        return RidgeFit(factorization: factorization, projected: projected, targetMeans: targetMeans,
                        alphas: alphas, chosenAlphaIndex: chosen, selectionScores: scores)
    }

    private func validate(rows: Int, y: Dense<S>) throws {
        guard rows == y.rows else { throw BrainError.stimulusCountMismatch(features: rows, responses: y.rows) }
        guard rows >= 2 else { throw BrainError.tooFewStimuli(have: rows, need: 2, purpose: "a ridge fit") }
        guard !alphas.isEmpty, alphas.allSatisfy({ $0 > 0 && $0.isFinite }) else {
            throw BrainError.invalidOption(name: "alphas", value: "\(alphas)", expected: "a non-empty list of positive penalties")
        }
    }

    /// For each target, the index of the best score (greatest; NaN never wins; ties keep the earlier).
    static func bestIndices(_ scores: [[Double]], targets: Int) -> [Int] {
        (0..<targets).map { t in
            var best = 0
            for a in 1..<max(scores.count, 1) where scores[a][t] > scores[best][t] || (scores[best][t].isNaN && !scores[a][t].isNaN) {
                best = a
            }
            return best
        }
    }

    /// Targets per batch so that the scaled projections, `rows × alphasPerBatch × targets` with
    /// rows = k, stay within the budget.
    func targetsPerBatch(rows: Int, alphasPerBatch: Int, targets: Int) -> Int {
        if let targetBatch { return max(1, min(targetBatch, targets)) }
        return max(1, min(targets, scratchBudget / max(1, rows * alphasPerBatch)))
    }

    /// Negative mean squared leave-one-out error, [L][T].
    /// - Complexity: O(L · n · k · T) in batched products, plus O(L · n · k) for the leverages.
    func leaveOneOutScores(_ factorization: RidgeFactorization<S>, yc: Dense<S>, projected: Dense<S>) -> [[Double]] {
        let (n, k, t) = (yc.rows, factorization.rank, yc.columns)
        let perAlphaBatch = max(1, min(alphaBatch ?? alphas.count, alphas.count))
        var scores = [[Double]](repeating: [Double](repeating: .nan, count: t), count: alphas.count)
        let squares = Dense<Double>(rows: n, columns: k, values: factorization.u.values.map { Double($0) * Double($0) })
        for alphaStart in stride(from: 0, to: alphas.count, by: perAlphaBatch) {
            let batchAlphas = Array(alphas[alphaStart..<min(alphaStart + perAlphaBatch, alphas.count)])
            let shrink = batchAlphas.map { alpha in factorization.eigenvalues.map { $0 / ($0 + alpha) } }
            let denominators = leverageComplements(squares, shrink: shrink, n: n)
            let width = targetsPerBatch(rows: k, alphasPerBatch: batchAlphas.count, targets: t)
            for targetStart in stride(from: 0, to: t, by: width) {
                let targets = targetStart..<min(targetStart + width, t)
                let block = LeaveOneOutBlock(yc: yc, projected: projected, u: factorization.u, k: k, targets: targets,
                                             shrink: shrink, denominators: denominators, backend: backend)
                for (offset, row) in block.meanSquaredErrors().enumerated() {
                    for (j, target) in targets.enumerated() { scores[alphaStart + offset][target] = -row[j] }
                }
            }
        }
        return scores
    }

    /// 1 − h_i for the hat matrix H = U·diag(d)·Uᵀ + 𝟙𝟙ᵀ/n (the intercept is not penalised), for
    /// each penalty's d, from one product of the squared U ([n, k]) with the d's ([k, alphas]).
    func leverageComplements(_ squares: Dense<Double>, shrink: [[Double]], n: Int) -> [[Double]] {
        let k = squares.columns, batch = shrink.count
        var d = Dense<Double>(zeros: k, batch)
        for (a, values) in shrink.enumerated() { for j in 0..<k { d[j, a] = values[j] } }
        let h = backend.product(squares, d)
        return (0..<batch).map { a in (0..<n).map { i in 1 - 1 / Double(n) - h[i, a] } }
    }

    /// Negative mean squared validation error averaged over contiguous inner folds, [L][T].
    func innerFoldScores(x: Dense<S>, y: Dense<S>, folds: Int) throws -> [[Double]] {
        let splits = try KFold(folds: folds).splits(count: x.rows)
        var totals = [[Double]](repeating: [Double](repeating: 0, count: y.columns), count: alphas.count)
        for split in splits {
            let xTrain = x.gatherRows(split.train), yTrain = y.gatherRows(split.train)
            let factorization = try RidgeFactorization(features: xTrain, route: route, negativeEigenvalues: negativeEigenvalues, backend: backend)
            let means = yTrain.columnMeans()
            let projected = backend.product(factorization.u, yTrain.centered(by: means), transposeA: true)
            let basis = factorization.testBasis(x.gatherRows(split.test), backend: backend)
            let yTest = y.gatherRows(split.test)
            for (a, alpha) in alphas.enumerated() {
                let fit = RidgeFit(factorization: factorization, projected: projected, targetMeans: means, alphas: [alpha],
                                   chosenAlphaIndex: [Int](repeating: 0, count: y.columns), selectionScores: [])
                let prediction = fit.predict(basis: basis, backend: backend)
                let errors = Self.meanSquaredErrors(prediction, yTest)
                for target in 0..<y.columns { totals[a][target] -= errors[target] / Double(splits.count) }
            }
        }
        return totals
    }

    /// Mean squared difference of matching columns.
    static func meanSquaredErrors(_ a: Dense<S>, _ b: Dense<S>) -> [Double] {
        var sums = [Double](repeating: 0, count: a.columns)
        for i in 0..<a.rows { for j in 0..<a.columns { let d = Double(a[i, j]) - Double(b[i, j]); sums[j] += d * d } }
        return sums.map { $0 / Double(max(a.rows, 1)) }
    }
}
