/// Line charts: each series is split into runs at skipped points (NaN breaks a line, as in
/// matplotlib), bands are drawn first, then lines, then markers.
enum LinePlot {
    private struct Prepared {
        var runs: [[(Double, Double)]] = []
        var bandRuns: [[(Double, Double, Double)]] = []
        var color: Color
        var dash: LineStyle
        var width: Double
        var marker: MarkerShape?
    }

    static func prepare(_ series: [LineSeries], chart: Chart) throws -> PreparedPlot {
        guard !series.isEmpty else { throw PlotError.emptyData(what: "the line chart") }
        var filter = ValueFilter(x: chart.xScale, y: chart.yScale)
        var xRange = DataRange(), yRange = DataRange()
        var prepared: [Prepared] = []
        for (index, s) in series.enumerated() {
            let name = seriesName("line", s.label, index)
            guard !s.y.isEmpty else { throw PlotError.emptyData(what: name) }
            let xs = s.x ?? s.y.indices.map(Double.init)
            guard xs.count == s.y.count else { throw PlotError.mismatchedLengths(what: "x of \(name)", expected: s.y.count, actual: xs.count) }
            var p = Prepared(color: s.color ?? ColorCycle.color(index),
                             dash: s.style ?? (index >= ColorCycle.colors.count ? .dashed : .solid),
                             width: s.width, marker: s.marker)
            p.runs = runs(count: xs.count) { i in
                guard filter.accepts(xs[i], s.y[i]) else { return nil }
                xRange.include(xs[i]); yRange.include(s.y[i])
                return (xs[i], s.y[i])
            }
            guard !p.runs.isEmpty else { throw PlotError.noFiniteValues(what: name) }
            if s.lower != nil || s.upper != nil {
                guard let lower = s.lower, let upper = s.upper else {
                    throw PlotError.invalidOption(name: "band", value: name, reason: "a band needs both lower and upper values")
                }
                guard lower.count == xs.count else { throw PlotError.mismatchedLengths(what: "band lower of \(name)", expected: xs.count, actual: lower.count) }
                guard upper.count == xs.count else { throw PlotError.mismatchedLengths(what: "band upper of \(name)", expected: xs.count, actual: upper.count) }
                p.bandRuns = runs(count: xs.count) { i in
                    guard filter.accepts(xs[i], lower[i]), filter.accepts(xs[i], upper[i]) else { return nil }
                    yRange.include(lower[i]); yRange.include(upper[i])
                    return (xs[i], lower[i], upper[i])
                }
            }
            prepared.append(p)
        }
        for value in chart.yIncludes where value.isFinite && (chart.yScale == .linear || value > 0) { yRange.include(value) }
        let legend = series.indices.compactMap { i -> LegendEntry? in
            guard let label = series[i].label, !label.isEmpty else { return nil }
            let p = prepared[i]
            return LegendEntry(label: label, swatch: .line(color: p.color, style: p.dash, width: p.width, marker: p.marker))
        }
        return PreparedPlot(x: .fitted(to: xRange, scale: chart.xScale), y: .fitted(to: yRange, scale: chart.yScale),
                            legend: legend, skipped: filter.skipped) { canvas, mapping in
            draw(prepared, on: &canvas, mapping)
        }
    }

    /// Consecutive indices for which `point` gives a value, as separate runs.
    private static func runs<T>(count: Int, _ point: (Int) -> T?) -> [[T]] {
        var result: [[T]] = [], current: [T] = []
        for i in 0..<count {
            if let value = point(i) {
                current.append(value)
            } else if !current.isEmpty {
                result.append(current)
                current = []
            }
        }
        if !current.isEmpty { result.append(current) }
        return result
    }

    private static func draw(_ series: [Prepared], on canvas: inout Canvas, _ m: PlotMapping) {
        for s in series {
            for band in s.bandRuns where band.count > 1 {
                let outline = band.map { m.point($0.0, $0.2) } + band.reversed().map { m.point($0.0, $0.1) }
                canvas.fill(polygon: outline, color: s.color.withAlpha(0.2))
            }
        }
        for s in series {
            let width = s.width * m.scale
            let dash: DashPattern? = switch s.dash {
            case .solid: nil
            case .dashed: .dashed(lineWidth: width)
            case .dotted: .dotted(lineWidth: width)
            }
            let style = StrokeStyle(color: s.color, width: width, dash: dash, cap: dash == nil ? .round : .butt)
            for run in s.runs { canvas.stroke(run.map { m.point($0.0, $0.1) }, style: style) }
            if let marker = s.marker {
                let centers = s.runs.flatMap { $0.map { m.point($0.0, $0.1) } }
                canvas.drawMarkers(centers, shape: marker, size: max(4, 3 * s.width) * m.scale, colors: .uniform(s.color))
            }
        }
    }
}
