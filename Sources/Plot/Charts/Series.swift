import Tensors

/// How a line is drawn.
public enum LineStyle: String, CaseIterable, Sendable {
    case solid, dashed, dotted
}

/// One line of a line chart.
public struct LineSeries: Sendable {
    /// The legend entry (no entry when nil).
    public var label: String?
    /// Horizontal positions; nil means 0, 1, 2, ...
    public var x: [Double]?
    /// Vertical positions (a NaN breaks the line).
    public var y: [Double]
    /// A shaded band from `lower` to `upper` (e.g. a confidence interval), one value per point.
    public var lower: [Double]?, upper: [Double]?
    /// Solid, dashed or dotted (nil: solid, or dashed once the colour cycle has been used up).
    public var style: LineStyle?
    /// A marker at every point, or none.
    public var marker: MarkerShape?
    /// The colour (nil: the next colour of `ColorCycle`).
    public var color: Color?
    /// Line width in points.
    public var width: Double = 1.75

    /// A series through (x[i], y[i]) (or (i, y[i]) without x), with an optional band.
    public init(label: String? = nil, x: [Double]? = nil, y: [Double], lower: [Double]? = nil, upper: [Double]? = nil,
                style: LineStyle? = nil, marker: MarkerShape? = nil, color: Color? = nil) {
        self.label = label
        self.x = x
        self.y = y
        self.lower = lower
        self.upper = upper
        self.style = style
        self.marker = marker
        self.color = color
    }
}

/// One set of points of a scatter chart.
public struct ScatterSeries: Sendable {
    /// The legend entry (no entry when nil).
    public var label: String?
    /// Positions of the points.
    public var x: [Double], y: [Double]
    /// A value per point mapped through the chart's colormap (with a colorbar), or nil.
    public var values: [Double]?
    /// Marker shape.
    public var marker: MarkerShape = .circle
    /// Marker diameter in points.
    public var markerSize: Double = 6
    /// Opacity 0...1 (nil: opaque for a few points, more transparent the more there are).
    public var alpha: Double?
    /// The colour when not coloured by value (nil: the next colour of `ColorCycle`).
    public var color: Color?

    /// Points (x[i], y[i]), optionally coloured by `values[i]`.
    public init(label: String? = nil, x: [Double], y: [Double], values: [Double]? = nil, marker: MarkerShape = .circle,
                markerSize: Double = 6, alpha: Double? = nil, color: Color? = nil) {
        self.label = label
        self.x = x
        self.y = y
        self.values = values
        self.marker = marker
        self.markerSize = markerSize
        self.alpha = alpha
        self.color = color
    }
}

/// How histogram bins are chosen.
public enum HistogramBins: Hashable, Sendable {
    /// numpy's "auto" rule: the finer of Sturges and Freedman–Diaconis (at most 1000 bins).
    case automatic
    /// This many equal bins spanning the data.
    case count(Int)
    /// These edges (strictly increasing; the last bin includes its right edge).
    case edges([Double])
}

/// The data of one histogram series.
public struct HistogramSeries: Sendable {
    /// The legend entry (no entry when nil).
    public var label: String?
    /// The values to count.
    public var values: [Double]
    /// The colour (nil: the next colour of `ColorCycle`).
    public var color: Color?

    /// A series of values to count.
    public init(label: String? = nil, values: [Double], color: Color? = nil) {
        self.label = label
        self.values = values
        self.color = color
    }
}

/// A histogram of one or more series over shared bins (several series overlap translucently).
public struct Histogram: Sendable {
    /// The series.
    public var series: [HistogramSeries]
    /// The bins, shared by all series.
    public var bins: HistogramBins
    /// Divide counts so each series integrates to 1.
    public var density: Bool

    /// A histogram of several series.
    public init(series: [HistogramSeries], bins: HistogramBins = .automatic, density: Bool = false) {
        self.series = series
        self.bins = bins
        self.density = density
    }

    /// A histogram of one set of values.
    public init(values: [Double], bins: HistogramBins = .automatic, density: Bool = false) {
        self.init(series: [HistogramSeries(values: values)], bins: bins, density: density)
    }
}

/// A matrix drawn as coloured cells, row 0 at the top.
public struct Heatmap: Sendable {
    /// Size of the matrix.
    public var rows: Int, columns: Int
    /// The values, row-major (`rows × columns` of them; NaN cells are left blank).
    public var values: [Double]
    /// Names of rows and columns, shown when there are few enough to read (else indices).
    public var rowLabels: [String]?, columnLabels: [String]?
    /// The values mapped to the ends of the colormap (nil: the data range; for a diverging
    /// colormap, symmetric around 0).
    public var valueRange: ClosedRange<Double>?

    /// A heatmap of a `rows × columns` row-major matrix.
    public init(rows: Int, columns: Int, values: [Double], rowLabels: [String]? = nil, columnLabels: [String]? = nil) {
        self.rows = rows
        self.columns = columns
        self.values = values
        self.rowLabels = rowLabels
        self.columnLabels = columnLabels
    }

    /// A heatmap of a matrix.
    public init(_ matrix: Matrix, rowLabels: [String]? = nil, columnLabels: [String]? = nil) {
        self.init(rows: matrix.rows, columns: matrix.columns, values: matrix.values, rowLabels: rowLabels, columnLabels: columnLabels)
    }
}

/// One series of a bar chart: a value (and optionally an error) per category.
public struct BarSeries: Sendable {
    /// The legend entry (no entry when nil).
    public var label: String?
    /// One value per category (NaN leaves the bar out).
    public var values: [Double]
    /// Half-lengths of symmetric error bars, one per category, or nil.
    public var errors: [Double]?
    /// The colour (nil: the next colour of `ColorCycle`).
    public var color: Color?

    /// A series of bar heights with optional error bars.
    public init(label: String? = nil, values: [Double], errors: [Double]? = nil, color: Color? = nil) {
        self.label = label
        self.values = values
        self.errors = errors
        self.color = color
    }
}

/// Bars grouped by category: each category has one bar per series, side by side.
public struct BarChartData: Sendable {
    /// The category names along the x axis.
    public var categories: [String]
    /// The series.
    public var series: [BarSeries]

    /// Bars for `categories`, one per series in each.
    public init(categories: [String], series: [BarSeries]) {
        self.categories = categories
        self.series = series
    }
}
