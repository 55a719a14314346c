import Formats
import Plot

/// The plots of a table: `plot line|scatter|hist|bar|heatmap TABLE x=COL y=COL group=COL ...`.
/// Each form picks columns by the selectors written, or by defaults a researcher would expect
/// (stated in each form's summary), and suggests the table's title and the column names as labels.
extension TableObject {
    /// The five table forms.
    static func plotForms(_ table: Table, title: String) -> [PlotForm] {
        let columns = TablePlotColumns(table: table)
        return [
            PlotForm(kind: "line", summary: "y columns (default: every numeric one) against x (default: the first column when numeric, else the row index)",
                     selecting: [.x, .y, .group, .error]) { try lineChart(columns, title: title, $0) },
            PlotForm(kind: "scatter", summary: "y against x (default: the first two numeric columns), coloured by color= or split by group=",
                     selecting: [.x, .y, .group, .color]) { try scatterChart(columns, title: title, $0) },
            PlotForm(kind: "hist", summary: "the distribution of the x= or y= columns (default: the first numeric column)",
                     selecting: [.x, .y, .group]) { try histogramChart(columns, title: title, $0) },
            PlotForm(kind: "bar", summary: "y columns (default: every numeric one) by the categories of x (default: the first text column, else the row index)",
                     selecting: [.x, .y, .group, .error]) { try barChart(columns, title: title, $0) },
            PlotForm(kind: "heatmap", summary: "the y columns (default: every numeric one) as a matrix, rows labelled by x (default: the first text column)",
                     selecting: [.x, .y]) { try heatmapChart(columns, title: title, $0) },
        ]
    }

    /// Legend text for column `y` of group `group` when there are `yCount` y columns.
    private static func seriesLabel(_ y: String, _ group: String?, yCount: Int) -> String? {
        guard let group else { return yCount > 1 ? y : nil }
        return yCount > 1 ? "\(y), \(group)" : group
    }

    /// Numeric columns other than those already used by `used`.
    private static func remainingNumeric(_ columns: TablePlotColumns, excluding used: [String?]) -> [String] {
        columns.numericNames.filter { !used.contains($0) }
    }

    static func lineChart(_ columns: TablePlotColumns, title: String, _ selection: PlotSelection) throws -> Chart {
        try columns.requireRows()
        let firstName = columns.table.names[0]
        let defaultX = columns.numericNames.first == firstName && columns.numericNames.count > 1 ? firstName : nil
        let xName = selection.x ?? defaultX
        let x = try xName.map { try columns.numbers($0, for: .x) }
        let ys = try columns.numericColumns(selection.y, for: .y,
                                            defaults: remainingNumeric(columns, excluding: [xName, selection.group] + selection.error))
        let errors = try columns.errorColumns(selection.error, pairedWith: ys.map(\.name))
        var series: [LineSeries] = []
        for (index, y) in ys.enumerated() {
            for group in try columns.groups(selection.group) {
                let values = y.values.picking(group.rows)
                let error = errors?[index].picking(group.rows)
                series.append(LineSeries(label: seriesLabel(y.name, group.label, yCount: ys.count), x: x?.picking(group.rows) ?? group.rows.map(Double.init),
                                         y: values, lower: error.map { zip(values, $0).map { $0 - $1 } },
                                         upper: error.map { zip(values, $0).map { $0 + $1 } }))
            }
        }
        return Chart(.line(series), title: title, xLabel: xName ?? "row index", yLabel: ys.count == 1 ? ys[0].name : nil)
    }

    static func scatterChart(_ columns: TablePlotColumns, title: String, _ selection: PlotSelection) throws -> Chart {
        try columns.requireRows()
        let numeric = columns.numericNames
        guard let xName = selection.x ?? numeric.first else {
            throw PlotSelectionError(.x, .invalid(reason: "has no numeric column to take by default: the table has none"))
        }
        let x = try columns.numbers(xName, for: .x)
        let defaultY = remainingNumeric(columns, excluding: [xName, selection.group, selection.color]).prefix(1)
        let ys = try columns.numericColumns(selection.y, for: .y, defaults: Array(defaultY))
        let colors = try selection.color.map { try columns.numbers($0, for: .color) }
        var series: [ScatterSeries] = []
        for y in ys {
            for group in try columns.groups(selection.group) {
                series.append(ScatterSeries(label: seriesLabel(y.name, group.label, yCount: ys.count), x: x.picking(group.rows),
                                            y: y.values.picking(group.rows), values: colors?.picking(group.rows)))
            }
        }
        var chart = Chart(.scatter(series), title: title, xLabel: xName, yLabel: ys.count == 1 ? ys[0].name : nil)
        chart.colorbarLabel = selection.color
        return chart
    }

    static func histogramChart(_ columns: TablePlotColumns, title: String, _ selection: PlotSelection) throws -> Chart {
        try columns.requireRows()
        if selection.x != nil, !selection.y.isEmpty {
            throw PlotSelectionError(.y, .invalid(reason: "cannot be given with x= for a histogram: name the columns to count with one of them"))
        }
        let given = selection.x.map { [$0] } ?? selection.y
        let selector: PlotSelector = selection.x == nil ? .y : .x
        let values = try columns.numericColumns(given, for: selector, defaults: Array(remainingNumeric(columns, excluding: [selection.group]).prefix(1)))
        var series: [HistogramSeries] = []
        for column in values {
            for group in try columns.groups(selection.group) {
                series.append(HistogramSeries(label: seriesLabel(column.name, group.label, yCount: values.count), values: column.values.picking(group.rows)))
            }
        }
        return Chart(.histogram(Histogram(series: series)), title: title, xLabel: values.count == 1 ? values[0].name : "value", yLabel: "count")
    }
}
