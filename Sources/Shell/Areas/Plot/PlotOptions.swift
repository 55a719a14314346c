import Plot

/// `log=`: which axes are logarithmic.
enum LogAxes: String, ChoiceValue {
    case x, y, xy, none

    /// The scales of the x and y axes.
    var scales: (x: AxisScale, y: AxisScale) {
        switch self {
        case .x: return (.log, .linear)
        case .y: return (.linear, .log)
        case .xy: return (.log, .log)
        case .none: return (.linear, .linear)
        }
    }
}

extension LegendMode: ChoiceValue {}

/// The options of `plot`: how the figure looks (applied to the chart the object suggests) and
/// which data the object draws (its `PlotSelection`).
enum PlotOptions {
    static let title = Option.string("title", help: "the title (default: what the object suggests; \"\" for none)")
    static let xLabel = Option.string("xlabel", help: "the x-axis label (default: the object's)")
    static let yLabel = Option.string("ylabel", help: "the y-axis label (default: the object's)")
    static let colorbarLabel = Option.string("clabel", help: "the colorbar label (default: the object's)")
    static let log = Option.choice("log", LogAxes.self, help: "logarithmic axes (default: what the object suggests, usually none)")
    static let colormap = Option.string("cmap", help: "viridis, magma or coolwarm, _r reverses (default: the object's, else viridis)")
    static let legend = Option.choice("legend", default: LegendMode.automatic, help: "legend: automatic (two or more labelled series), shown or hidden")
    static let bins = Option.custom("bins", valueLabel: "auto|INT|[EDGE,...]", expected: "auto, a number of bins or a list of bin edges",
                                    default: HistogramBins?.none, defaultText: "the object's, usually auto",
                                    help: "histogram bins: auto (numpy's rule), a count, or edges") { try convertBins($0) }
    static let density = Option.flag("density", default: false, help: "histograms: scale each series to integrate to 1")
    static let width = Option.number("width", default: 640, range: .between(160, 10_000), help: "figure width in points")
    static let height = Option.number("height", default: 480, range: .between(120, 10_000), help: "figure height in points")
    static let scale = Option.number("scale", default: 1, range: .between(0.5, 8), help: "pixels per point (2 for high-DPI screens)")

    static let x = Option.string("x", help: "what goes along the x axis, e.g. a column of a table")
    static let y = Option.custom("y", valueLabel: "NAME|[NAME,...]", expected: "a name or a list of names", default: [String](),
                                 defaultText: "chosen by the object", help: "what goes up the y axis; several names make several series") {
        try Convert.list($0) { try Convert.string($0, label: "y=") }
    }
    static let group = Option.string("group", help: "split the data into one series per distinct value of this column")
    static let error = Option.custom("error", valueLabel: "NAME|[NAME,...]", expected: "a name or a list of names", default: [String](),
                                     defaultText: "none", help: "error half-widths, one per y: error bars on bars, a ± band on lines") {
        try Convert.list($0) { try Convert.string($0, label: "error=") }
    }
    static let color = Option.string("color", help: "scatter: colour each point by this value (with a colorbar)")

    /// Every option, in help order.
    static let all: [any ParameterDeclaration] = [title, xLabel, yLabel, log, colormap, colorbarLabel, legend, bins, density, width, height, scale,
                                                  x, y, group, error, color]

    /// The data-choosing options written.
    static func selection(_ arguments: Arguments) throws -> PlotSelection {
        PlotSelection(x: try arguments[x], y: try arguments[y], group: try arguments[group], error: try arguments[error],
                      color: try arguments[color])
    }

    /// Where the option for `selector` was written.
    static func span(of selector: PlotSelector, in arguments: Arguments) -> SourceSpan? {
        switch selector {
        case .x: return arguments.span(of: x)
        case .y: return arguments.span(of: y)
        case .group: return arguments.span(of: group)
        case .error: return arguments.span(of: error)
        case .color: return arguments.span(of: color)
        }
    }

    private static func convertBins(_ value: SyntaxValue) throws -> HistogramBins? {
        if case .list = value.kind {
            let edges = try Convert.list(value) { try Convert.number($0, label: "bins=", bounds: nil) }
            guard edges.count >= 2, zip(edges, edges.dropFirst()).allSatisfy({ $0 < $1 }) else {
                throw ShellError(.invalidArgument(parameter: "bins=", reason: "edges must be at least two strictly increasing numbers"), at: value.span)
            }
            return .edges(edges)
        }
        if value.text == "auto" { return .automatic }
        guard case .number = value.kind else {
            throw ShellError(.wrongType(parameter: "bins=", expected: "auto, a number of bins or a list of bin edges", found: value.description), at: value.span)
        }
        return .count(try Convert.integer(value, label: "bins=", bounds: .between(1, 10_000)))
    }
}
