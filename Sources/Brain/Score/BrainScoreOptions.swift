import Foundation

/// The five scores.
public enum BrainMetric: String, Sendable, Codable, CaseIterable {
    /// The seed paper's per-target RidgeCV R² (80/20) and last-stimulus brain score.
    case karpov2024
    /// Brain-Score `linear_pearsonr`: shuffle splits, least squares, Pearson r, median over targets.
    case linear
    /// K-fold ridge with a per-target penalty, Pearson r per target.
    case ridge
    /// Representational similarity (1 − Pearson RDMs, Spearman).
    case rsa
    /// Linear centred kernel alignment.
    case cka

    /// True for the metrics that give a Pearson r per target (and so can be ceiling-normalised).
    public var isPerTargetCorrelation: Bool { self == .linear || self == .ridge }
}

/// Whether subjects are scored one by one or as their average.
public enum SubjectHandling: String, Sendable, Codable, CaseIterable {
    /// Score each subject's mean response; the layer score is the mean over subjects.
    case each
    /// Score the average response over subjects once.
    case average
}

/// Every setting of a BrainScore run. Defaults follow the reference of each metric.
public struct BrainScoreOptions: Sendable, Codable, Equatable {
    /// The score.
    public var metric: BrainMetric = .ridge
    /// Layers to score (indices into the features' layers); nil for all.
    public var layers: [Int]?
    /// How token activations are pooled per stimulus (ignored by plain matrices).
    public var pooling: StimulusPooling = .last
    /// K for `ridge`.
    public var folds: Int = 5
    /// Shuffle splits for `linear`.
    public var splits: Int = 10
    /// Training fraction: `linear` 0.9 (Brain-Score), `karpov2024` 0.8 (the paper) when nil.
    public var trainFraction: Double?
    /// Penalty grid: `ridge` logspace(−3, 3, 7), `karpov2024` [1e-3, 1e-2, 1e-1, 1] when nil.
    public var alphas: [Double]?
    /// How `ridge` chooses each target's penalty on a training fold.
    public var alphaSelection: AlphaSelection = .leaveOneOut
    /// Group label per stimulus for grouped `ridge` folds (story, item); nil for contiguous folds.
    public var groups: [String]?
    /// How per-target values become one number.
    public var aggregate: TargetAggregate = .median
    /// Divide scores by the noise ceiling (the ratio clipped to [0, 1], as Brain-Score does).
    public var normalize: Bool = false
    /// Ceiling method; nil: none unless `normalize` asks for one, then `.repetitions` when every
    /// subject has ≥ 2 repetitions, else `.subjects` when there are ≥ 2 subjects.
    public var ceiling: CeilingMethod?
    /// Random half-splits for split-half ceilings.
    public var ceilingSplits: Int = 20
    /// Permutations for the permutation test (0: none).
    public var permutations: Int = 0
    /// Bootstrap resamples for confidence intervals (0: none).
    public var bootstrap: Int = 0
    /// Coverage of the confidence intervals.
    public var confidenceLevel: Double = 0.95
    /// Seed of every random choice (splits, permutations, bootstrap, ceilings).
    public var seed: UInt64 = 0
    /// Precision of the bulk products of `ridge` (the others run in Double).
    public var precision: Precision = .single
    /// Score subjects one by one or their average.
    public var subjects: SubjectHandling = .each

    /// The defaults.
    public init() {}

    /// The penalty grid in effect.
    public var effectiveAlphas: [Double] {
        alphas ?? (metric == .karpov2024 ? Karpov2024<Double, OpenBLASBackend>.paperAlphas : RidgeSolver<Double, OpenBLASBackend>.defaultAlphas)
    }

    /// The training fraction in effect.
    public var effectiveTrainFraction: Double { trainFraction ?? (metric == .karpov2024 ? 0.8 : 0.9) }

    /// Checks ranges and combinations.
    /// - Throws: `BrainError.invalidOption` naming the setting.
    public func validate(stimuli: Int) throws {
        func bad(_ name: String, _ value: Any, _ expected: String) -> BrainError { .invalidOption(name: name, value: "\(value)", expected: expected) }
        guard folds >= 2 else { throw bad("folds", folds, "an integer ≥ 2") }
        guard splits >= 1 else { throw bad("splits", splits, "an integer ≥ 1") }
        if let trainFraction, !(trainFraction > 0 && trainFraction < 1) { throw bad("train", trainFraction, "a fraction in (0, 1)") }
        if let alphas, alphas.isEmpty || !alphas.allSatisfy({ $0 > 0 && $0.isFinite }) { throw bad("alphas", alphas, "a non-empty list of positive numbers") }
        if case .innerFolds(let k) = alphaSelection, k < 2 { throw bad("inner folds", k, "an integer ≥ 2") }
        if let groups, groups.count != stimuli { throw BrainError.groups("\(groups.count) labels for \(stimuli) stimuli") }
        guard permutations >= 0 else { throw bad("permutations", permutations, "an integer ≥ 0") }
        guard bootstrap == 0 || bootstrap >= 2 else { throw bad("bootstrap", bootstrap, "0 or an integer ≥ 2") }
        guard confidenceLevel > 0, confidenceLevel < 1 else { throw bad("confidence", confidenceLevel, "a level in (0, 1)") }
        guard ceilingSplits >= 1 else { throw bad("ceiling splits", ceilingSplits, "an integer ≥ 1") }
        if normalize && !metric.isPerTargetCorrelation {
            throw bad("normalize", true, "normalize=false for \(metric.rawValue) (ceilings apply to per-target correlations: linear, ridge)")
        }
    }
}
