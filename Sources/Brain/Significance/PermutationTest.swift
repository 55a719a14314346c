import Foundation
import Tensors

/// A permutation test of a score: the stimulus assignment of the responses is shuffled and the
/// score recomputed, giving its distribution under "no stimulus-specific relation".
public struct PermutationTest: Sendable, Equatable {
    /// The score on the real assignment.
    public var observed: Double
    /// Scores on shuffled assignments (NaN ones are kept here but never count as ≥ observed).
    public var nullScores: [Double]
    /// One-sided p-value, (1 + #{null ≥ observed}) / (1 + permutations): never 0, exact in level.
    public var pValue: Double
    /// Number of shuffles.
    public var permutations: Int
    /// Seed of the shuffles.
    public var seed: UInt64

    /// Runs `permutations` shuffles; `score(order)` must return the score with response row i
    /// replaced by response row `order[i]`.
    /// - Throws: `BrainError.invalidOption` for fewer than 1 permutation; `.cancelled`; what `score` throws.
    public static func run(observed: Double, stimuli: Int, permutations: Int, seed: UInt64, control: RunControl = .silent,
                           score: (_ order: [Int]) throws -> Double) throws -> PermutationTest {
        guard permutations >= 1 else { throw BrainError.invalidOption(name: "permutations", value: "\(permutations)", expected: "an integer ≥ 1") }
        let root = SeededRNG(seed: seed)
        var null: [Double] = []
        null.reserveCapacity(permutations)
        for index in 0..<permutations {
            try control.checkCancelled()
            var rng = root.derived(UInt64(index))
            null.append(try score(rng.permutation(stimuli)))
            control.progress(index + 1, permutations)
        }
        let exceed = null.filter { $0 >= observed }.count
        return PermutationTest(observed: observed, nullScores: null, pValue: Double(1 + exceed) / Double(1 + permutations),
                               permutations: permutations, seed: seed)
    }
}

/// A percentile bootstrap confidence interval.
public struct ConfidenceInterval: Sendable, Equatable, Codable {
    /// What the interval is for (e.g. "score", "r2_mean", "mean difference").
    public var quantity: String
    /// Coverage, e.g. 0.95.
    public var level: Double
    /// Lower bound (the (1 − level)/2 quantile of the bootstrap distribution).
    public var low: Double
    /// Upper bound (the (1 + level)/2 quantile).
    public var high: Double
    /// Bootstrap resamples used.
    public var samples: Int
}

/// Bootstrap resampling over stimuli (or any units), with the RNG passed in.
public enum Bootstrap {
    /// The percentile interval of `statistic` over `samples` resamples; each call receives its own
    /// RNG stream (`derived(i)` of the seed), so results do not depend on evaluation order.
    /// - Throws: `BrainError.invalidOption` for a level outside (0, 1) or fewer than 2 samples.
    public static func interval(quantity: String, samples: Int, level: Double, seed: UInt64, control: RunControl = .silent,
                                statistic: (_ rng: inout SeededRNG) throws -> Double) throws -> ConfidenceInterval {
        guard level > 0, level < 1 else { throw BrainError.invalidOption(name: "confidence", value: "\(level)", expected: "a level in (0, 1)") }
        guard samples >= 2 else { throw BrainError.invalidOption(name: "bootstrap", value: "\(samples)", expected: "at least 2 resamples") }
        let root = SeededRNG(seed: seed)
        var values: [Double] = []
        values.reserveCapacity(samples)
        for index in 0..<samples {
            try control.checkCancelled()
            var rng = root.derived(UInt64(index))
            values.append(try statistic(&rng))
        }
        let tail = (1 - level) / 2
        return ConfidenceInterval(quantity: quantity, level: level, low: Statistics.quantile(values, tail),
                                  high: Statistics.quantile(values, 1 - tail), samples: samples)
    }

    /// `count` indices drawn uniformly with replacement from 0..<count.
    public static func resample(_ count: Int, rng: inout SeededRNG) -> [Int] {
        (0..<count).map { _ in rng.integer(below: count) }
    }
}
