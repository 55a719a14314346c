import Foundation
import Tensors

/// Histograms: bins shared by all series (numpy's rules), counts or densities drawn as bars
/// from zero; several series overlap translucently with a solid outline each.
enum HistogramPlot {
    static func prepare(_ histogram: Histogram, chart: Chart) throws -> PreparedPlot {
        guard !histogram.series.isEmpty else { throw PlotError.emptyData(what: "the histogram") }
        var skipped = SkippedValues()
        var kept: [[Double]] = []
        for (index, s) in histogram.series.enumerated() {
            let name = seriesName("histogram", s.label, index)
            guard !s.values.isEmpty else { throw PlotError.emptyData(what: name) }
            var values: [Double] = []
            values.reserveCapacity(s.values.count)
            for v in s.values {
                if !v.isFinite { skipped.nonFinite += 1 } else if chart.xScale == .log && v <= 0 { skipped.nonPositiveOnLogAxis += 1 } else { values.append(v) }
            }
            guard !values.isEmpty else { throw PlotError.noFiniteValues(what: name) }
            kept.append(values)
        }
        let edges = try binEdges(histogram.bins, data: kept.flatMap { $0 }, scale: chart.xScale)
        var heights: [[Double]] = []
        var yRange = DataRange()
        for values in kept {
            var counts = [Double](repeating: 0, count: edges.count - 1)
            var inside = 0
            for v in values {
                guard let bin = bin(of: v, edges: edges) else { skipped.outsideBins += 1; continue }
                counts[bin] += 1
                inside += 1
            }
            if histogram.density && inside > 0 {
                for b in counts.indices { counts[b] /= Double(inside) * (edges[b + 1] - edges[b]) }
            }
            for c in counts where chart.yScale == .linear || c > 0 { yRange.include(c) }
            heights.append(counts)
        }
        if chart.yScale == .linear { yRange.include(0) }
        var xRange = DataRange()
        xRange.include(edges[0]); xRange.include(edges[edges.count - 1])
        let colors = histogram.series.indices.map { histogram.series[$0].color ?? ColorCycle.color($0) }
        let legend = histogram.series.indices.compactMap { i -> LegendEntry? in
            guard let label = histogram.series[i].label, !label.isEmpty else { return nil }
            return LegendEntry(label: label, swatch: .patch(colors[i].withAlpha(heights.count > 1 ? 0.55 : 1)))
        }
        return PreparedPlot(x: .fitted(to: xRange, scale: chart.xScale),
                            y: .fitted(to: yRange, scale: chart.yScale, sticky: 0),
                            legend: legend, skipped: skipped) { canvas, m in
            drawBars(heights, edges: edges, colors: colors, on: &canvas, m)
        }
    }

    /// The bin edges for `bins` over `data` (already finite, positive on a log axis).
    /// - Throws: `PlotError.invalidOption` for a bin count below 1 or edges that do not rise.
    static func binEdges(_ bins: HistogramBins, data: [Double], scale: AxisScale) throws -> [Double] {
        switch bins {
        case let .edges(edges):
            guard edges.count >= 2, edges.allSatisfy(\.isFinite), zip(edges, edges.dropFirst()).allSatisfy({ $0 < $1 }) else {
                throw PlotError.invalidOption(name: "bins", value: "\(edges)", reason: "edges must be at least two finite, strictly increasing values")
            }
            if scale == .log && edges[0] <= 0 {
                throw PlotError.invalidOption(name: "bins", value: "\(edges)", reason: "edges on a log axis must be positive")
            }
            return edges
        case let .count(count):
            guard (1...100_000).contains(count) else {
                throw PlotError.invalidOption(name: "bins", value: "\(count)", reason: "the bin count must be 1 to 100000")
            }
            return evenEdges(count: count, data: data, scale: scale)
        case .automatic:
            return evenEdges(count: automaticCount(data, scale: scale), data: data, scale: scale)
        }
    }

    /// numpy's "auto": the larger bin count of Sturges (log₂ n + 1) and Freedman–Diaconis
    /// (width 2·IQR·n^(-1/3)), in log space on a log axis; at most 1000 bins.
    static func automaticCount(_ data: [Double], scale: AxisScale) -> Int {
        let values = scale == .log ? data.map(log10) : data
        let n = Double(values.count)
        let sturges = Int((log2(n) + 1).rounded(.up))
        let sorted = values.sorted()
        let span = sorted[sorted.count - 1] - sorted[0]
        let iqr = Statistics.quantile(sorted, 0.75) - Statistics.quantile(sorted, 0.25)
        guard iqr > 0, span > 0 else { return min(sturges, 1000) }
        let width = 2 * iqr * pow(n, -1.0 / 3)
        return min(1000, max(sturges, Int((span / width).rounded(.up))))
    }

    /// `count` equal bins (equal in log space on a log axis) spanning the data, widened by ±0.5
    /// when every value is the same (as numpy does).
    private static func evenEdges(count: Int, data: [Double], scale: AxisScale) -> [Double] {
        var lower = data.min()!, upper = data.max()!
        if scale == .log {
            (lower, upper) = (log10(lower), log10(upper))
        }
        if lower == upper { (lower, upper) = (lower - 0.5, upper + 0.5) }
        return (0...count).map { i in
            let t = i == count ? upper : lower + (upper - lower) * Double(i) / Double(count)
            return scale == .log ? pow(10, t) : t
        }
    }

    /// The bin holding `value`: [e_i, e_{i+1}), the last bin closed; nil outside the edges.
    static func bin(of value: Double, edges: [Double]) -> Int? {
        guard value >= edges[0], value <= edges[edges.count - 1] else { return nil }
        var low = 0, high = edges.count - 1
        while high - low > 1 {
            let middle = (low + high) / 2
            if value >= edges[middle] { low = middle } else { high = middle }
        }
        return low
    }

    private static func drawBars(_ heights: [[Double]], edges: [Double], colors: [Color], on canvas: inout Canvas, _ m: PlotMapping) {
        let base = m.py(m.y.scale == .log ? m.y.lower : 0)
        let overlaid = heights.count > 1
        for (s, counts) in heights.enumerated() {
            let fill = colors[s].withAlpha(overlaid ? 0.55 : 1)
            var outline: [Point] = []
            for b in counts.indices {
                let left = m.px(edges[b]).rounded(), right = m.px(edges[b + 1]).rounded()
                let drawn = m.y.accepts(counts[b]) && counts[b] > 0
                let top = drawn ? m.py(counts[b]) : base
                if drawn { canvas.fill(Rect(x: left, y: top, width: right - left, height: base - top), color: fill) }
                outline += [Point(left, top), Point(right, top)]
            }
            if overlaid {
                outline = [Point(m.px(edges[0]), base)] + outline + [Point(m.px(edges[edges.count - 1]), base)]
                canvas.stroke(outline, style: StrokeStyle(color: colors[s], width: 1.25 * m.scale))
            } else if m.width / Double(counts.count) >= 4 {
                // Thin white gaps between bins read better than touching bars of one colour.
                let gap = StrokeStyle(color: .white, width: 0.75 * m.scale)
                for b in 1..<counts.count where counts[b - 1] > 0 || counts[b] > 0 {
                    let x = m.px(edges[b])
                    let top = min(m.py(max(counts[b - 1], 1e-300)), m.py(max(counts[b], 1e-300)))
                    canvas.strokeLine(from: Point(x, base), to: Point(x, top), style: gap)
                }
            }
        }
    }
}
