import Plot

/// One way `plot KIND NAME` can draw an object: the KIND word, what it shows, and a function
/// building the figure (called only when that plot is asked for).
///
/// The function returns the Plot library's own `Chart`: its `content` (line series with bands,
/// scatter coloured by value or split in groups, histogram with bins and density, heatmap with
/// row and column labels, grouped bars with error bars) and the defaults the object suggests —
/// title, axis labels, log axes, colormap (e.g. `.coolwarm` for correlations, which diverging
/// maps centre on 0; `.magma` for probabilities), colorbar label, legend. The `plot` verb then
/// applies what the user wrote (`title=`, `xlabel=`, `ylabel=`, `log=`, `cmap=`, `bins=`,
/// `density=`, `width=`, `height=`, `scale=`), renders, and writes the PNG; the size and font
/// of the returned chart are the verb's to set.
///
///     public var plotForms: [PlotForm] {
///         [PlotForm(kind: "loss", summary: "training loss by step") {
///             var chart = Chart(.line([LineSeries(label: "MSE", x: steps, y: mse)]),
///                               title: "SAE training loss", xLabel: "step", yLabel: "MSE")
///             chart.yScale = .log
///             return chart
///         }]
///     }
///
/// A form that chooses its data from options (the table forms: `x=COL y=COL group=COL error=COL color=COL`) lists
/// them in `selectors` and reads them from the `PlotSelection` it is given; writing a selector
/// a form does not list is an error, so no option is silently ignored.
public struct PlotForm {
    /// The word after `plot`, e.g. `loss`, `layers`, `heatmap`.
    public let kind: String
    /// What the plot shows, for `help plot`, completion and did-you-mean errors.
    public let summary: String
    /// The data-choosing options of `plot` this form reads (none for most forms).
    public let selectors: Set<PlotSelector>
    private let make: (PlotSelection) throws -> Chart

    /// Declares a plot form that needs no options to choose its data.
    /// - Parameters:
    ///   - kind: the word after `plot`.
    ///   - summary: what the plot shows, in a few words.
    ///   - chart: builds the chart with the object's suggested title, labels and scales; throw
    ///     `ShellError` or `PlotError` when there is nothing to draw.
    public init(kind: String, summary: String, chart: @escaping () throws -> Chart) {
        self.kind = kind
        self.summary = summary
        selectors = []
        make = { _ in try chart() }
    }

    /// Declares a plot form that reads `selectors` (e.g. `[.x, .y, .group]`) to choose its data.
    public init(kind: String, summary: String, selecting selectors: Set<PlotSelector>,
                chart: @escaping (PlotSelection) throws -> Chart) {
        self.kind = kind
        self.summary = summary
        self.selectors = selectors
        make = chart
    }

    /// The chart for `selection`, with the object's suggested labels and scales.
    /// - Throws: what the form's function throws (`ShellError`, `PlotError`, `FormatError`).
    public func chart(for selection: PlotSelection = PlotSelection()) throws -> Chart {
        try make(selection)
    }
}

/// The options of `plot` that choose which data of an object to draw (as opposed to how).
public enum PlotSelector: String, CaseIterable, Sendable {
    /// `x=NAME`: what goes along the x axis.
    case x
    /// `y=NAME` or `y=[A, B]`: what goes up the y axis (several names make several series).
    case y
    /// `group=NAME`: splits the data into one series per distinct value.
    case group
    /// `error=NAME` or `error=[A, B]`: error half-widths, one per `y` (bars get error bars,
    /// lines a shaded band of ± error).
    case error
    /// `color=NAME`: a value per point mapped through the colormap (scatter).
    case color
}

/// The data-choosing options written in a `plot` statement (nil or empty when not written).
public struct PlotSelection: Sendable, Equatable {
    /// `x=`.
    public var x: String?
    /// `y=`, in the order written.
    public var y: [String]
    /// `group=`.
    public var group: String?
    /// `error=`, in the order written.
    public var error: [String]
    /// `color=`.
    public var color: String?

    /// A selection; all empty by default.
    public init(x: String? = nil, y: [String] = [], group: String? = nil, error: [String] = [], color: String? = nil) {
        self.x = x
        self.y = y
        self.group = group
        self.error = error
        self.color = color
    }

    /// The selectors written.
    public var given: Set<PlotSelector> {
        var given: Set<PlotSelector> = []
        if x != nil { given.insert(.x) }
        if !y.isEmpty { given.insert(.y) }
        if group != nil { given.insert(.group) }
        if !error.isEmpty { given.insert(.error) }
        if color != nil { given.insert(.color) }
        return given
    }
}
