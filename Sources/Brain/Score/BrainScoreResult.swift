import Foundation

/// The metric-specific values of one score.
public enum MetricDetail: Sendable, Equatable {
    /// `karpov2024`.
    case karpov(KarpovScore)
    /// `linear` and `ridge`.
    case crossValidated(CrossValidatedScore)
    /// `rsa`.
    case rsa(RSAScore)
    /// `cka`: the value.
    case cka(Double)
}

/// One layer scored against one subject (or the subject average).
public struct SubjectScore: Sendable, Equatable {
    /// Subject label ("average" when subjects were averaged).
    public var subject: String
    /// The score: the CV metrics' aggregate r, karpov's brain score, RSA's ρ, CKA.
    public var score: Double
    /// `score` divided by the ceiling and clipped to [0, 1], when normalising.
    public var normalizedScore: Double?
    /// The ceiling `score` was divided by, when normalising.
    public var ceiling: Double?
    /// Per-target values over all T targets (r for linear/ridge, R² for karpov2024; NaN for
    /// dropped targets); empty for rsa and cka.
    public var perTarget: [Double]
    /// Everything the metric computed.
    public var detail: MetricDetail
    /// Targets kept and dropped before scoring.
    public var screening: TargetScreening
    /// Permutation test of `score`, when asked.
    public var permutation: PermutationTest?
    /// Bootstrap interval, when asked.
    public var interval: ConfidenceInterval?
}

/// One layer's scores over subjects.
public struct LayerScore: Sendable, Equatable {
    /// Layer index in the features.
    public var index: Int
    /// Layer name.
    public var name: String
    /// Per subject.
    public var subjects: [SubjectScore]

    /// Mean of the subjects' scores.
    public var score: Double { mean(subjects.map(\.score)) }
    /// Mean of the subjects' normalised scores, when normalising.
    public var normalizedScore: Double? {
        let values = subjects.compactMap(\.normalizedScore)
        return values.isEmpty ? nil : mean(values)
    }
    /// Standard error of `score` over subjects (sample standard deviation / √N); nil for one subject.
    public var standardError: Double? {
        let values = subjects.map(\.score).filter { !$0.isNaN }
        guard values.count >= 2 else { return nil }
        let m = mean(values)
        return (values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(values.count - 1) / Double(values.count)).squareRoot()
    }
    /// Per-target values averaged over subjects (NaN where no subject has a value).
    public var perTarget: [Double] {
        guard let width = subjects.first?.perTarget.count, width > 0 else { return [] }
        return (0..<width).map { t in mean(subjects.map { $0.perTarget[t] }) }
    }

    private func mean(_ values: [Double]) -> Double {
        let finite = values.filter { !$0.isNaN }
        return finite.isEmpty ? .nan : finite.reduce(0, +) / Double(finite.count)
    }
}

/// The result of a BrainScore run: every layer × subject score, the ceiling, and the settings.
public struct BrainScoreResult: Sendable, Equatable {
    /// The settings used.
    public var options: BrainScoreOptions
    /// True when the features were a plain matrix (one unnamed layer).
    public var isPlainMatrix: Bool
    /// Stimuli scored.
    public var stimulusCount: Int
    /// Target names, T of them.
    public var targetNames: [String]
    /// Per layer.
    public var layers: [LayerScore]
    /// The noise ceiling, when estimated.
    public var ceiling: NoiseCeiling?
    /// Warnings (dropped targets, ...), each once.
    public var warnings: [String]
    /// False when the run was stopped before every requested layer was scored (the layers
    /// scored are kept; `warnings` names the others).
    public var isComplete = true

    /// The layer with the highest score (nil when every score is NaN).
    public var bestLayer: LayerScore? {
        layers.filter { !$0.score.isNaN }.max { $0.score < $1.score }
    }
}
