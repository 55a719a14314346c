import Foundation
import Formats
import Rewards
import Tensors

/// The soundness check of `experiment starc-bounds`: per variant, the largest ratio of symmetric
/// regret to distance seen, from the tightest (smallest) to the loosest.
struct BoundsReport {
    let result: ExperimentResult
    /// Bounds sorted: finite ratios ascending, then infinite ones, then variants that never saw regret.
    let bounds: [SoundnessBound]

    init(result: ExperimentResult) {
        self.result = result
        bounds = result.soundnessBounds().sorted { lhs, rhs in
            let (l, r) = (BoundsReport.order(lhs), BoundsReport.order(rhs))
            return l != r ? l < r : (lhs.largestRatio != rhs.largestRatio ? lhs.largestRatio < rhs.largestRatio : lhs.variant.name < rhs.variant.name)
        }
    }

    /// 0 for a finite ratio, 1 for infinity, 2 when no comparison had positive regret.
    private static func order(_ bound: SoundnessBound) -> Int {
        bound.comparisonIndex == nil ? 2 : (bound.largestRatio.isFinite ? 0 : 1)
    }

    /// The norm–metric pairs the printed matrix shows, one per column, when computed: a ratio
    /// depends on the distance's scale, so canonicalisations are compared at one norm and metric.
    static let columns: [(Norm, Metric)] = [(.l1, .l1), (.l2, .l2), (.linf, .linf), (.wl1, .wl1), (.wl2, .wl2), (.none, .pearson)]

    /// What was compared and the matrix canonicalisation × norm-metric (every variant, with the
    /// comparison where its ratio was reached, is in `table()`).
    func text() -> String {
        let positive = result.comparisons.filter { $0.regret.symmetric > 0 }.count
        var lines = ["largest symmetric regret / distance over \(Format.count(result.comparisons.count, "comparison")) "
                     + "(\(positive) with positive regret) × \(Format.count(bounds.count, "variant"))"]
        if !result.completed { lines.append("interrupted: the \(result.comparisons.count) comparisons done are used") }
        if let matrix = matrixTable() {
            lines.append("")
            lines.append("by canonicalisation (rows) at one normalisation and metric (columns); inf: positive regret at distance 0:")
            lines.append(matrix.render(indent: 2))
        } else {
            lines.append("(none of the variants \(BoundsReport.columns.map { "*-\($0.0.rawValue)-\($0.1.rawValue)" }.joined(separator: ", ")) was computed; the table lists every variant)")
        }
        let normalised = bounds.filter { BoundsReport.isNormalised($0.variant) }
        let unnormalised = bounds.count - normalised.count
        if unnormalised > 0 {
            lines.append("")
            lines.append("\(Format.count(unnormalised, "variant")) without normalisation (norm none, metric not pearson) are left out: "
                         + "their distances grow with the rewards' scale, so no ratio bounds them")
        }
        return lines.joined(separator: "\n")
    }

    /// True when distances do not depend on the rewards' scale (a norm, or the Pearson distance).
    static func isNormalised(_ variant: Variant) -> Bool { variant.norm != .none || variant.metric == .pearson }

    /// Rows: canonicalisations; columns: the norm–metric pairs of `columns` that were computed.
    private func matrixTable() -> TextTable? {
        let byVariant = Dictionary(bounds.map { ($0.variant, $0) }, uniquingKeysWith: { first, _ in first })
        let present = BoundsReport.columns.filter { pair in Canonicalisation.allCases.contains { byVariant[Variant($0, pair.0, pair.1)] != nil } }
        guard !present.isEmpty else { return nil }
        var table = TextTable(headers: ["canon"] + present.map { "\($0.0.rawValue)-\($0.1.rawValue)" },
                              alignments: [.left] + present.map { _ in .right })
        for canonicalisation in Canonicalisation.allCases {
            let cells = present.map { pair in byVariant[Variant(canonicalisation, pair.0, pair.1)].map(ratioText) }
            guard cells.contains(where: { $0 != nil }) else { continue }
            table.append([canonicalisation.rawValue] + cells.map { $0 ?? "-" })
        }
        return table
    }

    /// All variants in order, for the workspace and export.
    func table() throws -> Table {
        let witnesses = bounds.map { bound in bound.comparisonIndex.map { result.comparisons[$0] } }
        return try Table(names: ["rank", "variant", "canonicalisation", "norm", "metric", "largest_ratio", "environment", "pair", "step", "regret", "distance"],
                         columns: [
                            .numbers(bounds.indices.map { Double($0 + 1) }), .strings(bounds.map(\.variant.name)),
                            .strings(bounds.map(\.variant.canonicalisation.rawValue)), .strings(bounds.map(\.variant.norm.rawValue)),
                            .strings(bounds.map(\.variant.metric.rawValue)),
                            .numbers(bounds.map { $0.comparisonIndex == nil ? .nan : $0.largestRatio }),
                            .numbers(witnesses.map { $0.map { Double($0.environment) } ?? .nan }),
                            .numbers(witnesses.map { $0.map { Double($0.pair) } ?? .nan }),
                            .numbers(witnesses.map { $0.map { Double($0.step) } ?? .nan }),
                            .numbers(witnesses.map { $0?.regret.symmetric ?? .nan }),
                            .numbers(zip(bounds, witnesses).map { bound, comparison in comparison.map { distance(of: bound.variant, in: $0) } ?? .nan }),
                         ], source: "STARC soundness bounds")
    }

    private func ratioText(_ bound: SoundnessBound) -> String {
        bound.comparisonIndex == nil ? "no regret" : Format.number(bound.largestRatio)
    }

    /// The regret, distance and place of the comparison where the largest ratio was seen.
    private func distance(of variant: Variant, in comparison: Comparison) -> Double {
        guard let column = result.variants.firstIndex(of: variant) else { return .nan }
        return comparison.distances[column]
    }
}
