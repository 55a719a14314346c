import Foundation
import Tensors

/// A paired comparison of two sets of scores on the same units (subjects, targets or layers):
/// the mean difference a − b, a two-sided sign-flip permutation p-value, and a bootstrap interval.
public struct PairedComparison: Sendable, Equatable {
    /// What the paired values are (e.g. "subjects", "targets").
    public var unit: String
    /// Number of pairs with both values finite.
    public var pairs: Int
    /// Mean of a − b over the pairs.
    public var meanDifference: Double
    /// Two-sided p-value of the sign-flip test: the share of sign assignments whose |mean| is at
    /// least the observed |mean| (exact enumeration for up to 2^pairs ≤ `permutations`,
    /// otherwise (1 + count) / (1 + permutations) over random flips).
    public var pValue: Double
    /// True when all 2^pairs sign assignments were enumerated.
    public var exact: Bool
    /// Sign assignments evaluated.
    public var permutations: Int
    /// Bootstrap interval of the mean difference (pairs resampled).
    public var interval: ConfidenceInterval

    /// Compares a and b pair by pair; pairs with a NaN on either side are left out.
    /// - Throws: `BrainError.notEnoughReplicates` for fewer than 2 usable pairs;
    ///   `.incomparableResults` for lists of different lengths.
    public static func compare(_ a: [Double], _ b: [Double], unit: String, permutations: Int = 10_000,
                               bootstrap: Int = 2_000, level: Double = 0.95, seed: UInt64) throws -> PairedComparison {
        guard a.count == b.count else { throw BrainError.incomparableResults("\(a.count) \(unit) against \(b.count)") }
        let differences = zip(a, b).filter { !$0.0.isNaN && !$0.1.isNaN }.map { $0.0 - $0.1 }
        guard differences.count >= 2 else { throw BrainError.notEnoughReplicates(have: differences.count, need: 2, what: "paired \(unit) with finite scores") }
        let n = differences.count
        let mean = differences.reduce(0, +) / Double(n)
        let observed = abs(mean) * (1 - 1e-12)  // ties with the observed value count as extreme
        var count = 0, evaluated = 0, exact = false
        if n < 62, (1 << n) <= permutations {
            exact = true
            evaluated = 1 << n
            for mask in 0..<evaluated where abs(signedMean(differences, mask: UInt64(mask))) >= observed { count += 1 }
        } else {
            evaluated = permutations
            var rng = SeededRNG(seed: seed)
            for _ in 0..<permutations where abs(randomlySignedMean(differences, rng: &rng)) >= observed { count += 1 }
        }
        let p = exact ? Double(count) / Double(evaluated) : Double(1 + count) / Double(1 + evaluated)
        let interval = try Bootstrap.interval(quantity: "mean difference", samples: bootstrap, level: level, seed: seed &+ 1) { rng in
            Bootstrap.resample(n, rng: &rng).reduce(0.0) { $0 + differences[$1] } / Double(n)
        }
        return PairedComparison(unit: unit, pairs: n, meanDifference: mean, pValue: min(1, p), exact: exact,
                                permutations: evaluated, interval: interval)
    }

    /// Mean of the differences with the sign of element i flipped when bit i of `mask` is set (n < 64).
    private static func signedMean(_ values: [Double], mask: UInt64) -> Double {
        var total = 0.0
        for (i, value) in values.enumerated() { total += (mask >> UInt64(i)) & 1 == 1 ? -value : value }
        return total / Double(values.count)
    }

    /// Mean of the differences with independent random signs (a fresh 64-bit word per 64 elements).
    private static func randomlySignedMean(_ values: [Double], rng: inout SeededRNG) -> Double {
        var total = 0.0, bits: UInt64 = 0
        for (i, value) in values.enumerated() {
            if i % 64 == 0 { bits = rng.next() }
            total += (bits >> UInt64(i % 64)) & 1 == 1 ? -value : value
        }
        return total / Double(values.count)
    }
}
