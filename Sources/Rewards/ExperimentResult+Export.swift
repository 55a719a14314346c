import Foundation
import Formats

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

    /// Every comparison as a table (for CSV export): environment, pair, step, t, the regrets and
    /// their degeneracy flags (1/0), then one column of distances per variant.
    /// - Throws: `FormatError.duplicateName` when the settings list a variant twice.
    public func comparisonTable() throws -> Table {
        let numbers: [(String, (Comparison) -> Double)] = [
            ("environment", { Double($0.environment) }), ("pair", { Double($0.pair) }), ("step", { Double($0.step) }), ("t", { $0.t }),
            ("regret_forward", { $0.regret.forward.value }), ("regret_backward", { $0.regret.backward.value }),
            ("regret_symmetric", { $0.regret.symmetric }),
            ("degenerate_forward", { $0.regret.forward.degenerate ? 1 : 0 }), ("degenerate_backward", { $0.regret.backward.degenerate ? 1 : 0 }),
        ]
        var names = numbers.map(\.0), columns = numbers.map { field in Table.Column.numbers(comparisons.map(field.1)) }
        for (index, variant) in variants.enumerated() {
            names.append(variant.name)
            columns.append(.numbers(comparisons.map { $0.distances[index] }))
        }
        return try Table(names: names, columns: columns, source: "STARC experiment")
    }

    /// The correlations from highest to lowest as a table: rank, variant, its three parts, pearson.
    public func correlationTable() throws -> Table {
        let ranked = self.ranked
        return try Table(names: ["rank", "variant", "canonicalisation", "norm", "metric", "pearson"], columns: [
            .numbers(ranked.indices.map { Double($0 + 1) }), .strings(ranked.map(\.variant.name)),
            .strings(ranked.map(\.variant.canonicalisation.rawValue)), .strings(ranked.map(\.variant.norm.rawValue)),
            .strings(ranked.map(\.variant.metric.rawValue)), .numbers(ranked.map(\.pearson)),
        ], source: "STARC correlations")
    }
}
