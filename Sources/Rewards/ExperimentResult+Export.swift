import Foundation

/// The JSON form of an experiment: `{"variants": {"val-l1-l1": {"pearson": …}, …}, "settings": {…}, …}`.
public struct ExperimentSummary: Codable, Sendable, Equatable {
    /// One variant's entry.
    public struct Entry: Codable, Sendable, Equatable {
        /// Pearson correlation with the symmetric regret; nil (JSON null) when undefined.
        public let pearson: Double?
    }
    /// Entries by variant name.
    public let variants: [String: Entry]
    /// The settings the experiment ran with.
    public let settings: ExperimentSettings
    /// Number of comparisons made.
    public let comparisons: Int
    /// Comparisons with a degenerate regret denominator.
    public let degenerateComparisons: Int
    /// False when the experiment was cancelled before the end.
    public let completed: Bool
}

/// A distance export: `{"variant": "val-l1-l1", "distance": x}`.
public struct DistanceExport: Codable, Sendable, Equatable {
    public let variant: String
    public let distance: Double

    /// The export of a distance under `variant`.
    public init(variant: Variant, distance: Double) {
        self.variant = variant.name
        self.distance = distance
    }
}

/// A regret export: `{"regret": forward, "symmetric": mean, …}` with the degeneracy said explicitly.
public struct RegretExport: Codable, Sendable, Equatable {
    public let regret: Double
    public let symmetric: Double
    public let reverse: Double
    public let degenerate: Bool
    public let note: String?

    /// The export of `regret`: `regret` is the forward direction (under R1).
    public init(_ regret: Regret) {
        self.regret = regret.forward.value
        symmetric = regret.symmetric
        reverse = regret.backward.value
        degenerate = regret.isDegenerate
        note = regret.degeneracyNote
    }
}

extension ExperimentResult {
    /// The summary for JSON export.
    public var summary: ExperimentSummary {
        var entries: [String: ExperimentSummary.Entry] = [:]
        for correlation in correlations { entries[correlation.variant.name] = .init(pearson: correlation.pearson.isNaN ? nil : correlation.pearson) }
        return ExperimentSummary(variants: entries, settings: settings, comparisons: comparisons.count,
                                 degenerateComparisons: degenerateComparisons, completed: completed)
    }

    /// Column names of the per-comparison table: indices, t, regrets, degeneracy flags, then one
    /// column per variant.
    public var csvHeader: [String] {
        ["environment", "pair", "step", "t", "regret_forward", "regret_backward", "regret_symmetric",
         "degenerate_forward", "degenerate_backward"] + variants.map(\.name)
    }

    /// The fields of one comparison's row, numbers in shortest round-trip form.
    public func csvFields(_ comparison: Comparison) -> [String] {
        [String(comparison.environment), String(comparison.pair), String(comparison.step), "\(comparison.t)",
         "\(comparison.regret.forward.value)", "\(comparison.regret.backward.value)", "\(comparison.regret.symmetric)",
         comparison.regret.forward.degenerate ? "1" : "0", comparison.regret.backward.degenerate ? "1" : "0"]
            + comparison.distances.map { "\($0)" }
    }
}
