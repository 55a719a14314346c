/// Grouped bar charts: categories along x, one bar per series in each group (the group spans
/// 0.8 of a category), bars from 0 (or the bottom of a log axis), symmetric error bars.
enum BarPlot {
    static let groupWidth = 0.8

    static func prepare(_ data: BarChartData, chart: Chart) throws -> PreparedPlot {
        guard !data.categories.isEmpty else { throw PlotError.emptyData(what: "the bar chart's categories") }
        guard !data.series.isEmpty else { throw PlotError.emptyData(what: "the bar chart") }
        guard chart.xScale == .linear else {
            throw PlotError.invalidOption(name: "log", value: "x", reason: "the x axis of a bar chart holds categories")
        }
        var filter = ValueFilter(x: .linear, y: chart.yScale)
        var yRange = DataRange()
        if chart.yScale == .linear { yRange.include(0) }
        var drawable = 0
        for (index, s) in data.series.enumerated() {
            let name = seriesName("bar", s.label, index)
            guard s.values.count == data.categories.count else {
                throw PlotError.mismatchedLengths(what: name, expected: data.categories.count, actual: s.values.count)
            }
            if let errors = s.errors, errors.count != s.values.count {
                throw PlotError.mismatchedLengths(what: "errors of \(name)", expected: s.values.count, actual: errors.count)
            }
            for (i, v) in s.values.enumerated() where filter.acceptsY(v) {
                drawable += 1
                yRange.include(v)
                if let e = s.errors?[i] {
                    guard e.isFinite else { filter.skipped.nonFinite += 1; continue }
                    yRange.include(v + abs(e))
                    if chart.yScale == .linear || v - abs(e) > 0 { yRange.include(v - abs(e)) }
                }
            }
        }
        guard drawable > 0 else { throw PlotError.noFiniteValues(what: "the bar chart") }
        let colors = data.series.indices.map { data.series[$0].color ?? ColorCycle.color($0) }
        let legend = data.series.indices.compactMap { i -> LegendEntry? in
            guard let label = data.series[i].label, !label.isEmpty else { return nil }
            return LegendEntry(label: label, swatch: .patch(colors[i]))
        }
        var xRange = DataRange()
        xRange.include(-groupWidth / 2); xRange.include(Double(data.categories.count - 1) + groupWidth / 2)
        var x = AxisModel.fitted(to: xRange, scale: .linear)
        x.categories = data.categories.map { TextLabel($0) }
        return PreparedPlot(x: x, y: .fitted(to: yRange, scale: chart.yScale, sticky: 0), legend: legend,
                            skipped: filter.skipped, grid: true) { canvas, m in
            draw(data, colors: colors, on: &canvas, m)
        }
    }

    private static func draw(_ data: BarChartData, colors: [Color], on canvas: inout Canvas, _ m: PlotMapping) {
        let count = Double(data.series.count), barWidth = groupWidth / count
        let base = m.py(m.y.scale == .log ? m.y.lower : 0)
        var errorBars: [(Double, Double, Double, Double)] = []
        for (s, series) in data.series.enumerated() {
            for (i, v) in series.values.enumerated() where m.y.accepts(v) {
                let left = Double(i) - groupWidth / 2 + Double(s) * barWidth
                // Whole-pixel edges: neighbouring bars then meet without a light anti-aliased seam.
                let x0 = m.px(left).rounded(), x1 = m.px(left + barWidth).rounded()
                let top = m.py(v)
                canvas.fill(Rect(x: x0, y: min(top, base), width: x1 - x0, height: abs(base - top)), color: colors[s])
                if let e = series.errors?[i], e.isFinite, e != 0 {
                    errorBars.append(((x0 + x1) / 2, (x1 - x0) * 0.3, v - abs(e), v + abs(e)))
                }
            }
        }
        // Error bars go on top of every bar so a neighbour never hides one.
        let pen = StrokeStyle(color: Color(hex: 0x262626), width: 1.25 * m.scale)
        for (center, cap, low, high) in errorBars {
            let bottom = m.y.accepts(low) ? m.py(low) : base, top = m.py(high)
            canvas.strokeLine(from: Point(center, bottom), to: Point(center, top), style: pen)
            for y in [bottom, top] where y != base || m.y.accepts(low) {
                canvas.strokeLine(from: Point(center - cap, y), to: Point(center + cap, y), style: pen)
            }
        }
    }
}
