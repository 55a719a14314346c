import Formats

extension TableObject {
    /// Numeric columns as lines against the first column when it is numeric, else the row number.
    static func lines(_ table: Table) throws -> PlotData {
        let numeric = zip(table.names, table.columns).enumerated().compactMap { index, pair -> (Int, String, [Double])? in
            guard case let .numbers(values) = pair.1 else { return nil }
            return (index, pair.0, values)
        }
        guard !numeric.isEmpty else { throw ShellError(.failed("the table has no numeric column to plot")) }
        var x = (0..<table.rowCount).map { Double($0 + 1) }
        var xLabel = "row"
        var series = numeric
        if numeric[0].0 == 0, numeric.count > 1 {
            x = numeric[0].2
            xLabel = numeric[0].1
            series.removeFirst()
        }
        return .lines(x: x, series: series.map { (name: $0.1, y: $0.2) }, xLabel: xLabel, yLabel: series.count == 1 ? series[0].1 : "value")
    }

    /// The first numeric column as bars labelled by the first text column (or the row number).
    static func bars(_ table: Table) throws -> PlotData {
        guard let index = table.columns.firstIndex(where: \.isNumeric), case let .numbers(values) = table.columns[index] else {
            throw ShellError(.failed("the table has no numeric column to plot"))
        }
        var labels = (0..<table.rowCount).map { String($0 + 1) }
        if let text = table.columns.first(where: { !$0.isNumeric }), case let .strings(strings) = text { labels = strings }
        return .bars(labels: labels, values: values, valueLabel: table.names[index])
    }
}
