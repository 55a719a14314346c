import Foundation
import Tensors

/// Scores one feature matrix against one response matrix with the options' metric, including the
/// permutation test and the bootstrap interval when asked. Shapes: x [S, F], y [S, T_kept].
struct MetricRunner {
    let options: BrainScoreOptions
    let splits: [Split]
    let seed: UInt64
    let backend = OpenBLASBackend()

    /// The metric's detail, score, per-target values (over the kept targets), test and interval.
    func run(x: Tensor, y: Tensor, control: RunControl) throws
        -> (detail: MetricDetail, score: Double, perTarget: [Double], permutation: PermutationTest?, interval: ConfidenceInterval?) {
        switch options.metric {
        case .linear, .ridge:
            switch options.precision {
            case .single: return try crossValidated(x: Dense<Float>(x), y: Dense<Float>(y), control: control)
            case .double: return try crossValidated(x: Dense<Double>(x), y: Dense<Double>(y), control: control)
            }
        case .karpov2024: return try karpov(x: Dense(x), y: Dense(y), control: control)
        case .rsa: return try rsa(x: Dense(x), y: Dense(y), control: control)
        case .cka: return try cka(x: Dense(x), y: Dense(y), control: control)
        }
    }

    var encodingModel: EncodingModel {
        options.metric == .linear ? .ordinaryLeastSquares : .ridge(alphas: options.effectiveAlphas, selection: options.alphaSelection)
    }

    func crossValidated<S: BackendScalar>(x: Dense<S>, y: Dense<S>, control: RunControl) throws
        -> (detail: MetricDetail, score: Double, perTarget: [Double], permutation: PermutationTest?, interval: ConfidenceInterval?) {
        let metric = CrossValidatedEncoding<S, OpenBLASBackend>(model: encodingModel, splits: splits, aggregate: options.aggregate, backend: backend)
        let prepared = try metric.prepare(x: x, control: control)
        let held = try metric.heldOutPredictions(prepared, y: y, control: control)
        let truths = splits.map { y.gatherRows($0.test) }
        let perSplit = zip(held, truths).map { Correlation.columnwisePearson($0.prediction, $1) }
        let result = metric.summarize(perSplit: perSplit, chosen: held.map(\.alphas), targets: y.columns)
        var permutation: PermutationTest?
        if options.permutations > 0 {
            permutation = try PermutationTest.run(observed: result.score, stimuli: y.rows, permutations: options.permutations,
                                                  seed: seed &+ 1, control: control) { order in
                try metric.score(prepared, y: y.gatherRows(order)).score
            }
        }
        var interval: ConfidenceInterval?
        if options.bootstrap > 0 {
            interval = try Bootstrap.interval(quantity: "score (held-out stimuli resampled within each split)", samples: options.bootstrap,
                                              level: options.confidenceLevel, seed: seed &+ 2, control: control) { rng in
                let scores = zip(held, truths).map { fold, truth -> Double in
                    let rows = Bootstrap.resample(truth.rows, rng: &rng)
                    return options.aggregate.apply(Correlation.columnwisePearson(fold.prediction.gatherRows(rows), truth.gatherRows(rows)))
                }
                return scores.reduce(0, +) / Double(scores.count)
            }
        }
        return (.crossValidated(result), result.score, result.perTarget, permutation, interval)
    }

    func karpov(x: Dense<Double>, y: Dense<Double>, control: RunControl) throws
        -> (detail: MetricDetail, score: Double, perTarget: [Double], permutation: PermutationTest?, interval: ConfidenceInterval?) {
        let metric = Karpov2024<Double, OpenBLASBackend>(alphas: options.effectiveAlphas, trainFraction: options.effectiveTrainFraction, backend: backend)
        let result = try metric.score(x: x, y: y)
        var permutation: PermutationTest?
        if options.permutations > 0 {
            permutation = try PermutationTest.run(observed: result.brainScore, stimuli: y.rows, permutations: options.permutations,
                                                  seed: seed &+ 1, control: control) { order in
                try metric.score(x: x, y: y.gatherRows(order)).brainScore
            }
        }
        var interval: ConfidenceInterval?
        if options.bootstrap > 0 {
            let truth = y.gatherRows([y.rows - 1]).values, prediction = result.lastStimulusPrediction
            interval = try Bootstrap.interval(quantity: "brain_score (targets resampled)", samples: options.bootstrap,
                                              level: options.confidenceLevel, seed: seed &+ 2, control: control) { rng in
                let rows = Bootstrap.resample(truth.count, rng: &rng)
                return Correlation.pearson(rows.map { prediction[$0] }, rows.map { truth[$0] })
            }
        }
        return (.karpov(result), result.brainScore, result.r2PerTarget, permutation, interval)
    }

    func rsa(x: Dense<Double>, y: Dense<Double>, control: RunControl) throws
        -> (detail: MetricDetail, score: Double, perTarget: [Double], permutation: PermutationTest?, interval: ConfidenceInterval?) {
        let result = try RepresentationalSimilarity.score(x: x, y: y, backend: backend)
        let s = x.rows
        func condensedIndex(_ i: Int, _ j: Int) -> Int { i * s - i * (i + 1) / 2 + (j - i - 1) }
        func compare(_ rows: [Int]) -> Double {
            var model: [Double] = [], brain: [Double] = []
            for a in 0..<rows.count { for b in (a + 1)..<max(a + 1, rows.count) where rows[a] != rows[b] {
                let (i, j) = (min(rows[a], rows[b]), max(rows[a], rows[b]))
                model.append(result.modelRDM[condensedIndex(i, j)]); brain.append(result.brainRDM[condensedIndex(i, j)])
            } }
            let usable = model.indices.filter { !model[$0].isNaN && !brain[$0].isNaN }
            return Correlation.spearman(usable.map { model[$0] }, usable.map { brain[$0] })
        }
        var permutation: PermutationTest?
        if options.permutations > 0 {
            permutation = try PermutationTest.run(observed: result.score, stimuli: s, permutations: options.permutations, seed: seed &+ 1, control: control) { order in
                var model: [Double] = [], brain: [Double] = []
                for i in 0..<s { for j in (i + 1)..<max(i + 1, s) {
                    model.append(result.modelRDM[condensedIndex(i, j)])
                    let (a, b) = (min(order[i], order[j]), max(order[i], order[j]))
                    brain.append(result.brainRDM[condensedIndex(a, b)])
                } }
                let usable = model.indices.filter { !model[$0].isNaN && !brain[$0].isNaN }
                return Correlation.spearman(usable.map { model[$0] }, usable.map { brain[$0] })
            }
        }
        var interval: ConfidenceInterval?
        if options.bootstrap > 0 {
            interval = try Bootstrap.interval(quantity: "score (stimuli resampled; identical pairs left out)", samples: options.bootstrap,
                                              level: options.confidenceLevel, seed: seed &+ 2, control: control) { rng in
                compare(Bootstrap.resample(s, rng: &rng))
            }
        }
        return (.rsa(result), result.score, [], permutation, interval)
    }

    func cka(x: Dense<Double>, y: Dense<Double>, control: RunControl) throws
        -> (detail: MetricDetail, score: Double, perTarget: [Double], permutation: PermutationTest?, interval: ConfidenceInterval?) {
        let value = try LinearCKA.score(x: x, y: y, backend: backend)
        var permutation: PermutationTest?
        if options.permutations > 0 {
            permutation = try PermutationTest.run(observed: value, stimuli: y.rows, permutations: options.permutations, seed: seed &+ 1, control: control) { order in
                try LinearCKA.score(x: x, y: y.gatherRows(order), backend: backend)
            }
        }
        var interval: ConfidenceInterval?
        if options.bootstrap > 0 {
            interval = try Bootstrap.interval(quantity: "score (stimuli resampled)", samples: options.bootstrap, level: options.confidenceLevel,
                                              seed: seed &+ 2, control: control) { rng in
                let rows = Bootstrap.resample(x.rows, rng: &rng)
                return try LinearCKA.score(x: x.gatherRows(rows), y: y.gatherRows(rows), backend: backend)
            }
        }
        return (.cka(value), value, [], permutation, interval)
    }
}
