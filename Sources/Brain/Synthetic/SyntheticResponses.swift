import Foundation
import Tensors

/// Settings of synthetic brain responses with a known ground truth.
public struct SyntheticSettings: Sendable, Codable, Equatable {
    /// Number of subjects.
    public var subjects: Int
    /// Repetitions of the stimulus set per subject.
    public var repetitions: Int
    /// Number of targets T.
    public var targets: Int
    /// Reliability of one repetition of a target: signal variance / (signal + noise variance).
    public var reliability: Double
    /// Targets' reliabilities are spread uniformly over reliability ± spread (clipped to [0.01, 0.99]).
    public var reliabilitySpread: Double
    /// Fraction of the features that drive each target (at least one).
    public var sparsity: Double
    /// Seed of the hidden map and the noise.
    public var seed: UInt64

    /// Settings with the given values.
    public init(subjects: Int = 4, repetitions: Int = 2, targets: Int = 64, reliability: Double = 0.5,
                reliabilitySpread: Double = 0, sparsity: Double = 0.1, seed: UInt64 = 0) {
        self.subjects = subjects
        self.repetitions = repetitions
        self.targets = targets
        self.reliability = reliability
        self.reliabilitySpread = reliabilitySpread
        self.sparsity = sparsity
        self.seed = seed
    }

    /// The single-repetition reliability that noise of standard deviation `noise` gives a signal
    /// of unit variance: 1 / (1 + noise²) (for a `noise=` option).
    public static func reliability(forNoise noise: Double) -> Double { 1 / (1 + noise * noise) }

    func validate() throws {
        func bad(_ name: String, _ value: Any, _ expected: String) -> BrainError { .invalidOption(name: name, value: "\(value)", expected: expected) }
        guard subjects >= 1 else { throw bad("subjects", subjects, "an integer ≥ 1") }
        guard repetitions >= 1 else { throw bad("repetitions", repetitions, "an integer ≥ 1") }
        guard targets >= 1 else { throw bad("targets", targets, "an integer ≥ 1") }
        guard reliability > 0, reliability < 1 else { throw bad("reliability", reliability, "a number in (0, 1)") }
        guard reliabilitySpread >= 0 else { throw bad("reliability spread", reliabilitySpread, "a number ≥ 0") }
        guard sparsity > 0, sparsity <= 1 else { throw bad("sparsity", sparsity, "a number in (0, 1]") }
    }
}

/// Synthetic responses and the truth they were made from.
public struct SyntheticResponses: Sendable {
    /// The responses (subjects × repetitions of [S, T]).
    public var responses: BrainResponses
    /// The hidden sparse map from z-scored features to signals, [F, T].
    public var weights: Tensor
    /// The noise-free signal of each target (z-scored over stimuli), [S, T].
    public var signal: Tensor
    /// Reliability of one repetition of each target, [T].
    public var singleRepetitionReliability: [Double]
    /// True ceiling: reliability of one subject's mean over its R repetitions, SB(ρ₁, R), [T].
    public var subjectCeiling: [Double]
    /// True reliability of the average over all subjects and repetitions, SB(ρ₁, N·R), [T].
    public var subjectAverageCeiling: [Double]
    /// The settings used.
    public var settings: SyntheticSettings
}

/// Makes responses y = signal + noise, signal = z(features)·W with W sparse (each target driven by
/// ⌈sparsity·F⌉ random features with normal weights), rescaled so each target's signal has mean 0 and
/// variance 1 over the stimuli; noise is independent normal per subject and repetition with
/// variance (1 − ρ)/ρ for the target's reliability ρ. The signal is shared by all subjects.
public enum SyntheticResponseGenerator {
    /// Responses to the stimuli whose features are `features` [S, F].
    /// - Throws: `BrainError.invalidOption` for bad settings; `.shape` when the features are constant
    ///   (no signal can be made) or have fewer than 3 stimuli.
    public static func generate(features: Tensor, stimulusIDs: [String]? = nil, settings: SyntheticSettings) throws -> SyntheticResponses {
        try settings.validate()
        guard features.rank == 2, features.shape[0] >= 3 else { throw BrainError.shape("synthetic responses need [stimuli ≥ 3, features] features, got \(features.shape)") }
        let (s, f, t) = (features.shape[0], features.shape[1], settings.targets)
        let root = SeededRNG(seed: settings.seed)
        let z = zScoredColumns(Dense<Double>(features))
        var mapRNG = root.derived(0)
        let active = max(1, Int((settings.sparsity * Double(f)).rounded(.up)))
        var weights = Dense<Double>(zeros: f, t)
        for target in 0..<t { for feature in mapRNG.sample(active, from: f) { weights[feature, target] = mapRNG.normal() } }
        var signal = OpenBLASBackend().product(z, weights)
        signal = zScoredColumns(signal)
        guard (0..<t).contains(where: { target in (0..<s).contains { signal[$0, target] != 0 } }) else {
            throw BrainError.shape("the features are constant across stimuli: no signal can be made from them")
        }
        var reliabilityRNG = root.derived(1)
        let reliabilities = (0..<t).map { _ in
            min(0.99, max(0.01, settings.reliability + settings.reliabilitySpread * (2 * reliabilityRNG.uniform() - 1)))
        }
        let noiseScale = reliabilities.map { ((1 - $0) / $0).squareRoot() }
        let subjects = (0..<settings.subjects).map { subject in
            SubjectResponses(name: String(format: "sub-%02d", subject + 1), repetitions: (0..<settings.repetitions).map { repetition in
                var rng = root.derived(UInt64(2 + subject * settings.repetitions + repetition))
                return Tensor(shape: [s, t]) { out in
                    for i in 0..<s { for j in 0..<t { out[i * t + j] = Float(signal[i, j] + noiseScale[j] * rng.normal()) } }
                }
            })
        }
        let ids = stimulusIDs ?? (0..<s).map { "\($0 + 1)" }
        let responses = try BrainResponses(stimulusIDs: ids, targetNames: (0..<t).map { "t\($0)" }, subjects: subjects)
        let perSubject = Double(settings.repetitions), everyone = Double(settings.repetitions * settings.subjects)
        return SyntheticResponses(responses: responses, weights: weights.tensor, signal: signal.tensor,
                                  singleRepetitionReliability: reliabilities,
                                  subjectCeiling: reliabilities.map { SplitHalfReliability.spearmanBrown($0, factor: perSubject) },
                                  subjectAverageCeiling: reliabilities.map { SplitHalfReliability.spearmanBrown($0, factor: everyone) },
                                  settings: settings)
    }

    /// Columns shifted to mean 0 and scaled to variance 1 (population); constant columns become 0.
    static func zScoredColumns(_ m: Dense<Double>) -> Dense<Double> {
        var result = m.centered(by: m.columnMeans())
        for j in 0..<m.columns {
            var variance = 0.0
            for i in 0..<m.rows { variance += result[i, j] * result[i, j] }
            variance /= Double(m.rows)
            let scale = variance > 1e-24 ? 1 / variance.squareRoot() : 0
            for i in 0..<m.rows { result[i, j] *= scale }
        }
        return result
    }
}
