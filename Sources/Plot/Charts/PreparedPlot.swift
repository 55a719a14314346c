import Foundation

/// The extent of finite values seen so far.
struct DataRange {
    private(set) var lower = Double.infinity, upper = -Double.infinity

    /// Widens the range to include `value` (finite values only).
    mutating func include(_ value: Double) {
        guard value.isFinite else { return }
        lower = min(lower, value)
        upper = max(upper, value)
    }

    /// True before any value was included.
    var isEmpty: Bool { lower > upper }
}

/// One axis of a plot: its view limits, scale, direction and (for category axes) labels.
struct AxisModel {
    /// The values at the start and end of the axis.
    var lower: Double, upper: Double
    var scale: AxisScale
    /// Labels of categories at positions 0, 1, 2, ... (bars, heatmap rows and columns).
    var categories: [TextLabel]?
    /// True when values grow downwards (heatmap rows) or leftwards.
    var inverted = false
    /// Ticks only at whole numbers (matrix indices).
    var integerTicks = false

    /// An axis around `range` with `margin` (a fraction of the span, in log space on log axes)
    /// on each side, as matplotlib does; `sticky` values (a bar baseline at 0) are never crossed
    /// by the margin. A single value gets a span around it.
    static func fitted(to range: DataRange, scale: AxisScale, margin: Double = 0.05, sticky: Double? = nil) -> AxisModel {
        var lower = range.isEmpty ? 0 : range.lower, upper = range.isEmpty ? 1 : range.upper
        if scale == .log {
            var (a, b) = (log10(lower), log10(upper))
            if a == b { a -= 0.5; b += 0.5 }
            let pad = (b - a) * margin
            return AxisModel(lower: pow(10, a - pad), upper: pow(10, b + pad), scale: .log)
        }
        if lower == upper {
            let half = lower == 0 ? 0.5 : abs(lower) * 0.1
            lower -= half
            upper += half
        }
        let pad = (upper - lower) * margin
        var paddedLower = lower - pad, paddedUpper = upper + pad
        if let sticky {
            if lower >= sticky && paddedLower < sticky { paddedLower = sticky }
            if upper <= sticky && paddedUpper > sticky { paddedUpper = sticky }
        }
        return AxisModel(lower: paddedLower, upper: paddedUpper, scale: .linear)
    }

    /// Where `value` falls along the axis, 0 at `lower` and 1 at `upper`.
    func fraction(_ value: Double) -> Double {
        if scale == .log { return (log10(value) - log10(lower)) / (log10(upper) - log10(lower)) }
        return (value - lower) / (upper - lower)
    }

    /// True when `value` can be shown on this axis (finite, and positive on a log axis).
    func accepts(_ value: Double) -> Bool { value.isFinite && (scale == .linear || value > 0) }

    /// Ticks with at most `maxIntervals` steps, inside the view limits.
    func ticks(maxIntervals: Int) -> AxisTicks {
        if let categories {
            return AxisTicks(major: categories.indices.map(Double.init), labels: categories)
        }
        var ticks = scale == .log ? TickLocator.log(lower: lower, upper: upper, maxTicks: maxIntervals + 1)
            : TickLocator.linear(lower: lower, upper: upper, maxIntervals: maxIntervals, integersOnly: integerTicks)
        let inside = ticks.major.indices.filter { ticks.major[$0] >= min(lower, upper) - 1e-9 * abs(upper - lower) && ticks.major[$0] <= max(lower, upper) + 1e-9 * abs(upper - lower) }
        ticks.major = inside.map { ticks.major[$0] }
        ticks.labels = inside.map { ticks.labels[$0] }
        return ticks
    }
}

/// Maps data values to pixels of the plot area's layer (origin at the plot's top-left corner).
struct PlotMapping {
    /// Size of the plot area in pixels.
    let width: Double, height: Double
    let x: AxisModel, y: AxisModel
    /// Pixels per point, for line widths and marker sizes.
    let scale: Double

    /// The horizontal pixel of x value `v`.
    func px(_ v: Double) -> Double {
        let f = x.fraction(v)
        return (x.inverted ? 1 - f : f) * width
    }

    /// The vertical pixel of y value `v` (values grow upwards unless the axis is inverted).
    func py(_ v: Double) -> Double {
        let f = y.fraction(v)
        return (y.inverted ? f : 1 - f) * height
    }

    /// The pixel of data point (x, y).
    func point(_ x: Double, _ y: Double) -> Point { Point(px(x), py(y)) }
}

/// What a legend entry shows beside its label.
enum LegendSwatch {
    case line(color: Color, style: LineStyle, width: Double, marker: MarkerShape?)
    case patch(Color)
    case marker(MarkerShape, Color)
}

/// One row of a legend.
struct LegendEntry {
    var label: String
    var swatch: LegendSwatch
}

/// A colour scale shown beside the plot.
struct ColorbarModel {
    var colormap: Colormap
    var lower: Double, upper: Double
    var label: String?
}

/// A chart reduced to what the renderer needs: two axes, legend entries, an optional colorbar,
/// the count of skipped values, and a function drawing the data onto the plot area.
struct PreparedPlot {
    var x: AxisModel, y: AxisModel
    var legend: [LegendEntry] = []
    var colorbar: ColorbarModel?
    var skipped = SkippedValues()
    var grid = true
    var draw: (inout Canvas, PlotMapping) -> Void
}

/// Checks values against axes and counts what must be skipped.
struct ValueFilter {
    let x: AxisScale, y: AxisScale
    var skipped = SkippedValues()

    /// True when (x, y) can be drawn; otherwise counts why not.
    mutating func accepts(_ xv: Double, _ yv: Double) -> Bool {
        guard xv.isFinite && yv.isFinite else { skipped.nonFinite += 1; return false }
        guard (x == .linear || xv > 0) && (y == .linear || yv > 0) else { skipped.nonPositiveOnLogAxis += 1; return false }
        return true
    }

    /// True when a value on the y axis can be drawn; otherwise counts why not.
    mutating func acceptsY(_ value: Double) -> Bool { accepts(x == .log ? 1 : 0, value) }
}

/// The name of series `index` in messages: its label when it has one.
func seriesName(_ kind: String, _ label: String?, _ index: Int) -> String {
    if let label, !label.isEmpty { return "\(kind) series '\(label)'" }
    return "\(kind) series \(index + 1)"
}
