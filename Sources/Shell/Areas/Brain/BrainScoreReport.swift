import Brain
import Foundation
import Formats

/// The text `brainscore` prints (and `show` repeats): a layer × subject score table, the tests
/// and intervals, the ceiling, the known truth of synthetic data, the best layer.
struct BrainScoreReport {
    let object: BrainScoreObject
    var result: BrainScoreResult { object.result }
    var metric: BrainMetric { result.options.metric }
    /// More subjects than this get a mean/SEM/min/max summary instead of one column each.
    static let maximumSubjectColumns = 8

    /// Every section, rendered.
    func sections() -> [String] {
        var parts = [scoreTable().render()]
        if let table = significanceTable() { parts.append(table.render()) }
        let permutations = result.options.permutations
        if permutations > 0 {
            parts.append("permutation p-values cannot fall below 1/(1 + \(permutations)) = \(Format.number(1 / Double(1 + permutations)))")
        }
        parts += ceilingLines()
        if let line = truthLine() { parts.append(line) }
        if !result.isPlainMatrix, result.layers.count > 1, let best = result.bestLayer {
            parts.append("best layer: \(BrainText.layer(best.index, best.name)), \(scoreName) \(Format.number(best.score))")
        }
        return parts
    }

    /// What the score is, in a few words.
    var scoreName: String {
        switch metric {
        case .linear, .ridge: return "\(result.options.aggregate.rawValue) r"
        case .karpov2024: return "brain score"
        case .rsa: return "RSA ρ"
        case .cka: return "CKA"
        }
    }

    /// Rows are layers; columns the subjects' scores (or their range), the mean and its SEM.
    func scoreTable() -> TextTable {
        let subjects = result.layers.first?.subjects.map(\.subject) ?? []
        let perSubjectColumns = subjects.count >= 2 && subjects.count <= Self.maximumSubjectColumns
        let named = !result.isPlainMatrix && result.layers.contains { $0.name != String($0.index) }
        var headers = result.isPlainMatrix ? ["features"] : named ? ["layer", "name"] : ["layer"]
        if subjects.count == 1 {
            headers.append(scoreName)
            if metric.isPerTargetCorrelation { headers.append("± SE (splits)") }
        } else {
            if perSubjectColumns { headers += subjects } else { headers += ["min", "max"] }
            headers += ["mean \(scoreName)", "± SEM"]
        }
        if result.options.normalize { headers.append("normalised") }
        if metric == .karpov2024 { headers.append("mean R²") }
        let leading = named ? 2 : 1
        var table = TextTable(headers: headers, alignments: headers.indices.map { $0 < leading ? .left : .right })
        for layer in result.layers {
            var row = result.isPlainMatrix ? [object.featuresName] : named ? [String(layer.index), layer.name] : [String(layer.index)]
            let scores = layer.subjects.map(\.score)
            if subjects.count == 1 {
                row.append(Format.number(layer.score))
                if metric.isPerTargetCorrelation, case let .crossValidated(cv) = layer.subjects[0].detail { row.append(Format.number(cv.error, significant: 2)) }
            } else {
                row += perSubjectColumns ? scores.map { Format.number($0) } : [Format.number(scores.min() ?? .nan), Format.number(scores.max() ?? .nan)]
                row += [Format.number(layer.score), layer.standardError.map { Format.number($0, significant: 2) } ?? "-"]
            }
            if result.options.normalize { row.append(layer.normalizedScore.map { Format.number($0) } ?? "-") }
            if metric == .karpov2024 { row.append(Format.number(Self.mean(layer.subjects.map { Self.karpov($0)?.r2Mean ?? .nan }))) }
            table.append(row)
        }
        return table
    }

    /// Permutation p-values and bootstrap intervals, one row per layer × subject, when asked for.
    func significanceTable() -> TextTable? {
        let options = result.options
        guard options.permutations > 0 || options.bootstrap > 0 else { return nil }
        var headers = ["layer", "subject", scoreName]
        if options.permutations > 0 { headers += ["p (\(options.permutations) permutations)", "null mean"] }
        let level = Format.number(options.confidenceLevel * 100)
        if options.bootstrap > 0 { headers += ["\(level)% CI low", "high"] }
        var table = TextTable(headers: headers, alignments: [.left, .left] + Array(repeating: .right, count: headers.count - 2))
        for layer in result.layers {
            for subject in layer.subjects {
                var row = [result.isPlainMatrix ? object.featuresName : String(layer.index), subject.subject, Format.number(subject.score)]
                if options.permutations > 0 {
                    row.append(subject.permutation.map { Format.number($0.pValue) } ?? "-")
                    row.append(subject.permutation.map { Format.number(Self.mean($0.nullScores), significant: 2) } ?? "-")
                }
                if options.bootstrap > 0 {
                    row += [subject.interval.map { Format.number($0.low) } ?? "-", subject.interval.map { Format.number($0.high) } ?? "-"]
                }
                table.append(row)
            }
        }
        return table
    }

    /// The estimated ceiling, when there is one.
    func ceilingLines() -> [String] {
        guard let ceiling = result.ceiling else { return [] }
        let method: String
        switch ceiling.method {
        case .repetitions: method = "split-half over each subject's repetitions, Spearman–Brown corrected, \(ceiling.samples) splits"
        case .subjects: method = "split-half over subjects, Spearman–Brown corrected, \(ceiling.samples) splits"
        case .subjectPool: method = "subject-pool extrapolation (Brain-Score), \(ceiling.samples) bootstrap fits"
        }
        var line = "noise ceiling (\(method)): \(Format.number(ceiling.value)) (\(result.options.aggregate.rawValue) over targets)"
        if !ceiling.perSubject.isEmpty {
            line += "; " + ceiling.perSubject.map { "\($0.subject) \(Format.number($0.value))" }.joined(separator: ", ")
        }
        return [line]
    }

    /// What a perfect model would score on synthetic responses.
    func truthLine() -> String? {
        guard let truth = object.truth else { return nil }
        let (_, subject, average) = truth.medians
        var line = "known truth: signal from \(truth.featuresName) layer \(BrainText.layer(truth.layer.index, truth.layer.name))"
        switch metric {
        case .linear, .ridge, .karpov2024:
            let (reliability, scope) = result.options.subjects == .average ? (average, "the subject average") : (subject, "a subject's mean")
            line += "; \(scope) has reliability \(Format.number(reliability)) (median over targets), so a perfect model reaches "
            line += metric == .karpov2024 ? "R² ≈ \(Format.number(reliability)) and brain score ≈ \(Format.number(reliability.squareRoot()))"
                                          : "r = \(Format.number(reliability.squareRoot()))"
        case .rsa, .cka:
            break
        }
        return line
    }

    /// One row per layer × subject, for `export NAME to FILE.csv`.
    func longTable() throws -> Table {
        var layerIndex: [Double] = [], layerName: [String] = [], subjectName: [String] = []
        var numbers: [String: [Double]] = [:]
        let keys = ["score", "score_normalized", "ceiling", "score_error", "r2_mean", "p_value", "ci_low", "ci_high", "dropped_non_finite", "dropped_constant"]
        for layer in result.layers {
            for subject in layer.subjects {
                layerIndex.append(Double(layer.index))
                layerName.append(layer.name)
                subjectName.append(subject.subject)
                var error = Double.nan
                if case let .crossValidated(cv) = subject.detail { error = cv.error }
                let values = [subject.score, subject.normalizedScore ?? .nan, subject.ceiling ?? .nan, error, Self.karpov(subject)?.r2Mean ?? .nan,
                              subject.permutation?.pValue ?? .nan, subject.interval?.low ?? .nan, subject.interval?.high ?? .nan,
                              Double(subject.screening.nonFinite), Double(subject.screening.constant)]
                for (key, value) in zip(keys, values) { numbers[key, default: []].append(value) }
            }
        }
        return try Table(names: ["layer", "layer_name", "subject"] + keys,
                         columns: [.numbers(layerIndex), .strings(layerName), .strings(subjectName)] + keys.map { .numbers(numbers[$0] ?? []) })
    }

    static func karpov(_ subject: SubjectScore) -> KarpovScore? {
        if case let .karpov(k) = subject.detail { return k }
        return nil
    }

    /// Mean of the finite values (NaN when none).
    static func mean(_ values: [Double]) -> Double {
        let finite = values.filter(\.isFinite)
        return finite.isEmpty ? .nan : finite.reduce(0, +) / Double(finite.count)
    }
}
