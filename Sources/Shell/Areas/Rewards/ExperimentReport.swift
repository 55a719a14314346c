import Foundation
import Rewards
import Tensors

/// The readable account of an experiment: what ran, the top variants by correlation with regret,
/// and how the correlations spread by canonicalisation, norm and metric (301 variants do not
/// read as one list; the full ranking is `experiment ranking` and the JSON export).
struct ExperimentReport {
    let result: ExperimentResult
    let seconds: Double

    /// The whole report: settings, top `top` variants, the three summaries and reference points.
    func text(top: Int) -> String {
        var sections = [header]
        guard result.comparisons.count >= 2 else {
            sections.append("too few comparisons to correlate (at least 2 are needed)")
            return sections.joined(separator: "\n")
        }
        let ranked = result.ranked
        sections.append("")
        sections.append("top \(min(top, ranked.count)) of \(ranked.count) variants by Pearson correlation ρ between distance and symmetric regret:")
        sections.append(topTable(ranked, count: top).render(indent: 2))
        if Set(result.variants.map(\.canonicalisation)).count > 1 {
            sections.append("")
            sections.append("by canonicalisation (ρ over its variants):")
            sections.append(groupTable(ranked, heading: "canon") { $0.canonicalisation.rawValue }.render(indent: 2))
        }
        if Set(result.variants.map(\.norm)).count > 1 {
            sections.append("")
            sections.append("by normalisation:")
            sections.append(groupTable(ranked, heading: "norm") { $0.norm.rawValue }.render(indent: 2))
        }
        if Set(result.variants.map(\.metric)).count > 1 {
            sections.append("")
            sections.append("by metric:")
            sections.append(groupTable(ranked, heading: "metric") { $0.metric.rawValue }.render(indent: 2))
        }
        let references = referenceLine(ranked)
        if !references.isEmpty { sections.append(""); sections.append(references) }
        return sections.joined(separator: "\n")
    }

    /// What ran, how long it took, and how many regrets were degenerate.
    private var header: String {
        let settings = result.settings
        var line = "\(Format.count(result.comparisons.count, "comparison")) (\(settings.environments) MDPs × \(settings.pairs) pairs × "
            + "\(settings.steps) steps; \(settings.states) states, \(settings.actions) actions, γ = \(Format.number(settings.discount)), "
            + "seed \(settings.seed)) × \(Format.count(result.variants.count, "variant")) in \(Format.duration(seconds))"
        if !result.completed { line += "\ninterrupted: \(result.comparisons.count) of \(settings.comparisonCount) comparisons were done and are kept" }
        let degenerate = result.degenerateComparisons
        if degenerate > 0 {
            line += "\n\(Format.count(degenerate, "comparison")) had a degenerate regret denominator (all policies equally good under a reward): that regret is taken as 0"
        }
        return line
    }

    private func topTable(_ ranked: [VariantCorrelation], count: Int) -> TextTable {
        var table = TextTable(headers: ["rank", "variant", "pearson"], alignments: [.right, .left, .right])
        for (index, entry) in ranked.prefix(count).enumerated() {
            table.append([String(index + 1), entry.variant.name, Format.number(entry.pearson)])
        }
        return table
    }

    /// One row per group: variants, best variant and its ρ, median and lowest ρ; best group first.
    private func groupTable(_ ranked: [VariantCorrelation], heading: String, key: (Variant) -> String) -> TextTable {
        var groups: [String: [VariantCorrelation]] = [:]
        var order: [String] = []
        for entry in ranked {
            let name = key(entry.variant)
            if groups[name] == nil { order.append(name) }
            groups[name, default: []].append(entry)
        }
        var table = TextTable(headers: [heading, "variants", "best variant", "best ρ", "median ρ", "lowest ρ"],
                              alignments: [.left, .right, .left, .right, .right, .right])
        for name in order {
            let entries = groups[name] ?? []
            let values = entries.map(\.pearson).filter { !$0.isNaN }
            let best = entries.first { !$0.pearson.isNaN }
            table.append([name, String(entries.count), best?.variant.name ?? "-", best.map { Format.number($0.pearson) } ?? "nan",
                          values.isEmpty ? "nan" : Format.number(Statistics.median(values)),
                          values.min().map { Format.number($0) } ?? "nan"])
        }
        return table
    }

    /// Where EPIC and the raw L2 distance rank, when they were computed.
    private func referenceLine(_ ranked: [VariantCorrelation]) -> String {
        let references: [(String, Variant)] = [("EPIC", .epicPearson), ("no canonicalisation", Variant(.none, .none, .l2))]
        let parts = references.compactMap { label, variant -> String? in
            guard let rank = ranked.firstIndex(where: { $0.variant == variant }) else { return nil }
            return "\(label) \(variant.name) ρ = \(Format.number(ranked[rank].pearson)) (rank \(rank + 1))"
        }
        return parts.isEmpty ? "" : "for reference: " + parts.joined(separator: "; ")
    }
}
