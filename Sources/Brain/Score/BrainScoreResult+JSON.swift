import Foundation

/// The export layout of results (documented in docs/brainscore.md). A plain feature matrix puts its
/// one layer's fields at the top level (so `karpov2024` gives `r2_per_target`, `r2_mean`,
/// `brain_score` there); an activation set lists layers under `layers`.
extension BrainScoreResult {
    /// RDMs are exported only up to this many stimuli (S·(S−1)/2 values each).
    public static let maximumExportedRDMStimuli = 200

    /// The result as ordered JSON.
    public var json: ResultJSON {
        var pairs: [(String, ResultJSON)] = [
            ("format", .string("mindscope.brainscore")), ("version", .integer(BrainModule.resultLayoutVersion)),
            ("metric", .string(options.metric.rawValue)), ("settings", settingsJSON),
            ("stimuli", .integer(stimulusCount)), ("targets", .integer(targetNames.count)),
            ("target_names", .array(targetNames.map { .string($0) })),
            ("features", .string(isPlainMatrix ? "matrix" : "layers")),
        ]
        if isPlainMatrix, let only = layers.first {
            pairs += layerFields(only)
        } else {
            pairs.append(("layers", .array(layers.map { layer in .object([("layer", .integer(layer.index)), ("name", .string(layer.name))] + layerFields(layer)) })))
            if let best = bestLayer { pairs.append(("best_layer", .object([("layer", .integer(best.index)), ("name", .string(best.name)), ("score", .number(best.score))]))) }
        }
        if let ceiling { pairs.append(("ceiling", Self.ceilingJSON(ceiling))) }
        pairs.append(("warnings", .array(warnings.map { .string($0) })))
        return .object(pairs)
    }

    /// UTF-8 JSON text.
    public var jsonData: Data { Data(json.text.utf8) }

    var settingsJSON: ResultJSON {
        var pairs: [(String, ResultJSON)] = [("metric", .string(options.metric.rawValue)), ("pooling", .string(options.pooling.rawValue))]
        switch options.metric {
        case .ridge:
            pairs += [("folds", .integer(options.folds)), ("grouped", .bool(options.groups != nil)), ("alphas", .numbers(options.effectiveAlphas)),
                      ("alpha_selection", .string(Self.selectionName(options.alphaSelection))), ("precision", .string(options.precision.rawValue))]
        case .linear:
            pairs += [("splits", .integer(options.splits)), ("train_fraction", .number(options.effectiveTrainFraction))]
        case .karpov2024:
            pairs += [("alphas", .numbers(options.effectiveAlphas)), ("train_fraction", .number(options.effectiveTrainFraction))]
        case .rsa, .cka: break
        }
        pairs += [("aggregate", .string(options.aggregate.rawValue)), ("subjects", .string(options.subjects.rawValue)),
                  ("normalize", .bool(options.normalize)), ("ceiling", options.ceiling.map { .string($0.rawValue) } ?? .null),
                  ("permutations", .integer(options.permutations)), ("bootstrap", .integer(options.bootstrap)),
                  ("confidence_level", .number(options.confidenceLevel)), ("seed", .string(String(options.seed))),
                  ("layers", options.layers.map { .array($0.map { .integer($0) }) } ?? .string("all"))]
        return .object(pairs)
    }

    static func selectionName(_ selection: AlphaSelection) -> String {
        switch selection {
        case .leaveOneOut: return "leave-one-out"
        case .innerFolds(let k): return "inner-\(k)-fold"
        }
    }

    /// A layer's fields: its summary over subjects, then each subject.
    func layerFields(_ layer: LayerScore) -> [(String, ResultJSON)] {
        var pairs: [(String, ResultJSON)] = [("score", .number(layer.score))]
        if let error = layer.standardError { pairs.append(("score_error_subjects", .number(error))) }
        if let normalized = layer.normalizedScore { pairs.append(("score_normalized", .number(normalized))) }
        pairs += Self.summaryFields(layer, metric: options.metric)
        pairs.append(("subjects", .array(layer.subjects.map { subjectJSON($0) })))
        return pairs
    }

    /// Metric fields averaged over subjects.
    static func summaryFields(_ layer: LayerScore, metric: BrainMetric) -> [(String, ResultJSON)] {
        func mean(_ values: [Double]) -> Double {
            let finite = values.filter { !$0.isNaN }
            return finite.isEmpty ? .nan : finite.reduce(0, +) / Double(finite.count)
        }
        let details = layer.subjects.map(\.detail)
        switch metric {
        case .karpov2024:
            let scores = details.compactMap { if case let .karpov(k) = $0 { return k } else { return nil } }
            return [("r2_per_target", .numbers(layer.perTarget)), ("r2_mean", .number(mean(scores.map(\.r2Mean)))),
                    ("brain_score", .number(mean(scores.map(\.brainScore))))]
        case .linear, .ridge:
            return [("r_per_target", .numbers(layer.perTarget))]
        case .rsa: return [("rsa", .number(layer.score))]
        case .cka: return [("cka", .number(layer.score))]
        }
    }

    func subjectJSON(_ subject: SubjectScore) -> ResultJSON {
        var pairs: [(String, ResultJSON)] = [("subject", .string(subject.subject)), ("score", .number(subject.score))]
        if let normalized = subject.normalizedScore { pairs += [("score_normalized", .number(normalized)), ("ceiling", .number(subject.ceiling ?? .nan))] }
        switch subject.detail {
        case let .karpov(k):
            pairs += [("r2_per_target", .numbers(subject.perTarget)), ("r2_mean", .number(k.r2Mean)), ("brain_score", .number(k.brainScore)),
                      ("alpha_per_target", .numbers(subject.screening.expand(k.chosenAlphas))),
                      ("last_stimulus_prediction", .numbers(subject.screening.expand(k.lastStimulusPrediction)))]
        case let .crossValidated(cv):
            pairs += [("r_per_target", .numbers(subject.perTarget)), ("score_error", .number(cv.error)), ("split_scores", .numbers(cv.splitScores))]
            if !cv.chosenAlphas.isEmpty { pairs.append(("alpha_per_split", .array(cv.chosenAlphas.map { .numbers(subject.screening.expand($0)) }))) }
        case let .rsa(r):
            pairs.append(("rsa", .number(r.score)))
            if stimulusCount <= Self.maximumExportedRDMStimuli { pairs += [("model_rdm", .numbers(r.modelRDM)), ("brain_rdm", .numbers(r.brainRDM))] }
        case let .cka(value):
            pairs.append(("cka", .number(value)))
        }
        pairs.append(("dropped_targets", .object([("non_finite", .integer(subject.screening.nonFinite)), ("constant", .integer(subject.screening.constant))])))
        if let p = subject.permutation {
            let finite = p.nullScores.filter { !$0.isNaN }
            let mean = finite.reduce(0, +) / Double(max(finite.count, 1))
            let sd = (finite.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(max(finite.count - 1, 1))).squareRoot()
            pairs.append(("permutation", .object([("p_value", .number(p.pValue)), ("permutations", .integer(p.permutations)),
                                                  ("null_mean", .number(mean)), ("null_sd", .number(sd))])))
        }
        if let interval = subject.interval { pairs.append(("interval", Self.intervalJSON(interval))) }
        return .object(pairs)
    }

    static func intervalJSON(_ interval: ConfidenceInterval) -> ResultJSON {
        .object([("quantity", .string(interval.quantity)), ("level", .number(interval.level)), ("low", .number(interval.low)),
                 ("high", .number(interval.high)), ("samples", .integer(interval.samples))])
    }

    static func ceilingJSON(_ ceiling: NoiseCeiling) -> ResultJSON {
        .object([("method", .string(ceiling.method.rawValue)), ("value", .number(ceiling.value)), ("per_target", .numbers(ceiling.perTarget)),
                 ("per_subject", .array(ceiling.perSubject.map { .object([("subject", .string($0.subject)), ("value", .number($0.value))]) })),
                 ("samples", .integer(ceiling.samples))])
    }
}
