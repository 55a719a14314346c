import Foundation
import Tensors

/// How the noise ceiling is estimated.
public enum CeilingMethod: String, Sendable, Codable, CaseIterable {
    /// Split-half correlation over each subject's repetitions, Spearman–Brown corrected to all of
    /// them: the reliability of the subject's mean response (Brain-Score's internal consistency).
    case repetitions
    /// The same over subjects: the reliability of the subject-average response.
    case subjects
    /// Brain-Score language's subject-pool extrapolation: predict held-out subjects from pools of
    /// 2…N−1 others with the chosen metric and extrapolate the score to an infinite pool.
    case subjectPool
}

/// A noise ceiling: per-target values, their summary, and how they were made.
public struct NoiseCeiling: Sendable, Equatable {
    /// The method.
    public var method: CeilingMethod
    /// The ceiling of each target (NaN where it cannot be estimated), [T].
    public var perTarget: [Double]
    /// `perTarget` aggregated over targets (the same aggregate as the score).
    public var value: Double
    /// Per subject (`.repetitions` only): subject name and its ceiling aggregated over targets.
    public var perSubject: [(subject: String, value: Double)]
    /// Random half-splits (split-half methods) or bootstrap fits (`.subjectPool`) used.
    public var samples: Int

    public static func == (lhs: NoiseCeiling, rhs: NoiseCeiling) -> Bool {
        lhs.method == rhs.method && lhs.value.bitPattern == rhs.value.bitPattern && lhs.samples == rhs.samples
            && lhs.perTarget.map(\.bitPattern) == rhs.perTarget.map(\.bitPattern)
            && lhs.perSubject.map(\.subject) == rhs.perSubject.map(\.subject)
    }
}

/// Split-half reliability with the Spearman–Brown correction.
public enum SplitHalfReliability {
    /// The Spearman–Brown prophecy: the reliability of an average of `factor` times as many
    /// replicates as the one with reliability r: factor·r / (1 + (factor − 1)·r).
    public static func spearmanBrown(_ r: Double, factor: Double) -> Double {
        factor * r / (1 + (factor - 1) * r)
    }

    /// Per-target reliability of the mean of `replicates` (each [S, T], R ≥ 2 of them).
    ///
    /// Each of `splits` random splits (seeded) draws two disjoint halves of ⌊R/2⌋ replicates,
    /// averages each half and correlates the halves target by target across stimuli; the mean r
    /// over splits is corrected from ⌊R/2⌋ to R replicates by Spearman–Brown.
    /// - Throws: `BrainError.notEnoughReplicates` for R < 2.
    public static func estimate(_ replicates: [Tensor], splits: Int = 20, seed: UInt64) throws -> [Double] {
        let count = replicates.count
        guard count >= 2 else { throw BrainError.notEnoughReplicates(have: count, need: 2, what: "repetitions or subjects for a split-half ceiling") }
        let half = count / 2
        let t = replicates[0].shape[1]
        var totals = [Double](repeating: 0, count: t), used = [Int](repeating: 0, count: t)
        let root = SeededRNG(seed: seed)
        let splitCount = count == 2 ? 1 : max(1, splits)  // two replicates have one split
        for index in 0..<splitCount {
            var rng = root.derived(UInt64(index))
            let order = rng.permutation(count)
            let a = average(order[0..<half].map { replicates[$0] }), b = average(order[half..<(2 * half)].map { replicates[$0] })
            let r = Statistics.columnwisePearson(a, b)
            for j in 0..<t where !r[j].isNaN { totals[j] += r[j]; used[j] += 1 }
        }
        return (0..<t).map { j in
            used[j] == 0 ? .nan : spearmanBrown(totals[j] / Double(used[j]), factor: Double(count) / Double(half))
        }
    }

    static func average(_ tensors: [Tensor]) -> Tensor {
        var total = tensors[0]
        for tensor in tensors.dropFirst() { total += tensor }
        return total * (1 / Float(tensors.count))
    }
}

extension NoiseCeiling {
    /// The split-half ceiling of `responses` by `method` (`.repetitions` or `.subjects`).
    /// - Throws: `BrainError.notEnoughReplicates` when subjects have one repetition (or there is one subject).
    public static func splitHalf(_ responses: BrainResponses, method: CeilingMethod, aggregate: TargetAggregate,
                                 splits: Int = 20, seed: UInt64) throws -> NoiseCeiling {
        switch method {
        case .repetitions:
            var perSubject: [(String, Double)] = [], sums = [Double](repeating: 0, count: responses.targetCount)
            var counts = [Int](repeating: 0, count: responses.targetCount)
            for (index, subject) in responses.subjects.enumerated() {
                let values = try SplitHalfReliability.estimate(subject.repetitions, splits: splits, seed: SeededRNG(seed: seed).derived(UInt64(index)).seed)
                perSubject.append((subject.name, aggregate.apply(values)))
                for (j, value) in values.enumerated() where !value.isNaN { sums[j] += value; counts[j] += 1 }
            }
            let perTarget = zip(sums, counts).map { $1 == 0 ? Double.nan : $0 / Double($1) }
            return NoiseCeiling(method: .repetitions, perTarget: perTarget, value: aggregate.apply(perTarget), perSubject: perSubject, samples: splits)
        case .subjects:
            let values = try SplitHalfReliability.estimate(responses.subjects.map(\.mean), splits: splits, seed: seed)
            return NoiseCeiling(method: .subjects, perTarget: values, value: aggregate.apply(values), perSubject: [], samples: splits)
        case .subjectPool:
            throw BrainError.invalidOption(name: "ceiling", value: "subjectPool", expected: "SubjectPoolCeiling for the extrapolated ceiling")
        }
    }
}
