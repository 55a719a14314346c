import Foundation
import Tensors

/// One comparison of the experiment: R1 of a pair against R_i = R1 + t(R2 − R1).
public struct Comparison: Sendable, Equatable {
    /// Index of the random MDP.
    public let environment: Int
    /// Index of the reward pair within its MDP.
    public let pair: Int
    /// Interpolation step i (1…steps).
    public let step: Int
    /// t = i / steps.
    public let t: Double
    /// Regret between R1 and R_i.
    public let regret: Regret
    /// One distance per variant of the experiment, in the order of `ExperimentResult.variants`.
    public let distances: [Double]
}

/// How well one variant's distances track regret over the experiment.
public struct VariantCorrelation: Sendable, Equatable {
    /// The variant.
    public let variant: Variant
    /// Pearson correlation between its distances and the symmetric regret (NaN when either is constant).
    public let pearson: Double
}

/// The largest regret / distance ratio seen for one variant: an empirical constant for the
/// soundness bound regret ≤ U · d.
public struct SoundnessBound: Sendable, Equatable {
    /// The variant.
    public let variant: Variant
    /// max over comparisons of symmetric regret / distance (infinite when some regret is positive at distance 0).
    public let largestRatio: Double
    /// The comparison where it was seen (index into `comparisons`), nil when no comparison had regret.
    public let comparisonIndex: Int?
}

/// Everything the experiment produced: settings, every comparison, and per-variant correlations.
public struct ExperimentResult: Sendable {
    /// The settings it ran with.
    public let settings: ExperimentSettings
    /// Every comparison made, in environment, pair, step order.
    public let comparisons: [Comparison]
    /// False when it was cancelled before the end (the comparisons are those finished).
    public let completed: Bool
    /// Correlations in the order of `variants`.
    public let correlations: [VariantCorrelation]

    /// Assembles a result and correlates each variant's distances with the symmetric regret.
    public init(settings: ExperimentSettings, comparisons: [Comparison], completed: Bool) {
        self.settings = settings
        self.comparisons = comparisons
        self.completed = completed
        let regrets = comparisons.map(\.regret.symmetric)
        var pearson = [Double](repeating: .nan, count: settings.variants.count)
        if comparisons.count >= 2 {
            pearson.withUnsafeMutableBufferPointer { out in
                Parallel.forEach(settings.variants.count) { index in
                    out[index] = Statistics.pearson(comparisons.map { $0.distances[index] }, regrets)
                }
            }
        }
        correlations = zip(settings.variants, pearson).map { VariantCorrelation(variant: $0, pearson: $1) }
    }

    /// The variants, in the order of each comparison's distances.
    public var variants: [Variant] { settings.variants }

    /// Correlations from highest to lowest, NaN last, ties by name.
    public var ranked: [VariantCorrelation] {
        correlations.sorted { lhs, rhs in
            switch (lhs.pearson.isNaN, rhs.pearson.isNaN) {
            case (false, true): return true
            case (true, false): return false
            case (true, true): return lhs.variant.name < rhs.variant.name
            case (false, false): return lhs.pearson != rhs.pearson ? lhs.pearson > rhs.pearson : lhs.variant.name < rhs.variant.name
            }
        }
    }

    /// The correlation of one variant, nil when it was not part of the experiment.
    public func correlation(of variant: Variant) -> Double? {
        correlations.first { $0.variant == variant }?.pearson
    }

    /// Comparisons whose regret had a degenerate denominator (all policies equally good).
    public var degenerateComparisons: Int { comparisons.filter(\.regret.isDegenerate).count }

    /// Per variant, the largest ratio of symmetric regret to distance over all comparisons.
    public func soundnessBounds() -> [SoundnessBound] {
        variants.indices.map { index in
            var largest = 0.0
            var at: Int?
            for (position, comparison) in comparisons.enumerated() where comparison.regret.symmetric > 0 {
                let distance = comparison.distances[index]
                let ratio = distance > 0 ? comparison.regret.symmetric / distance : .infinity
                if at == nil || ratio > largest { largest = ratio; at = position }
            }
            return SoundnessBound(variant: variants[index], largestRatio: largest, comparisonIndex: at)
        }
    }
}
