import Foundation
import Tensors

/// The regression fitted on each training split.
public enum EncodingModel: Sendable, Equatable {
    /// Ordinary least squares with an intercept (scikit-learn `LinearRegression`): the minimum-norm
    /// solution from a thin SVD when the features are rank-deficient.
    case ordinaryLeastSquares
    /// Ridge with an intercept and a penalty per target chosen on the training split.
    case ridge(alphas: [Double], selection: AlphaSelection)
}

/// Pearson r per target of cross-validated predictions.
public struct CrossValidatedScore: Sendable, Equatable {
    /// Mean over splits of each target's held-out r, [T].
    public var perTarget: [Double]
    /// Held-out r of each target in each split, [splits][T].
    public var perSplit: [[Double]]
    /// Each split's r aggregated over targets, [splits].
    public var splitScores: [Double]
    /// Mean over splits of `splitScores`: the score.
    public var score: Double
    /// Standard error of `score` over splits (population standard deviation / √splits, as Brain-Score).
    public var error: Double
    /// Ridge only: the penalty chosen for each target in each split, [splits][T].
    public var chosenAlphas: [[Double]]
}

/// Fits an encoding model on each training split and correlates its predictions with the held-out
/// responses, target by target (Brain-Score's `CrossRegressedCorrelation`).
///
/// Shapes: x [S, F], y [S, T]; every split indexes rows of both.
public struct CrossValidatedEncoding<S: BackendScalar, Backend: LinearAlgebraBackend>: Sendable {
    /// The regression.
    public var model: EncodingModel
    /// The train/test divisions.
    public var splits: [Split]
    /// How each split's per-target r are summarised.
    public var aggregate: TargetAggregate
    /// How ridge factors the training features.
    public var route: FactorizationRoute
    /// The kernels.
    public let backend: Backend

    /// An encoding score over the given splits.
    public init(model: EncodingModel, splits: [Split], aggregate: TargetAggregate = .median, route: FactorizationRoute = .gram, backend: Backend) {
        self.model = model
        self.splits = splits
        self.aggregate = aggregate
        self.route = route
        self.backend = backend
    }

    /// Scores features x against responses y.
    /// - Throws: `BrainError` for mismatched shapes or too small splits; `.cancelled` from `control`.
    /// - Complexity: one factorization of each training split plus the model's sweep.
    public func score(x: Dense<S>, y: Dense<S>, control: RunControl = .silent) throws -> CrossValidatedScore {
        guard x.rows == y.rows else { throw BrainError.stimulusCountMismatch(features: x.rows, responses: y.rows) }
        var perSplit: [[Double]] = [], chosen: [[Double]] = []
        for (index, split) in splits.enumerated() {
            try control.checkCancelled()
            guard split.test.count >= 2 else { throw BrainError.tooFewStimuli(have: split.test.count, need: 2, purpose: "a held-out correlation") }
            let (prediction, alphas) = try fitAndPredict(x: x, y: y, split: split)
            perSplit.append(Correlation.columnwisePearson(prediction, y.gatherRows(split.test)))
            chosen.append(alphas)
            control.progress(index + 1, splits.count)
        }
        let splitScores = perSplit.map { aggregate.apply($0) }
        let perTarget = (0..<y.columns).map { t in perSplit.reduce(0.0) { $0 + $1[t] } / Double(max(perSplit.count, 1)) }
        let mean = splitScores.reduce(0, +) / Double(max(splitScores.count, 1))
        let spread = (splitScores.reduce(0.0) { $0 + ($1 - mean) * ($1 - mean) } / Double(max(splitScores.count, 1))).squareRoot()
        return CrossValidatedScore(perTarget: perTarget, perSplit: perSplit, splitScores: splitScores, score: mean,
                                   error: spread / Double(max(splitScores.count, 1)).squareRoot(),
                                   chosenAlphas: model == .ordinaryLeastSquares ? [] : chosen)
    }

    /// Held-out predictions of one split and the penalties used ([] for least squares).
    func fitAndPredict(x: Dense<S>, y: Dense<S>, split: Split) throws -> (Dense<S>, [Double]) {
        let xTrain = x.gatherRows(split.train), yTrain = y.gatherRows(split.train), xTest = x.gatherRows(split.test)
        switch model {
        case .ordinaryLeastSquares:
            let fit = try LeastSquares.fit(x: xTrain, y: yTrain, backend: backend)
            return (fit.predict(xTest, backend: backend), [])
        case let .ridge(alphas, selection):
            let solver = RidgeSolver<S, Backend>(alphas: alphas, selection: selection, route: route, backend: backend)
            let fit = try solver.fit(x: xTrain, y: yTrain)
            return (fit.predict(xTest, backend: backend), fit.chosenAlphas)
        }
    }
}

/// Ordinary least squares with an intercept through the SVD route of `RidgeFactorization` (α = 0
/// on the kept components: the pseudo-inverse solution).
public enum LeastSquares {
    /// Fits y on x by least squares.
    public static func fit<S: BackendScalar>(x: Dense<S>, y: Dense<S>, backend: some LinearAlgebraBackend) throws -> RidgeFit<S> {
        guard x.rows == y.rows else { throw BrainError.stimulusCountMismatch(features: x.rows, responses: y.rows) }
        let factorization = try RidgeFactorization(features: x, route: .svd, backend: backend)
        let means = y.columnMeans()
        let projected = backend.product(factorization.u, y.centered(by: means), transposeA: true)
        return RidgeFit(factorization: factorization, projected: projected, targetMeans: means, alphas: [0],
                        chosenAlphaIndex: [Int](repeating: 0, count: y.columns), selectionScores: [])
    }
}
