import Brain
import Foundation
import Tensors

/// `brainscore FEATURES FMRI metric=... [options]`: score features layer by layer against brain
/// responses; Ctrl-C keeps the layers already scored.
enum BrainScoreCommand {
    static let features = Positional.anyObject("FEATURES", kinds: FeatureKinds.names, help: "an activation set (scored layer by layer) or a feature matrix")
    static let responses = Positional.object("FMRI", FMRIObject.self, help: "the brain responses, rows in the same stimulus order")
    static let metric = Option.choice("metric", default: BrainMetric.ridge, help: "the score (docs/brainscore.md defines each)")
    static let folds = Option.int("folds", default: 5, range: .between(2, 1000), help: "ridge: cross-validation folds")
    static let splits = Option.int("splits", default: 10, range: .between(1, 1000), help: "linear: shuffle splits (90/10)")
    static let groups = Option.string("groups", help: "ridge: a column of the responses' stimuli table; folds keep each group together")
    static let pool = Option.choice("pool", default: StimulusPooling.last, help: "how an activation set's tokens are pooled per stimulus")
    static let normalize = Option.flag("normalize", default: false, help: "linear, ridge: divide by the noise ceiling (the ratio clipped to [0, 1])")
    static let ceiling = Option.choice("ceiling", CeilingMethod.self, help: "estimate a noise ceiling (default with normalize=true: repetitions when each subject has ≥ 2, else subjects)")
    static let permutations = Option.int("permutations", default: 0, range: .between(0, 1_000_000), help: "permutation test: shuffles of the stimulus assignment")
    static let bootstrap = Option.int("bootstrap", default: 0, range: .between(0, 1_000_000), help: "bootstrap resamples for confidence intervals (0 or ≥ 2)")
    static let level = Option.number("level", default: 0.95, range: .between(0.5, 0.999), help: "coverage of the bootstrap intervals")
    static let aggregate = Option.choice("aggregate", default: TargetAggregate.median, help: "how per-target values become one number")
    static let subjects = Option.choice("subjects", default: SubjectHandling.each, help: "score each subject, or their average once")
    static let precision = Option.choice("precision", default: Brain.Precision.single, help: "ridge, linear: precision of the bulk products")
    static let seed = Option.int("seed", range: .atLeast(0), help: "seed of splits, permutations, bootstrap and ceilings (default: the session's next stream)")

    static let command = Command(
        "brainscore", summary: "Score features layer by layer against brain responses, with ceilings and significance.",
        parameters: [features, responses, metric, BrainOptions.layers, folds, splits, BrainOptions.alphas, BrainOptions.alphaSelection, groups, pool,
                     normalize, ceiling, permutations, bootstrap, level, aggregate, subjects, precision, seed],
        result: .object(BrainScoreObject.kind),
        examples: ["r = brainscore acts brain metric=ridge", "brainscore features brain metric=karpov2024",
                   "brainscore acts brain metric=linear layers=[2, 4] permutations=200 bootstrap=1000 seed=1",
                   "brainscore acts brain metric=ridge ceiling=repetitions normalize=true groups=story"],
        discussion: """
        karpov2024: the seed paper's RidgeCV (leave-one-out α in [1e-3 … 1]) R² on the last 20% and its last-stimulus brain score. \
        linear: Brain-Score's linear_pearsonr. ridge: K-fold ridge with a per-target α, Pearson r per target. rsa: Spearman ρ of \
        1 − Pearson RDMs. cka: linear CKA. Targets with NaN or constant values are dropped with a count. Ctrl-C keeps the layers \
        already scored.
        """
    ) { arguments, context in
        let namedFeatures = try arguments[features]
        let source = try FeatureKinds.features(of: namedFeatures)
        let brain = try arguments[responses]
        let options = try makeOptions(arguments, responses: brain, context: context)
        if let layers = options.layers, let bad = layers.first(where: { $0 >= source.layerNames.count }) {
            throw arguments.error(BrainOptions.layers, "names layer \(bad), but \(namedFeatures.name) has \(Format.count(source.layerNames.count, "layer")) (0…\(source.layerNames.count - 1))")
        }
        let layerCount = options.layers?.count ?? source.layerNames.count
        let subjectCount = options.subjects == .average ? 1 : brain.responses.subjects.count
        let task = context.progress.start("scoring \(options.metric.rawValue)", total: layerCount * subjectCount, unit: "fits")
        defer { task.finish() }
        let cancellation = context.cancellation
        let control = RunControl(progress: { done, _ in task.update(completed: done) }, isCancelled: { cancellation.isCancelled })
        let result: BrainScoreResult
        do {
            result = try BrainScorer.score(features: source, responses: brain.responses, options: options, control: control, onCancel: .keepCompletedLayers)
        } catch BrainError.cancelled {
            throw Interrupted()
        }
        task.finish()
        let layerAxis = namedFeatures.object is ActivationsObject ? "hidden state (0 = embeddings)" : "layer"
        let object = BrainScoreObject(result, features: namedFeatures.name, responses: arguments.text(of: responses) ?? "FMRI", truth: brain.truth,
                                      layerAxis: layerAxis)
        for section in BrainScoreReport(object: object).sections() { context.output.print(section) }
        for warning in result.warnings { context.output.warning(warning) }
        return result.isComplete ? .object(object) : .interrupted(keeping: object)
    }

    /// The library options from the statement's words.
    static func makeOptions(_ arguments: Arguments, responses brain: FMRIObject, context: CommandContext) throws -> BrainScoreOptions {
        var options = BrainScoreOptions()
        options.metric = try arguments[metric]
        options.layers = try arguments[BrainOptions.layers]
        options.pooling = try arguments[pool]
        options.folds = try arguments[folds]
        options.splits = try arguments[splits]
        options.alphas = try arguments[BrainOptions.alphas]
        options.alphaSelection = try arguments[BrainOptions.alphaSelection]
        options.normalize = try arguments[normalize]
        options.ceiling = try arguments[ceiling]
        options.permutations = try arguments[permutations]
        options.bootstrap = try arguments[bootstrap]
        guard options.bootstrap != 1 else { throw arguments.error(bootstrap, "must be 0 (none) or at least 2 resamples") }
        options.confidenceLevel = try arguments[level]
        options.aggregate = try arguments[aggregate]
        options.subjects = try arguments[subjects]
        options.precision = try arguments[precision]
        if let column = try arguments[groups] {
            options.groups = try groupLabels(column, responses: brain, arguments: arguments)
        }
        try checkApplicable(arguments, metric: options.metric)
        options.seed = try arguments[seed].map(UInt64.init) ?? context.makeRNG().seed
        return options
    }

    /// The group of each stimulus, from the stimuli table's column, in the responses' order.
    static func groupLabels(_ column: String, responses brain: FMRIObject, arguments: Arguments) throws -> [String] {
        guard let table = brain.stimuli else {
            throw arguments.error(groups, "needs a stimuli table: load the responses with stimuli=FILE")
        }
        guard let values = table.columns[column] else {
            let names = table.columns.keys.sorted()
            let suggestion = Suggestions.closest(to: column, among: names).map { "did you mean '\($0)'? " } ?? ""
            throw arguments.error(groups, "the stimuli table has no column '\(column)'; \(suggestion)columns: \(names.joined(separator: ", "))")
        }
        let rows = try StimulusAlignment.rows(of: brain.responses.stimulusIDs, in: table.ids, tableName: "the stimuli table")
        return rows.map { values[$0] }
    }

    /// Options that mean nothing for the chosen metric are errors, not silently ignored.
    static func checkApplicable(_ arguments: Arguments, metric: BrainMetric) throws {
        func reject<Value>(_ parameter: Parameter<Value>, unless applies: Bool, _ scope: String) throws {
            if !applies, arguments.isGiven(parameter) { throw arguments.error(parameter, "applies to \(scope), not to metric=\(metric.rawValue)") }
        }
        try reject(folds, unless: metric == .ridge, "metric=ridge")
        try reject(groups, unless: metric == .ridge, "metric=ridge")
        try reject(BrainOptions.alphaSelection, unless: metric == .ridge, "metric=ridge")
        try reject(precision, unless: metric == .ridge || metric == .linear, "metric=ridge or linear")
        try reject(splits, unless: metric == .linear, "metric=linear")
        try reject(BrainOptions.alphas, unless: metric == .ridge || metric == .karpov2024, "metric=ridge or karpov2024")
    }
}
