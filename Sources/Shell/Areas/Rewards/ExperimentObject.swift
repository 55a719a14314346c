import Foundation
import Formats
import Rewards

/// The STARC paper's experiment in the workspace (kind `experiment`): every comparison made and
/// each variant's correlation with the symmetric regret.
struct ExperimentObject: WorkspaceObject {
    static let kind = ObjectKind(
        name: "experiment",
        summary: "the STARC experiment: comparisons of interpolated random rewards, and each variant's correlation with regret",
        exports: [.json: "{\"variants\": {\"val-l1-l1\": {\"pearson\": ρ}, ...}, \"settings\": {...}, \"comparisons\": n, "
                      + "\"degenerateComparisons\": n, \"completed\": bool} (ρ null when undefined)",
                  .csv: "one row per comparison: environment, pair, step, t, regret_forward, regret_backward, regret_symmetric, "
                      + "degenerate_forward, degenerate_backward, then one distance column per variant"])

    /// The comparisons and correlations.
    let result: ExperimentResult
    /// Wall-clock seconds the run took.
    let seconds: Double

    /// `16384 comparisons × 301 variants; best val-l2-l2 (ρ = 0.91)`, and how far an interrupted run got.
    var summary: String {
        var text = "\(Format.count(result.comparisons.count, "comparison")) × \(Format.count(result.variants.count, "variant"))"
        if let best = result.ranked.first, !best.pearson.isNaN { text += "; best \(best.variant.name) (ρ = \(Format.number(best.pearson)))" }
        if !result.completed { text += "; interrupted at \(result.comparisons.count) of \(result.settings.comparisonCount)" }
        return text
    }

    /// `16384 × 301`: comparisons × variants.
    var shape: String { Format.shape([result.comparisons.count, result.variants.count]) }

    /// The distances (8 bytes per comparison and variant) and the regrets.
    var memoryBytes: Int { result.comparisons.count * (8 * result.variants.count + 96) }

    /// The settings, the top 20 variants and the summaries by canonicalisation, norm and metric.
    func details() -> String { ExperimentReport(result: result, seconds: seconds).text(top: 20) }

    /// The correlations (null when undefined, e.g. for a constant distance) and the settings.
    func exportJSON() throws -> JSONValue? {
        let summary = result.summary
        var variants: [String: JSONValue] = [:]
        for (name, entry) in summary.variants { variants[name] = .object(["pearson": entry.pearson.map { .number($0) } ?? .null]) }
        return .object([
            "variants": .object(variants), "settings": try JSONValue(encoding: summary.settings),
            "comparisons": .number(Double(summary.comparisons)), "degenerateComparisons": .number(Double(summary.degenerateComparisons)),
            "completed": .bool(summary.completed),
        ])
    }

    /// Every comparison.
    func exportCSV() throws -> Table? { try result.comparisonTable() }
}
