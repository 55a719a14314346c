import Foundation
import Tensors

/// The seed paper's two numbers for one layer and one subject (Karpov et al. 2024).
public struct KarpovScore: Sendable, Equatable {
    /// R² of each target on the last 20% of the stimuli after fitting on the first 80%, [T].
    public var r2PerTarget: [Double]
    /// Mean of `r2PerTarget` over usable targets.
    public var r2Mean: Double
    /// Pearson r across targets between prediction and truth for the last stimulus, the model
    /// having been fitted on all the others: the paper's "brain score".
    public var brainScore: Double
    /// Penalty chosen by leave-one-out for each target in the 80% fit, [T].
    public var chosenAlphas: [Double]
    /// The predicted responses of the last stimulus, [T].
    public var lastStimulusPrediction: [Double]
}

/// The seed paper's score ("Inducing Human-like Biases in Moral Reasoning Language Models",
/// arXiv 2411.15386): per target, scikit-learn `RidgeCV(alphas=[1e-3, 1e-2, 1e-1, 1])` with its
/// efficient leave-one-out selection and an intercept; R² on the last 20% after fitting the first
/// 80% (stimuli in the given order, ⌊0.8·S⌋ for training); and the Pearson r across targets for
/// the last stimulus after fitting all the others. Per-target fits are independent, so one
/// factorization with per-target penalties gives exactly the per-target `RidgeCV` fits.
/// The paper's layer selection (a substring match of hook names that also caught layers 12 and 22)
/// is not reproduced: layers are chosen by index.
public struct Karpov2024<S: BackendScalar, Backend: LinearAlgebraBackend>: Sendable {
    /// The paper's penalty grid.
    public static var paperAlphas: [Double] { [1e-3, 1e-2, 1e-1, 1] }
    /// Penalty grid.
    public var alphas: [Double]
    /// Fraction of stimuli (from the start) used to fit the R² model.
    public var trainFraction: Double
    /// The kernels.
    public let backend: Backend

    /// The paper's settings unless told otherwise.
    public init(alphas: [Double] = Karpov2024.paperAlphas, trainFraction: Double = 0.8, backend: Backend) {
        self.alphas = alphas
        self.trainFraction = trainFraction
        self.backend = backend
    }

    /// Scores features x [S, F] against responses y [S, T].
    /// - Throws: `BrainError.tooFewStimuli` when the held-out part would have fewer than 2
    ///   stimuli (R² needs a variance); `.stimulusCountMismatch` for different S.
    public func score(x: Dense<S>, y: Dense<S>) throws -> KarpovScore {
        guard x.rows == y.rows else { throw BrainError.stimulusCountMismatch(features: x.rows, responses: y.rows) }
        guard trainFraction > 0, trainFraction < 1 else {
            throw BrainError.invalidOption(name: "train fraction", value: "\(trainFraction)", expected: "a number in (0, 1)")
        }
        let count = x.rows
        let trainCount = Int((trainFraction * Double(count)).rounded(.down))
        guard trainCount >= 2, count - trainCount >= 2 else {
            let need = (3...).first { c in let t = Int((trainFraction * Double(c)).rounded(.down)); return t >= 2 && c - t >= 2 }!
            throw BrainError.tooFewStimuli(have: count, need: need, purpose: "the karpov2024 train/test R²")
        }
        let solver = RidgeSolver<S, Backend>(alphas: alphas, selection: .leaveOneOut, backend: backend)
        let train = Array(0..<trainCount), test = Array(trainCount..<count)
        let fit = try solver.fit(x: x.gatherRows(train), y: y.gatherRows(train))
        let r2 = Correlation.columnwiseR2(prediction: fit.predict(x.gatherRows(test), backend: backend), truth: y.gatherRows(test))
        let allButLast = try solver.fit(x: x.gatherRows(Array(0..<(count - 1))), y: y.gatherRows(Array(0..<(count - 1))))
        let last = allButLast.predict(x.gatherRows([count - 1]), backend: backend).values.map(Double.init)
        let truth = y.gatherRows([count - 1]).values.map(Double.init)
        let finite = r2.filter { !$0.isNaN }
        return KarpovScore(r2PerTarget: r2, r2Mean: finite.isEmpty ? .nan : finite.reduce(0, +) / Double(finite.count),
                           brainScore: Correlation.pearson(last, truth), chosenAlphas: fit.chosenAlphas, lastStimulusPrediction: last)
    }
}
