import Foundation
import Tensors

/// What `BrainScorer.score` does when its control asks it to stop.
public enum CancellationPolicy: Sendable, Equatable {
    /// Throw `BrainError.cancelled`; nothing is returned.
    case discard
    /// Return the layers scored so far (throw only when none was), as a shell keeps them on Ctrl-C.
    case keepCompletedLayers
}

/// Scores features layer by layer against brain responses: the library behind `brainscore`.
public enum BrainScorer {
    /// Runs the options' metric for every chosen layer and subject, with ceilings, permutation
    /// tests and bootstrap intervals as asked.
    /// - Parameters:
    ///   - features: per-stimulus features (an activation set or a plain matrix).
    ///   - responses: the brain responses, rows in the same stimulus order.
    ///   - control: progress (one unit per layer × subject) and cancellation.
    ///   - onCancel: whether cancellation throws, or returns the layers completed so far (the
    ///     result is then marked `isComplete == false` and says so in `warnings`).
    /// - Throws: `BrainError` for mismatched stimuli, bad options, unusable targets; `.cancelled`
    ///   (with `.keepCompletedLayers`, only when no layer was completed).
    public static func score(features: some StimulusFeatures, responses: BrainResponses, options: BrainScoreOptions,
                             control: RunControl = .silent, onCancel: CancellationPolicy = .discard) throws -> BrainScoreResult {
        let s = responses.stimulusCount
        try options.validate(stimuli: s)
        guard features.stimulusCount == s else { throw BrainError.stimulusCountMismatch(features: features.stimulusCount, responses: s) }
        if let ids = features.stimulusIDs { try StimulusAlignment.check(features: ids, responses: responses.stimulusIDs) }
        let layerIndices = options.layers ?? Array(features.layerNames.indices)
        for layer in layerIndices where !features.layerNames.indices.contains(layer) {
            throw BrainError.unknownLayer("\(layer)", available: features.layerNames.enumerated().map { "\($0.offset) (\($0.element))" })
        }
        let splits = try makeSplits(options, stimuli: s)
        let scored: [(name: String, responses: Tensor)] = options.subjects == .average
            ? [("average", responses.subjectAverage)] : responses.subjects.map { ($0.name, $0.mean) }
        // the ceiling's own steps are not layer × subject units: it gets the cancellation check only
        let ceiling = try estimateCeiling(responses, options: options, splits: splits, control: RunControl(isCancelled: control.isCancelled))
        var result = BrainScoreResult(options: options, isPlainMatrix: features.isPlainMatrix, stimulusCount: s,
                                      targetNames: responses.targetNames, layers: [], ceiling: ceiling, warnings: [])
        let total = layerIndices.count * scored.count
        for (layerPosition, layer) in layerIndices.enumerated() {
            do {
                let x = try features.features(layer: layer, pooling: options.pooling)
                try checkFeatures(x, stimuli: s, layer: features.layerNames[layer])
                let subjects = try scoreLayer(layer, x: x, subjects: scored, options: options, splits: splits, ceiling: ceiling,
                                              warnings: &result.warnings, control: control) { subjectIndex in
                    control.progress(layerPosition * scored.count + subjectIndex + 1, total)
                }
                result.layers.append(LayerScore(index: layer, name: features.layerNames[layer], subjects: subjects))
            } catch BrainError.cancelled where onCancel == .keepCompletedLayers && !result.layers.isEmpty {
                result.isComplete = false
                let missing = layerIndices[layerPosition...].map { features.layerNames[$0] }
                result.warnings.append("stopped after \(layerPosition) of \(layerIndices.count) layers; not scored: \(missing.joined(separator: ", "))")
                break
            }
        }
        return result
    }

    /// One layer's features [S, F] scored against each subject's responses.
    static func scoreLayer(_ layer: Int, x: Tensor, subjects scored: [(name: String, responses: Tensor)], options: BrainScoreOptions,
                           splits: [Split], ceiling: NoiseCeiling?, warnings: inout [String], control: RunControl,
                           subjectDone: (Int) -> Void) throws -> [SubjectScore] {
        var subjects: [SubjectScore] = []
        for (subjectIndex, subject) in scored.enumerated() {
            try control.checkCancelled()
            let screening = TargetScreening(subject.responses)
            guard !screening.kept.isEmpty else { throw BrainError.noUsableTargets(dropped: screening.dropped) }
            if let warning = screening.warning, !warnings.contains("\(subject.name): \(warning)") { warnings.append("\(subject.name): \(warning)") }
            let y = screening.select(subject.responses, as: Float.self).tensor
            let seed = SeededRNG(seed: options.seed).derived(UInt64(layer * 1_000 + subjectIndex)).seed
            let runner = MetricRunner(options: options, splits: splits, seed: seed)
            let outcome = try runner.run(x: x, y: y, control: RunControl(isCancelled: control.isCancelled))
            var score = SubjectScore(subject: subject.name, score: outcome.score, normalizedScore: nil, ceiling: nil,
                                     perTarget: outcome.perTarget.isEmpty ? [] : screening.expand(outcome.perTarget),
                                     detail: outcome.detail, screening: screening, permutation: outcome.permutation, interval: outcome.interval)
            if options.normalize, let ceiling {
                let value = ceiling.perSubject.first { $0.subject == subject.name }?.value ?? ceiling.value
                score.ceiling = value
                score.normalizedScore = value > 0 ? min(1, max(0, outcome.score / value)) : .nan
            }
            subjects.append(score)
            subjectDone(subjectIndex)
        }
        return subjects
    }

    /// Splits of the options: grouped or contiguous K folds for `ridge`, shuffle splits for `linear`.
    static func makeSplits(_ options: BrainScoreOptions, stimuli: Int) throws -> [Split] {
        switch options.metric {
        case .ridge:
            if let groups = options.groups { return try GroupKFold(folds: options.folds).splits(groups: groups) }
            return try KFold(folds: options.folds).splits(count: stimuli)
        case .linear:
            return try ShuffleSplit(splits: options.splits, trainFraction: options.effectiveTrainFraction, seed: options.seed).splits(count: stimuli)
        case .karpov2024, .rsa, .cka:
            return []
        }
    }

    /// Features must be [S, F] and finite.
    static func checkFeatures(_ x: Tensor, stimuli: Int, layer: String) throws {
        guard x.rank == 2, x.shape[0] == stimuli else {
            throw BrainError.shape("layer \(layer): features of shape \(x.shape), expected [\(stimuli), features]")
        }
        guard x.isFinite else { throw BrainError.shape("layer \(layer): features contain NaN or infinite values") }
    }

    /// The ceiling the options ask for (explicitly, or implicitly through `normalize`).
    static func estimateCeiling(_ responses: BrainResponses, options: BrainScoreOptions, splits: [Split], control: RunControl) throws -> NoiseCeiling? {
        var method = options.ceiling
        if method == nil && options.normalize {
            if responses.minimumRepetitions >= 2 && options.subjects == .each { method = .repetitions }
            else if responses.subjects.count >= 2 { method = .subjects }
            else { throw BrainError.notEnoughReplicates(have: 1, need: 2, what: "repetitions or subjects to estimate a ceiling for normalize=true") }
        }
        guard let method else { return nil }
        switch method {
        case .repetitions, .subjects:
            return try NoiseCeiling.splitHalf(responses, method: method, aggregate: options.aggregate, splits: options.ceilingSplits, seed: options.seed)
        case .subjectPool:
            guard options.metric.isPerTargetCorrelation else {
                throw BrainError.invalidOption(name: "ceiling", value: "subjectPool", expected: "metric=linear or ridge for the subject-pool ceiling")
            }
            var plain = options  // the ceiling needs only the scores
            plain.permutations = 0
            plain.bootstrap = 0
            let runner = MetricRunner(options: plain, splits: splits, seed: options.seed)
            return try SubjectPoolCeiling(seed: options.seed).estimate(subjects: responses.subjects.map(\.mean), aggregate: options.aggregate,
                                                                      control: control) { pool, target in
                let features = TargetScreening(pool).select(pool, as: Float.self).tensor  // others' NaN or constant targets cannot be features
                let screening = TargetScreening(target)
                guard !screening.kept.isEmpty else { return [Double](repeating: .nan, count: screening.total) }
                let y = screening.select(target, as: Float.self).tensor
                return screening.expand(try runner.run(x: features, y: y, control: .silent).perTarget)
            }
        }
    }
}
