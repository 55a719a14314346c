import Foundation
import Formats
import Rewards

/// `experiment starc`, `experiment starc-bounds`, `experiment ranking`.
enum ExperimentCommands {
    static let environments = Option.int("envs", default: 128, range: .atLeast(1), help: "random MDPs")
    static let pairs = Option.int("pairs", default: 8, range: .atLeast(1), help: "reward pairs (R1, R2) per MDP")
    static let steps = Option.int("steps", default: 16, range: .atLeast(1), help: "interpolation steps: R1 is compared with R1 + (i/steps)(R2 − R1), i = 1…steps")
    static let states = Option.int("states", default: 32, range: .between(1, 2000), help: "states per MDP")
    static let actions = Option.int("actions", default: 4, range: .between(1, 1000), help: "actions per MDP")
    static let gamma = Option.number("gamma", default: 0.95, range: RewardsOptions.discountBounds, help: "discount γ")
    static let seed = RewardsOptions.seed("the experiment; each MDP and pair gets its own stream from it")
    static let sparsity = MDPCommands.sparsity
    static let variants = RewardsOptions.variants(default: Variant.all, defaultText: "all (301)")
    static let top = Option.int("top", default: 15, range: .atLeast(1), help: "variants listed in the printed ranking")
    /// Distances kept in memory beyond this many (comparisons × variants) are refused: 2 GB.
    static let largestDistanceCount = 250_000_000

    static let starc = Command(
        "experiment starc", summary: "The STARC paper's experiment: how well each variant's distance tracks the exact regret.",
        parameters: [environments, pairs, steps, states, actions, gamma, seed, sparsity, variants, top], result: .object(ExperimentObject.kind),
        examples: ["e = experiment starc", "e = experiment starc envs=8 pairs=4 steps=8 seed=1", "e = experiment starc variants=[val-*-*, epic-none-pearson]"],
        discussion: "Defaults are the paper's: 128 random MDPs × 8 reward pairs × 16 steps = 16,384 comparisons, 32 states, 4 actions, "
            + "γ = 0.95, every variant. Ctrl-C stops and keeps the comparisons done; the same seed gives the same numbers on any thread count."
    ) { arguments, context in
        var settings = ExperimentSettings()
        settings.environments = try arguments[environments]
        settings.pairs = try arguments[pairs]
        settings.steps = try arguments[steps]
        try fill(&settings, arguments, context: context)
        let (result, seconds) = try run(settings, label: "STARC experiment", context: context)
        let object = ExperimentObject(result: result, seconds: seconds)
        context.output.print(ExperimentReport(result: result, seconds: seconds).text(top: try arguments[top]))
        return result.completed ? .object(object) : .interrupted(keeping: object)
    }

    /// States, actions, γ, seed, sparsity and variants from the options.
    static func fill(_ settings: inout ExperimentSettings, _ arguments: Arguments, context: CommandContext) throws {
        settings.states = try arguments[states]
        settings.actions = try arguments[actions]
        settings.discount = try arguments[gamma]
        settings.sparsityThreshold = try arguments[sparsity]
        settings.variants = try arguments[variants]
        settings.seed = RewardsOptions.seed(try arguments[seed], context: context)
        let (count, overflow) = settings.comparisonCount.multipliedReportingOverflow(by: settings.variants.count)
        guard !overflow, count <= largestDistanceCount else {
            throw ShellError(.failed("\(settings.comparisonCount) comparisons × \(settings.variants.count) variants is more distances "
                                     + "than the \(largestDistanceCount) (2 GB) kept in memory; choose fewer variants or comparisons"))
        }
    }

    /// Runs the experiment with a progress bar, stopping on Ctrl-C with the comparisons done.
    /// - Throws: `Interrupted` when Ctrl-C came before any comparison was done.
    static func run(_ settings: ExperimentSettings, label: String, context: CommandContext) throws -> (ExperimentResult, Double) {
        let task = context.progress.start(label, total: settings.comparisonCount, unit: "comparisons")
        defer { task.finish() }
        let cancellation = context.cancellation
        let started = ProgressReporter.monotonicSeconds()
        let result = try STARCExperiment.run(settings, progress: { done, _ in task.update(completed: done) },
                                             isCancelled: { cancellation.isCancelled })
        let seconds = ProgressReporter.monotonicSeconds() - started
        if !result.completed, result.comparisons.isEmpty { throw Interrupted() }
        return (result, seconds)
    }

    static let source = Option.object("from", ExperimentObject.self, help: "take the comparisons of this experiment instead of running new ones")
    static let boundEnvironments = Option.int("envs", default: 32, range: .atLeast(1), help: "random MDPs")

    static let bounds = Command(
        "experiment starc-bounds", summary: "The largest regret / distance ratio per variant over random reward pairs (the soundness constant).",
        parameters: [source, boundEnvironments, pairs, states, actions, gamma, seed, sparsity, variants], result: .object(TableObject.kind),
        examples: ["b = experiment starc-bounds envs=16 seed=1", "b = experiment starc-bounds from=e"],
        discussion: "A sound metric has regret ≤ U·d for some U; the largest ratio seen is an empirical lower bound on U. "
            + "Without from=, each of envs × pairs random pairs (R1, R2) is compared once; inf means some regret was positive at distance 0."
    ) { arguments, context in
        let result: ExperimentResult
        if let experiment = try arguments[source] {
            let clashes: [(String, SourceSpan?)] = [
                ("envs", arguments.span(of: boundEnvironments)), ("pairs", arguments.span(of: pairs)), ("states", arguments.span(of: states)),
                ("actions", arguments.span(of: actions)), ("gamma", arguments.span(of: gamma)), ("seed", arguments.span(of: seed)),
                ("sparsity", arguments.span(of: sparsity)), ("variants", arguments.span(of: variants)),
            ]
            if let (name, span) = clashes.first(where: { $0.1 != nil }) {
                throw ShellError(.failed("\(name)= cannot be combined with from=: the comparisons come from the experiment"), at: span)
            }
            result = experiment.result
        } else {
            var settings = ExperimentSettings()
            settings.environments = try arguments[boundEnvironments]
            settings.pairs = try arguments[pairs]
            settings.steps = 1
            try fill(&settings, arguments, context: context)
            result = try run(settings, label: "STARC bounds", context: context).0
        }
        let report = BoundsReport(result: result)
        context.output.print(report.text())
        let object = TableObject(try report.table(), title: "largest regret / distance per variant over \(Format.count(result.comparisons.count, "comparison"))")
        return result.completed ? .object(object) : .interrupted(keeping: object)
    }

    static let ranked = Positional.object("EXP", ExperimentObject.self, help: "the experiment")

    static let ranking = Command(
        "experiment ranking", summary: "Every variant of an experiment ranked by correlation with regret, as a table.",
        parameters: [ranked], result: .object(TableObject.kind), examples: ["ranks = experiment ranking e"]
    ) { arguments, _ in
        let experiment = try arguments[ranked]
        return .object(TableObject(try experiment.result.correlationTable(), title: "variants ranked by Pearson ρ with the symmetric regret"))
    }
}
