import Foundation

/// The kinds of chart there are.
public enum ChartKind: String, CaseIterable, Sendable {
    case line, scatter, histogram, heatmap, bar

    /// The kind a user typed ("line", "scatter", "histogram" or "hist", "heatmap", "bar").
    /// - Throws: `PlotError.unknownName` listing the kinds.
    public init(parsing text: String) throws {
        let lowered = text.lowercased()
        guard let kind = ChartKind(rawValue: lowered == "hist" ? "histogram" : lowered) else {
            throw PlotError.unknownName(kind: "chart kind", name: text, known: ChartKind.allCases.map(\.rawValue))
        }
        self = kind
    }
}

/// What a chart shows: one case per kind, each with its data.
public enum ChartContent: Sendable {
    /// Lines through (x, y) points, one per series, with optional shaded bands.
    case line([LineSeries])
    /// Points, one colour per series or coloured by a value.
    case scatter([ScatterSeries])
    /// Counts (or densities) of values in bins.
    case histogram(Histogram)
    /// A matrix as coloured cells.
    case heatmap(Heatmap)
    /// Bars by category, grouped by series, with optional error bars.
    case bar(BarChartData)

    /// The kind of chart this content makes.
    public var kind: ChartKind {
        switch self {
        case .line: return .line
        case .scatter: return .scatter
        case .histogram: return .histogram
        case .heatmap: return .heatmap
        case .bar: return .bar
        }
    }
}

/// The size of a figure: width and height in points and the pixels per point. At scale 1 a
/// point is a pixel (the default 640 × 480 matches matplotlib's default figure at 100 dpi);
/// scale 2 gives the same figure with twice the pixels in each direction for high-DPI screens.
public struct FigureSize: Hashable, Sendable {
    /// Width and height in points.
    public var width: Double, height: Double
    /// Pixels per point.
    public var scale: Double

    /// A size of `width × height` points at `scale` pixels per point.
    public init(width: Double = 640, height: Double = 480, scale: Double = 1) {
        self.width = width
        self.height = height
        self.scale = scale
    }

    /// Width in pixels.
    public var pixelWidth: Int { Int((width * scale).rounded()) }
    /// Height in pixels.
    public var pixelHeight: Int { Int((height * scale).rounded()) }

    /// Checks the size is one a figure can be drawn at.
    /// - Throws: `PlotError.invalidOption` naming the bad option.
    public func validate() throws {
        guard width.isFinite, (160...10_000).contains(width) else {
            throw PlotError.invalidOption(name: "width", value: "\(width)", reason: "the width must be 160 to 10000 points")
        }
        guard height.isFinite, (120...10_000).contains(height) else {
            throw PlotError.invalidOption(name: "height", value: "\(height)", reason: "the height must be 120 to 10000 points")
        }
        guard scale.isFinite, (0.5...8).contains(scale) else {
            throw PlotError.invalidOption(name: "scale", value: "\(scale)", reason: "the scale must be 0.5 to 8 pixels per point")
        }
        guard pixelWidth * pixelHeight <= 100_000_000 else {
            throw PlotError.invalidOption(name: "scale", value: "\(scale)", reason: "\(pixelWidth)×\(pixelHeight) pixels is more than 100 megapixels")
        }
    }
}

/// Whether the chart shows a legend.
public enum LegendMode: String, CaseIterable, Sendable {
    /// When at least two entries have labels.
    case automatic
    /// Whenever any entry has a label.
    case shown
    /// Never.
    case hidden
}

/// A complete description of one figure. Build it (a shell command fills it from options),
/// call `render()`, write the result with `writePNG(to:metadata:)`.
public struct Chart: Sendable {
    /// The data and the kind of chart.
    public var content: ChartContent
    /// Title above the plot, and labels of the axes.
    public var title: String?, xLabel: String?, yLabel: String?
    /// Linear or logarithmic axes (non-positive values on a log axis are skipped and counted).
    public var xScale: AxisScale = .linear, yScale: AxisScale = .linear
    /// The colormap for heatmaps and value-coloured scatters (viridis when nil).
    public var colormap: Colormap?
    /// The label beside the colorbar.
    public var colorbarLabel: String?
    /// Size and resolution.
    public var size = FigureSize()
    /// Legend visibility (placed where it hides the least data).
    public var legend: LegendMode = .automatic
    /// Values the y axis always spans besides the data (line charts), e.g. `[0, 1]` for a
    /// fraction that happens to be constant.
    public var yIncludes: [Double] = []
    /// Light grid lines at the major ticks.
    public var grid = true
    /// The font for all text.
    public var font: FontChoice = .automatic

    /// A chart of `content` with the given labels; everything else at its default.
    public init(_ content: ChartContent, title: String? = nil, xLabel: String? = nil, yLabel: String? = nil) {
        self.content = content
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
    }

    /// The kind of chart.
    public var kind: ChartKind { content.kind }
}

/// Values a chart could not draw and left out, by reason; a shell prints `summary`.
public struct SkippedValues: Hashable, Sendable {
    /// Points or values that were NaN or ±infinity.
    public var nonFinite = 0
    /// Points with a zero or negative coordinate on a log axis.
    public var nonPositiveOnLogAxis = 0
    /// Histogram values outside the given bin edges.
    public var outsideBins = 0

    /// All skipped values.
    public var total: Int { nonFinite + nonPositiveOnLogAxis + outsideBins }

    /// One line for the user, or nil when nothing was skipped.
    public var summary: String? {
        var parts: [String] = []
        if nonFinite > 0 { parts.append("\(nonFinite) NaN/infinite") }
        if nonPositiveOnLogAxis > 0 { parts.append("\(nonPositiveOnLogAxis) non-positive (log axis)") }
        if outsideBins > 0 { parts.append("\(outsideBins) outside the bin edges") }
        return parts.isEmpty ? nil : "skipped " + parts.joined(separator: ", ") + " value\(total == 1 ? "" : "s")"
    }

    static func + (a: SkippedValues, b: SkippedValues) -> SkippedValues {
        SkippedValues(nonFinite: a.nonFinite + b.nonFinite, nonPositiveOnLogAxis: a.nonPositiveOnLogAxis + b.nonPositiveOnLogAxis,
                      outsideBins: a.outsideBins + b.outsideBins)
    }
}

/// A rendered figure and what was left out of it.
public struct RenderedChart: Sendable {
    /// The pixels.
    public let canvas: Canvas
    /// Values skipped because they could not be drawn.
    public let skipped: SkippedValues
    /// Boxes of the text (and legend) drawn around the plot, for layout checks.
    let textBoxes: [PixelRect]

    /// Writes the figure as a PNG file (atomically), with `metadata` in text chunks.
    /// - Throws: `PlotError.cannotWrite`, `PlotError.pngEncodingFailed`, `PlotError.invalidMetadata`.
    public func writePNG(to url: URL, metadata: PNGMetadata = PNGMetadata(), compression: PNGCompression = .fast) throws {
        try canvas.writePNG(to: url, metadata: metadata, compression: compression)
    }
}
