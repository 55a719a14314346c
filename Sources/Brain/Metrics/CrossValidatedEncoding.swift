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
/// Shapes: x [S, F], y [S, T]; every split indexes rows of both. The features of each training
/// split are factored once by `prepare(x:)`; scoring any number of response matrices (for
/// instance permuted ones) reuses those factorizations.
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

    /// The features of every split, factored.
    public struct Prepared: Sendable {
        let features: Dense<S>
        let factorizations: [RidgeFactorization<S>]
        let testBases: [Dense<S>]
    }

    /// An encoding score over the given splits.
    public init(model: EncodingModel, splits: [Split], aggregate: TargetAggregate = .median, route: FactorizationRoute = .gram, backend: Backend) {
        self.model = model
        self.splits = splits
        self.aggregate = aggregate
        self.route = route
        self.backend = backend
    }

    /// Factors the training features of every split, several splits at a time (`IndependentJobs`).
    /// For the covariance route each split's Xcᵀ·Xc is downdated from one Gram of all rows
    /// (`SplitCovariances`) when the splits partition the rows.
    /// - Throws: `BrainError.tooFewStimuli` for a split with fewer than 2 test rows.
    public func prepare(x: Dense<S>, control: RunControl = .silent) throws -> Prepared {
        for split in splits where split.test.count < 2 {
            throw BrainError.tooFewStimuli(have: split.test.count, need: 2, purpose: "a held-out correlation")
        }
        try control.checkCancelled()
        let route: FactorizationRoute = model == .ordinaryLeastSquares ? .svd : self.route
        let downdating = route == .gram ? SplitCovariances(x: x, splits: splits, backend: backend) : nil
        let parts = try IndependentJobs.run(splits.count, backend: backend) { index in
            try control.checkCancelled()
            let split = splits[index]
            let factorization = try RidgeFactorization(features: x.gatherRows(split.train), route: route,
                                                       covariance: downdating?.covariance(of: split, backend: backend),
                                                       negativeEigenvalues: .zero, backend: backend)
            return (factorization, factorization.testBasis(x.gatherRows(split.test), backend: backend))
        }
        return Prepared(features: x, factorizations: parts.map(\.0), testBases: parts.map(\.1))
    }

    /// Scores features x against responses y.
    /// - Throws: `BrainError` for mismatched shapes or too small splits; `.cancelled` from `control`.
    /// - Complexity: one factorization of each training split plus the model's sweep.
    public func score(x: Dense<S>, y: Dense<S>, control: RunControl = .silent) throws -> CrossValidatedScore {
        guard x.rows == y.rows else { throw BrainError.stimulusCountMismatch(features: x.rows, responses: y.rows) }
        return try score(prepare(x: x, control: control), y: y, control: control)
    }

    /// Scores prepared features against responses y [S, T].
    public func score(_ prepared: Prepared, y: Dense<S>, control: RunControl = .silent) throws -> CrossValidatedScore {
        let held = try heldOutPredictions(prepared, y: y, control: control)
        let perSplit = zip(splits, held).map { split, fold in Correlation.columnwisePearson(fold.prediction, y.gatherRows(split.test)) }
        return summarize(perSplit: perSplit, chosen: held.map(\.alphas), targets: y.columns)
    }

    /// The held-out predictions of every split ([m, T] each) and the penalties used.
    public func heldOutPredictions(_ prepared: Prepared, y: Dense<S>, control: RunControl = .silent) throws -> [(prediction: Dense<S>, alphas: [Double])] {
        guard prepared.features.rows == y.rows else { throw BrainError.stimulusCountMismatch(features: prepared.features.rows, responses: y.rows) }
        var result: [(prediction: Dense<S>, alphas: [Double])] = []
        for (index, split) in splits.enumerated() {
            try control.checkCancelled()
            let yTrain = y.gatherRows(split.train)
            let factorization = prepared.factorizations[index]
            let fit: RidgeFit<S>
            switch model {
            case .ordinaryLeastSquares:
                fit = try LeastSquares.fit(factorization: factorization, y: yTrain, backend: backend)
            case let .ridge(alphas, selection):
                let solver = RidgeSolver<S, Backend>(alphas: alphas, selection: selection, route: route, backend: backend)
                let needsFeatures = selection != .leaveOneOut
                fit = try solver.fit(factorization: factorization, features: needsFeatures ? prepared.features.gatherRows(split.train) : nil, y: yTrain)
            }
            result.append((fit.predict(basis: prepared.testBases[index], backend: backend), model == .ordinaryLeastSquares ? [] : fit.chosenAlphas))
            control.progress(index + 1, splits.count)
        }
        return result
    }

    /// Aggregates per-split correlations into the score.
    func summarize(perSplit: [[Double]], chosen: [[Double]], targets: Int) -> CrossValidatedScore {
        let splitScores = perSplit.map { aggregate.apply($0) }
        let perTarget = (0..<targets).map { t in perSplit.reduce(0.0) { $0 + $1[t] } / Double(max(perSplit.count, 1)) }
        let mean = splitScores.reduce(0, +) / Double(max(splitScores.count, 1))
        let spread = (splitScores.reduce(0.0) { $0 + ($1 - mean) * ($1 - mean) } / Double(max(splitScores.count, 1))).squareRoot()
        return CrossValidatedScore(perTarget: perTarget, perSplit: perSplit, splitScores: splitScores, score: mean,
                                   error: spread / Double(max(splitScores.count, 1)).squareRoot(),
                                   chosenAlphas: model == .ordinaryLeastSquares ? [] : chosen)
    }
}

/// Ordinary least squares with an intercept through the SVD route of `RidgeFactorization` (α = 0
/// on the kept components: the pseudo-inverse solution).
public enum LeastSquares {
    /// Fits y on x by least squares.
    public static func fit<S: BackendScalar>(x: Dense<S>, y: Dense<S>, backend: some LinearAlgebraBackend) throws -> RidgeFit<S> {
        guard x.rows == y.rows else { throw BrainError.stimulusCountMismatch(features: x.rows, responses: y.rows) }
        return try fit(factorization: RidgeFactorization(features: x, route: .svd, backend: backend), y: y, backend: backend)
    }

    /// Fits y on features already factored (use the `.svd` route: α = 0 does not damp small components).
    public static func fit<S: BackendScalar>(factorization: RidgeFactorization<S>, y: Dense<S>, backend: some LinearAlgebraBackend) throws -> RidgeFit<S> {
        guard factorization.sampleCount == y.rows else { throw BrainError.stimulusCountMismatch(features: factorization.sampleCount, responses: y.rows) }
        let means = y.columnMeans()
        let projected = backend.product(factorization.u, y.centered(by: means), transposeA: true)
        return RidgeFit(factorization: factorization, projected: projected, targetMeans: means, alphas: [0],
                        chosenAlphaIndex: [Int](repeating: 0, count: y.columns), selectionScores: [])
    }
}
