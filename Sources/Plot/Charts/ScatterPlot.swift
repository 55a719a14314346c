import Foundation

/// Scatter charts: markers in series order; with values, coloured through the colormap with a
/// colorbar (diverging maps centred on 0). Many points get more transparent by default so
/// that density stays visible.
enum ScatterPlot {
    private struct Prepared {
        var x: [Double] = [], y: [Double] = [], values: [Double] = []
        var color: Color
        var marker: MarkerShape
        var size: Double
    }

    static func prepare(_ series: [ScatterSeries], chart: Chart) throws -> PreparedPlot {
        guard !series.isEmpty else { throw PlotError.emptyData(what: "the scatter chart") }
        var filter = ValueFilter(x: chart.xScale, y: chart.yScale)
        var xRange = DataRange(), yRange = DataRange(), valueRange = DataRange()
        let total = series.reduce(0) { $0 + $1.x.count }
        let automaticAlpha = Float(total <= 500 ? 1 : max(0.15, (500 / Double(total)).squareRoot()))
        var prepared: [Prepared] = []
        for (index, s) in series.enumerated() {
            let name = seriesName("scatter", s.label, index)
            guard !s.x.isEmpty else { throw PlotError.emptyData(what: name) }
            guard s.y.count == s.x.count else { throw PlotError.mismatchedLengths(what: "y of \(name)", expected: s.x.count, actual: s.y.count) }
            if let values = s.values, values.count != s.x.count {
                throw PlotError.mismatchedLengths(what: "colour values of \(name)", expected: s.x.count, actual: values.count)
            }
            guard s.markerSize > 0, s.markerSize.isFinite else {
                throw PlotError.invalidOption(name: "marker size", value: "\(s.markerSize)", reason: "must be a positive number of points")
            }
            let alpha = s.alpha.map { Float(min(max($0, 0), 1)) } ?? automaticAlpha
            var p = Prepared(color: (s.color ?? ColorCycle.color(index)).withAlpha(alpha), marker: s.marker, size: s.markerSize)
            p.x.reserveCapacity(s.x.count); p.y.reserveCapacity(s.x.count)
            for i in s.x.indices {
                if let values = s.values, !values[i].isFinite { filter.skipped.nonFinite += 1; continue }
                guard filter.accepts(s.x[i], s.y[i]) else { continue }
                p.x.append(s.x[i]); p.y.append(s.y[i])
                xRange.include(s.x[i]); yRange.include(s.y[i])
                if let values = s.values { p.values.append(values[i]); valueRange.include(values[i]) }
            }
            guard !p.x.isEmpty else { throw PlotError.noFiniteValues(what: name) }
            prepared.append(p)
        }
        var colorbar: ColorbarModel?
        if !valueRange.isEmpty {
            colorbar = colorScale(valueRange, colormap: chart.colormap ?? .viridis, label: chart.colorbarLabel)
        }
        let legend = series.indices.compactMap { i -> LegendEntry? in
            guard let label = series[i].label, !label.isEmpty else { return nil }
            return LegendEntry(label: label, swatch: .marker(prepared[i].marker, prepared[i].color.withAlpha(1)))
        }
        let scale = colorbar
        return PreparedPlot(x: .fitted(to: xRange, scale: chart.xScale), y: .fitted(to: yRange, scale: chart.yScale),
                            legend: legend, colorbar: colorbar, skipped: filter.skipped) { canvas, mapping in
            for p in prepared {
                let centers = zip(p.x, p.y).map { mapping.point($0, $1) }
                let colors: MarkerColors
                if let scale, !p.values.isEmpty {
                    let table = scale.colormap.lookupTable()
                    colors = .perMarker(p.values.map { table[scale.tableIndex($0, size: table.count)].withAlpha(p.color.alpha) })
                } else {
                    colors = .uniform(p.color)
                }
                canvas.drawMarkers(centers, shape: p.marker, size: p.size * mapping.scale, colors: colors)
            }
        }
    }

    /// The colour scale for values in `range`: the data range, or for a diverging map the
    /// range symmetric around 0 so that 0 sits at the map's neutral centre.
    static func colorScale(_ range: DataRange, colormap: Colormap, label: String?, fixed: ClosedRange<Double>? = nil) -> ColorbarModel {
        var lower = fixed?.lowerBound ?? range.lower, upper = fixed?.upperBound ?? range.upper
        if fixed == nil && colormap.isDiverging {
            let reach = max(abs(lower), abs(upper))
            (lower, upper) = (-reach, reach)
        }
        if lower == upper {
            let half = lower == 0 ? 1 : abs(lower) * 0.1
            (lower, upper) = (lower - half, upper + half)
        }
        return ColorbarModel(colormap: colormap, lower: lower, upper: upper, label: label)
    }
}

extension ColorbarModel {
    /// The entry of a lookup table of `size` colours for `value` (clamped to the scale's ends).
    @inline(__always)
    func tableIndex(_ value: Double, size: Int) -> Int {
        let t = (value - lower) / (upper - lower)
        return Int(min(max(t, 0), 1) * Double(size - 1) + 0.5)
    }
}
