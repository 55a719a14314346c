import Plot
import Rewards
import Tensors

/// The figures of an experiment: `plot correlation` (bars grouped by canonicalisation),
/// `plot heatmap` (canonicalisation × normalisation for one metric) and `plot scatter`
/// (distance against regret for one chosen variant).
extension ExperimentObject {
    var plotForms: [PlotForm] {
        let result = self.result
        return [
            PlotForm(kind: "correlation", summary: "ρ with regret, bars grouped by canonicalisation; y=[best, l2-l2, ...] picks the bars "
                     + "(norm-metric pairs, best, median; default best, l1-l1, l2-l2, linf-linf, none-pearson)",
                     selecting: [.y]) { try ExperimentPlots.correlationBars(result, $0) },
            PlotForm(kind: "heatmap", summary: "ρ with regret by canonicalisation (rows) and normalisation (columns) for one metric, "
                     + "x=METRIC (default: the best variant's)", selecting: [.x]) { try ExperimentPlots.heatmap(result, $0) },
            PlotForm(kind: "scatter", summary: "regret against the distance of one variant, x=VARIANT (default: the best), "
                     + "coloured by color=t|environment|pair (default t)", selecting: [.x, .color]) { try ExperimentPlots.scatter(result, $0) },
        ]
    }
}

/// Builders of the experiment's charts.
enum ExperimentPlots {
    /// The series `correlation` draws when `y=` is not given.
    static let defaultBars = ["best", "l1-l1", "l2-l2", "linf-linf", "none-pearson"]

    static func correlationBars(_ result: ExperimentResult, _ selection: PlotSelection) throws -> Chart {
        let lookup = Lookup(result)
        let canonicalisations = lookup.canonicalisations.sorted { lookup.best($0) > lookup.best($1) }
        let pairs = lookup.normMetricNames
        let known = ["best", "median"] + pairs
        var chosen = selection.y.isEmpty ? defaultBars.filter(known.contains) : selection.y
        if chosen.isEmpty { chosen = ["best"] }
        var series: [BarSeries] = []
        for name in chosen {
            guard known.contains(name) else {
                throw PlotSelectionError(.y, .unknown(name: name, what: "bar series (norm-metric pair, best or median)", known: known))
            }
            let values = canonicalisations.map { canon -> Double in
                switch name {
                case "best": return lookup.best(canon)
                case "median": return lookup.median(canon)
                default: return lookup.pearson(canon, normMetric: name)
                }
            }
            let label = ["best": "best of each", "median": "median of each", "none-pearson": "pearson"][name] ?? name
            series.append(BarSeries(label: label, values: values))
        }
        var chart = Chart(.bar(BarChartData(categories: canonicalisations.map(\.rawValue), series: series)),
                          title: "Correlation of distance with regret (\(Format.count(result.comparisons.count, "comparison")))",
                          xLabel: "canonicalisation", yLabel: "Pearson ρ with symmetric regret")
        chart.legend = .shown
        return chart
    }

    static func heatmap(_ result: ExperimentResult, _ selection: PlotSelection) throws -> Chart {
        let lookup = Lookup(result)
        let metrics = Metric.allCases.filter { metric in result.variants.contains { $0.metric == metric } }
        let metric: Metric
        if let written = selection.x {
            guard let chosen = Metric(rawValue: written.lowercased()), metrics.contains(chosen) else {
                throw PlotSelectionError(.x, .unknown(name: written, what: "metric", known: metrics.map(\.rawValue)))
            }
            metric = chosen
        } else {
            metric = result.ranked.first?.variant.metric ?? .l2
        }
        let norms = metric == .pearson ? [Norm.none] : Norm.allCases
        let rows = lookup.canonicalisations
        let values = rows.flatMap { canon in norms.map { lookup.pearson(Variant(canon, $0, metric)) } }
        var heatmap = Heatmap(rows: rows.count, columns: norms.count, values: values,
                              rowLabels: rows.map(\.rawValue), columnLabels: norms.map(\.rawValue))
        // Correlations are usually all positive: a sequential map over [0, 1] shows their
        // differences; a negative one brings the diverging map over [−1, 1].
        let anyNegative = values.contains { $0 < 0 }
        heatmap.valueRange = anyNegative ? -1...1 : 0...1
        var chart = Chart(.heatmap(heatmap), title: "Pearson ρ with regret, metric \(metric.rawValue)",
                          xLabel: "normalisation", yLabel: "canonicalisation")
        chart.colormap = anyNegative ? .coolwarm : .viridis
        chart.colorbarLabel = "ρ"
        return chart
    }

    static func scatter(_ result: ExperimentResult, _ selection: PlotSelection) throws -> Chart {
        guard !result.comparisons.isEmpty else { throw ShellError(.failed("the experiment has no comparisons to plot")) }
        let variant: Variant
        if let written = selection.x {
            guard let parsed = result.variants.first(where: { $0.name == written.lowercased() }) else {
                let near = Suggestions.closest(to: written, among: result.variants.map(\.name)).map { "; did you mean '\($0)'?" } ?? ""
                throw PlotSelectionError(.x, .invalid(reason: "names no variant '\(written)' of the experiment\(near) (experiment ranking lists its \(result.variants.count))"))
            }
            variant = parsed
        } else {
            variant = result.ranked.first?.variant ?? result.variants[0]
        }
        let column = result.variants.firstIndex(of: variant) ?? 0
        let colorName = selection.color ?? "t"
        let colors: [Double]
        switch colorName {
        case "t": colors = result.comparisons.map(\.t)
        case "environment": colors = result.comparisons.map { Double($0.environment) }
        case "pair": colors = result.comparisons.map { Double($0.pair) }
        default: throw PlotSelectionError(.color, .unknown(name: colorName, what: "colouring", known: ["t", "environment", "pair"]))
        }
        let points = ScatterSeries(x: result.comparisons.map { $0.distances[column] }, y: result.comparisons.map(\.regret.symmetric),
                                   values: colors, markerSize: 4)
        let rho = result.correlation(of: variant).map { Format.number($0) } ?? "nan"
        var chart = Chart(.scatter([points]), title: "\(variant.name): distance against regret (ρ = \(rho))",
                          xLabel: "distance \(variant.name)", yLabel: "symmetric regret")
        chart.colorbarLabel = colorName == "t" ? "interpolation t" : colorName
        return chart
    }

    /// Correlations by variant, with the groupings the charts need.
    struct Lookup {
        let byVariant: [Variant: Double]
        let canonicalisations: [Canonicalisation]
        /// `norm-metric` names present, in the library's order.
        let normMetricNames: [String]

        init(_ result: ExperimentResult) {
            byVariant = Dictionary(result.correlations.map { ($0.variant, $0.pearson) }, uniquingKeysWith: { first, _ in first })
            canonicalisations = Canonicalisation.allCases.filter { canon in result.variants.contains { $0.canonicalisation == canon } }
            var names: [String] = []
            for variant in result.variants where !names.contains("\(variant.norm.rawValue)-\(variant.metric.rawValue)") {
                names.append("\(variant.norm.rawValue)-\(variant.metric.rawValue)")
            }
            normMetricNames = names
        }

        func pearson(_ variant: Variant) -> Double { byVariant[variant] ?? .nan }

        func pearson(_ canon: Canonicalisation, normMetric: String) -> Double {
            let parts = normMetric.split(separator: "-").map(String.init)
            guard parts.count == 2, let norm = Norm(rawValue: parts[0]), let metric = Metric(rawValue: parts[1]) else { return .nan }
            return pearson(Variant(canon, norm, metric))
        }

        private func values(_ canon: Canonicalisation) -> [Double] {
            byVariant.filter { $0.key.canonicalisation == canon && !$0.value.isNaN }.map(\.value)
        }

        func best(_ canon: Canonicalisation) -> Double { values(canon).max() ?? .nan }

        func median(_ canon: Canonicalisation) -> Double {
            let found = values(canon)
            return found.isEmpty ? .nan : Statistics.median(found)
        }
    }
}
