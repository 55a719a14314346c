import Brain
import Foundation
import Formats

/// `compare scores R1 R2`: a paired test of two BrainScore results layer by layer (two models, or a base
/// model and its fine-tuned version), over subjects or per-target values.
enum CompareCommand {
    static let first = Positional.object("R1", BrainScoreObject.self, help: "a brainscore result")
    static let second = Positional.object("R2", BrainScoreObject.self, help: "a brainscore result of the same metric, stimuli and targets")
    static let unit = Option.choice("unit", PairingUnit.self, help: "what is paired (default: subjects when both have ≥ 2, else targets)")
    static let permutations = Option.int("permutations", default: 10_000, range: .between(1, 10_000_000), help: "sign flips (all of them when 2^pairs is fewer)")
    static let bootstrap = Option.int("bootstrap", default: 2_000, range: .between(2, 1_000_000), help: "bootstrap resamples of the mean difference")
    static let level = Option.number("level", default: 0.95, range: .between(0.5, 0.999), help: "coverage of the interval")
    static let seed = Option.int("seed", range: .atLeast(0), help: "seed of the flips and resamples (default: the session's next stream)")

    static let command = Command(
        "compare scores", summary: "Paired test of two brainscore results, layer by layer: mean difference, interval and p-value.",
        parameters: [first, second, unit, permutations, bootstrap, level, seed], result: .object(TableObject.kind),
        examples: ["compare scores tuned base", "compare scores r_minilm r_random unit=targets permutations=100000"],
        discussion: """
        For each layer scored in both, the differences R1 − R2 over the paired units are tested with a two-sided sign-flip \
        test (exact when 2^pairs ≤ permutations) and a percentile bootstrap interval of their mean. Targets are not \
        independent units (they share noise and stimuli): prefer subjects when there are several.
        """
    ) { arguments, context in
        let a = try arguments[first], b = try arguments[second]
        let nameA = arguments.text(of: first) ?? "R1", nameB = arguments.text(of: second) ?? "R2"
        let seedValue = try arguments[seed].map(UInt64.init) ?? context.makeRNG().seed
        let comparisons = try a.result.compare(with: b.result, unit: try arguments[unit], permutations: try arguments[permutations],
                                               bootstrap: try arguments[bootstrap], level: try arguments[level], seed: seedValue)
        let table = try CompareCommand.table(comparisons, a: (nameA, a.result), b: (nameB, b.result))
        context.output.print("\(nameA) − \(nameB) (\(a.result.options.metric.rawValue)), paired over \(comparisons.first?.comparison.unit ?? "subjects"):")
        context.output.print(table)
        let significant = comparisons.filter { $0.comparison.pValue < 0.05 }.map { String($0.layer) }
        if let smallest = smallestExactP(comparisons) {
            context.output.print("with \(comparisons[0].comparison.pairs) pairs the exact sign-flip test cannot give p below \(Format.number(smallest))")
        }
        if comparisons.count > 1 {
            context.output.print(significant.isEmpty ? "no layer differs at p < 0.05 (uncorrected)"
                                                     : "layers differing at p < 0.05 (uncorrected for \(comparisons.count) layers): \(significant.joined(separator: ", "))")
        }
        return .object(TableObject(table, title: "paired comparison \(nameA) − \(nameB)"))
    }

    /// The smallest p an exact test of these comparisons can reach (2 / 2^pairs), when every one is exact.
    static func smallestExactP(_ comparisons: [LayerComparison]) -> Double? {
        guard let pairs = comparisons.first?.comparison.pairs, comparisons.allSatisfy({ $0.comparison.exact && $0.comparison.pairs == pairs }) else { return nil }
        return 2 / Double(1 << pairs)
    }

    /// One row per layer: both scores, the mean difference, its interval and the p-value. The name
    /// column appears when a layer's name says more than its number.
    static func table(_ comparisons: [LayerComparison], a: (name: String, result: BrainScoreResult),
                      b: (name: String, result: BrainScoreResult)) throws -> Table {
        func score(_ result: BrainScoreResult, _ index: Int) -> Double { result.layers.first { $0.index == index }?.score ?? .nan }
        let level = comparisons.first.map { Format.number($0.comparison.interval.level * 100) } ?? "95"
        let names = comparisons.map { $0.names.0 == $0.names.1 ? $0.names.0 : "\($0.names.0) / \($0.names.1)" }
        let showNames = zip(comparisons, names).contains { $0.layer.description != $1 }
        var columnNames = ["layer"] + (showNames ? ["name"] : [])
        var columns: [Table.Column] = [.numbers(comparisons.map { Double($0.layer) })] + (showNames ? [.strings(names)] : [])
        columnNames += ["pairs", "score \(a.name)", "score \(b.name)", "mean difference", "\(level)% CI low", "\(level)% CI high", "p", "exact"]
        columns += [.numbers(comparisons.map { Double($0.comparison.pairs) }),
                    .numbers(comparisons.map { score(a.result, $0.layer) }), .numbers(comparisons.map { score(b.result, $0.layer) }),
                    .numbers(comparisons.map(\.comparison.meanDifference)),
                    .numbers(comparisons.map(\.comparison.interval.low)), .numbers(comparisons.map(\.comparison.interval.high)),
                    .numbers(comparisons.map(\.comparison.pValue)), .strings(comparisons.map { $0.comparison.exact ? "yes" : "no" })]
        return try Table(names: columnNames, columns: columns)
    }
}
