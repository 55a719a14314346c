/// One way `plot KIND NAME` can draw an object: the KIND word, what it shows, and a function
/// producing the data (called only when that plot is asked for).
///
/// The Plot module turns `PlotData` into a figure; objects only say what their data is.
public struct PlotForm {
    /// The word after `plot`, e.g. `loss`, `layers`, `heatmap`.
    public let kind: String
    /// What the plot shows, for `help plot` and completion.
    public let summary: String
    /// Builds the data to draw.
    public let data: () throws -> PlotData

    /// Declares a plot form.
    public init(kind: String, summary: String, data: @escaping () throws -> PlotData) {
        self.kind = kind
        self.summary = summary
        self.data = data
    }
}

/// Plot-ready data, independent of how it is drawn.
public enum PlotData {
    /// Lines over a shared x axis: one `y` array per named series, each as long as `x`.
    case lines(x: [Double], series: [(name: String, y: [Double])], xLabel: String, yLabel: String)
    /// One bar per label.
    case bars(labels: [String], values: [Double], valueLabel: String)
    /// A matrix of values (row-major, `rows × columns`) with optional axis labels.
    case heatmap(rows: Int, columns: Int, values: [Double], rowLabels: [String], columnLabels: [String], valueLabel: String)
    /// Points, optionally grouped by a label per point.
    case scatter(x: [Double], y: [Double], groups: [String]?, xLabel: String, yLabel: String)
    /// The distribution of a sample.
    case histogram(values: [Double], valueLabel: String)
}
