import Brain
import Foundation
import Plot

/// Chart pieces shared by a result's plots and a set of results' plots.
enum BrainScorePlots {
    /// The y-axis label of a metric's score.
    static func scoreLabel(_ result: BrainScoreResult) -> String {
        switch result.options.metric {
        case .linear, .ridge: return "\(result.options.aggregate.rawValue) Pearson r over targets (held out)"
        case .karpov2024: return "brain score (r across targets, last stimulus)"
        case .rsa: return "RSA: Spearman ρ of RDMs"
        case .cka: return "linear CKA"
        }
    }

    /// A layer's uncertainty and what it is: ± SEM over subjects, else the single subject's
    /// bootstrap interval, else ± the standard error over cross-validation splits.
    static func band(_ layer: LayerScore) -> (lower: Double, upper: Double, name: String)? {
        if let error = layer.standardError { return (layer.score - error, layer.score + error, "± SEM over subjects") }
        guard layer.subjects.count == 1, let subject = layer.subjects.first else { return nil }
        if let interval = subject.interval { return (interval.low, interval.high, "\(Int((interval.level * 100).rounded()))% bootstrap CI") }
        if case let .crossValidated(cv) = subject.detail, cv.error.isFinite { return (layer.score - cv.error, layer.score + cv.error, "± SE over splits") }
        return nil
    }

    /// Where a layer goes on the x axis: its number when its name is one (an activation set's
    /// recorded hidden state, 0 = embeddings), else its position.
    static func position(_ layer: LayerScore) -> Double { Double(layer.name) ?? Double(layer.index) }

    /// What a result's line shows: `mean of 4 subjects ± SEM`, `95% bootstrap CI`, ...
    static func lineDescription(_ result: BrainScoreResult) -> String? {
        let bands = result.layers.map(band)
        let hasBand = bands.allSatisfy { $0 != nil } && !bands.isEmpty
        let subjects = result.layers.first?.subjects.count ?? 0
        if subjects > 1 { return "mean of \(subjects) subjects" + (hasBand ? " ± SEM" : "") }
        return hasBand ? bands[0]?.name : nil
    }

    /// The mean score by layer of one result, with its band; the label says what the line and
    /// band are unless `describe` is false (a chart that says it once).
    static func layerLine(_ result: BrainScoreResult, label: String, describe: Bool = true, color: Color? = nil) -> LineSeries {
        let bands = result.layers.map(band)
        let hasBand = bands.allSatisfy { $0 != nil } && !bands.isEmpty
        let text = describe ? label + (lineDescription(result).map { " (\($0))" } ?? "") : label
        return LineSeries(label: text, x: result.layers.map(position), y: result.layers.map(\.score),
                          lower: hasBand ? bands.map { $0!.lower } : nil, upper: hasBand ? bands.map { $0!.upper } : nil,
                          marker: .circle, color: color)
    }

    /// Dashed horizontal lines for the estimated ceiling and, on synthetic data, a perfect model's score.
    static func referenceLines(_ object: BrainScoreObject, from first: Double, to last: Double) -> [LineSeries] {
        let result = object.result
        var lines: [LineSeries] = []
        let span = last > first ? [first, last] : [first - 0.5, first + 0.5]
        if let ceiling = result.ceiling, result.options.metric.isPerTargetCorrelation {
            lines.append(LineSeries(label: "noise ceiling (\(ceiling.method.rawValue)) \(Format.number(ceiling.value, significant: 3))",
                                    x: span, y: [ceiling.value, ceiling.value], style: .dashed, color: Color(hex: 0x7F7F7F)))
        }
        if let truth = object.truth, result.options.metric != .rsa, result.options.metric != .cka {
            let (_, subject, average) = truth.medians
            let perfect = (result.options.subjects == .average ? average : subject).squareRoot()
            lines.append(LineSeries(label: "perfect model (known) \(Format.number(perfect, significant: 3))",
                                    x: span, y: [perfect, perfect], style: .dotted, color: .black))
        }
        return lines
    }

    /// The colour range of an RDM: its off-diagonal values (the zero diagonal would otherwise
    /// stretch the scale and flatten the structure of anisotropic activations).
    static func offDiagonalRange(_ condensed: [Double]) -> ClosedRange<Double>? {
        let finite = condensed.filter(\.isFinite)
        guard let low = finite.min(), let high = finite.max(), high > low else { return nil }
        return low...high
    }

    /// A result with more than one layer, or an error saying why a layer plot makes no sense.
    static func requireLayers(_ object: BrainScoreObject, name: String) throws {
        guard !object.result.isPlainMatrix, object.result.layers.count > 1 else {
            throw ShellError(.failed("\(name) has one layer: there is no layer curve to draw (try plot targets, or combine results and plot bars)"))
        }
    }
}

extension BrainScoreObject {
    /// `layers`, `subjects`, `targets`, `null`, and for RSA `model-rdm` / `brain-rdm`.
    public var plotForms: [PlotForm] {
        var forms = [
            PlotForm(kind: "layers", summary: "score by layer, mean over subjects with a band, ceilings dashed") { try self.layersChart() },
            PlotForm(kind: "subjects", summary: "score by layer, one line per subject") { try self.subjectsChart() },
        ]
        if result.options.metric.isPerTargetCorrelation || result.options.metric == .karpov2024 {
            forms.append(PlotForm(kind: "targets", summary: "histogram of the per-target values of the best layer") { try self.targetsChart() })
        }
        if result.options.permutations > 0 {
            forms.append(PlotForm(kind: "null", summary: "permutation null distribution of the best layer's score") { try self.nullChart() })
        }
        if result.options.metric == .rsa {
            forms.append(PlotForm(kind: "model-rdm", summary: "the best layer's RDM (1 − Pearson r between stimuli)") { try self.rdmChart(model: true) })
            forms.append(PlotForm(kind: "brain-rdm", summary: "the brain RDM of the first subject (1 − Pearson r between stimuli)") { try self.rdmChart(model: false) })
        }
        return forms
    }

    func layersChart() throws -> Chart {
        try BrainScorePlots.requireLayers(self, name: featuresName)
        let indices = result.layers.map(BrainScorePlots.position)
        let series = [BrainScorePlots.layerLine(result, label: featuresName)]
            + BrainScorePlots.referenceLines(self, from: indices.min()!, to: indices.max()!)
        return Chart(.line(series), title: "\(result.options.metric.rawValue): \(featuresName) against \(responsesName), by layer",
                     xLabel: layerAxis, yLabel: BrainScorePlots.scoreLabel(result))
    }

    func subjectsChart() throws -> Chart {
        try BrainScorePlots.requireLayers(self, name: featuresName)
        let names = result.layers[0].subjects.map(\.subject)
        let x = result.layers.map(BrainScorePlots.position)
        let series = names.indices.map { s -> LineSeries in
            let intervals = result.layers.map { $0.subjects[s].interval }
            let banded = intervals.allSatisfy { $0 != nil }
            return LineSeries(label: names[s] + (banded ? " (bootstrap CI)" : ""), x: x, y: result.layers.map { $0.subjects[s].score },
                              lower: banded ? intervals.map { $0!.low } : nil, upper: banded ? intervals.map { $0!.high } : nil, marker: .circle)
        }
        return Chart(.line(series + BrainScorePlots.referenceLines(self, from: x.min()!, to: x.max()!)),
                     title: "\(result.options.metric.rawValue): \(featuresName) against \(responsesName), each subject",
                     xLabel: layerAxis, yLabel: BrainScorePlots.scoreLabel(result))
    }

    /// The layer plotted by the single-layer forms: the best one.
    var shownLayer: LayerScore? { result.bestLayer ?? result.layers.first }

    func layerText(_ layer: LayerScore) -> String { result.isPlainMatrix ? featuresName : "\(featuresName) layer \(BrainText.layer(layer.index, layer.name))" }

    func targetsChart() throws -> Chart {
        guard let layer = shownLayer else { throw ShellError(.failed("the result has no scored layer")) }
        let karpov = result.options.metric == .karpov2024
        let quantity = karpov ? "R² (last 20% of stimuli)" : "Pearson r (held out)"
        var series = layer.subjects.count == 2
            ? layer.subjects.map { HistogramSeries(label: $0.subject, values: $0.perTarget) }
            : [HistogramSeries(label: layer.subjects.count == 1 ? layer.subjects[0].subject : "mean of \(layer.subjects.count) subjects", values: layer.perTarget)]
        if let truth, result.options.subjects == .each {
            // a perfect model's per-target value on a subject's mean: r = √reliability, R² = reliability
            let ceiling = truth.synthetic.subjectCeiling
            series.append(HistogramSeries(label: karpov ? "perfect model (known reliability)" : "perfect model (known √reliability)",
                                          values: karpov ? ceiling : ceiling.map { $0.squareRoot() }))
        }
        return Chart(.histogram(Histogram(series: series)), title: "per-target \(quantity): \(layerText(layer)) against \(responsesName)",
                     xLabel: quantity, yLabel: "targets")
    }

    func nullChart() throws -> Chart {
        guard let layer = shownLayer else { throw ShellError(.failed("the result has no scored layer")) }
        let tested = layer.subjects.compactMap { subject in subject.permutation.map { (subject, $0) } }
        guard let first = tested.first?.1 else { throw ShellError(.failed("the result has no permutation test")) }
        let series: [HistogramSeries]
        var title = "permutation null (stimuli shuffled \(first.permutations) times): \(layerText(layer))"
        if tested.count <= 2 {
            series = tested.map { subject, test in
                HistogramSeries(label: "\(subject.subject): observed \(Format.number(test.observed, significant: 3)), p = \(Format.number(test.pValue, significant: 2))",
                                values: test.nullScores)
            }
        } else {
            // one pooled histogram reads better than many overlaid ones; the title gives the observed range
            let observed = tested.map(\.1.observed), p = tested.map(\.1.pValue)
            series = [HistogramSeries(label: "null scores of \(tested.count) subjects, pooled", values: tested.flatMap(\.1.nullScores))]
            title += "; observed \(Format.number(observed.min()!, significant: 3))–\(Format.number(observed.max()!, significant: 3)), "
                + (p.min() == p.max() ? "p = \(Format.number(p[0], significant: 2)) each" : "p \(Format.number(p.min()!, significant: 2))–\(Format.number(p.max()!, significant: 2))")
        }
        return Chart(.histogram(Histogram(series: series)), title: title, xLabel: BrainScorePlots.scoreLabel(result), yLabel: "permutations")
    }

    func rdmChart(model: Bool) throws -> Chart {
        guard let layer = shownLayer, let subject = layer.subjects.first, case let .rsa(rsa) = subject.detail else {
            throw ShellError(.failed("the result holds no RDM"))
        }
        let square = RSAScore.square(model ? rsa.modelRDM : rsa.brainRDM)
        var heatmap = Heatmap(rows: square.rows, columns: square.columns, values: square.values)
        heatmap.valueRange = BrainScorePlots.offDiagonalRange(model ? rsa.modelRDM : rsa.brainRDM)
        var chart = Chart(.heatmap(heatmap), title: model ? "RDM of \(layerText(layer))" : "RDM of \(responsesName) (\(subject.subject))",
                          xLabel: "stimulus", yLabel: "stimulus")
        chart.colormap = .viridis
        chart.colorbarLabel = "1 − Pearson r"
        return chart
    }
}
