extension TableObject {
    /// Numeric columns as lines against the first column when it is numeric, else the row index.
    static func lines(_ table: Table) throws -> PlotData {
        let numeric = table.columns.enumerated().compactMap { index, column in numbers(column).map { (index, column.name, $0) } }
        guard !numeric.isEmpty else { throw ShellError(.failed("the table has no numeric column to plot")) }
        var x = (0..<table.rowCount).map(Double.init)
        var xLabel = "row"
        var series = numeric
        if numeric.first?.0 == 0, numeric.count > 1 {
            x = numeric[0].2
            xLabel = numeric[0].1
            series.removeFirst()
        }
        return .lines(x: x, series: series.map { (name: $0.1, y: $0.2) }, xLabel: xLabel, yLabel: series.count == 1 ? series[0].1 : "value")
    }

    /// The first numeric column as bars labelled by the first text column (or the row number).
    static func bars(_ table: Table) throws -> PlotData {
        guard let column = table.columns.first(where: { numbers($0) != nil }), let values = numbers(column) else {
            throw ShellError(.failed("the table has no numeric column to plot"))
        }
        var labels = (0..<table.rowCount).map { String($0 + 1) }
        if let textColumn = table.columns.first(where: { if case .text = $0.values { return true } else { return false } }),
           case let .text(texts) = textColumn.values {
            labels = texts
        }
        return .bars(labels: labels, values: values, valueLabel: column.name)
    }

    private static func numbers(_ column: Table.Column) -> [Double]? {
        switch column.values {
        case let .numbers(values): return values
        case let .integers(values): return values.map(Double.init)
        case .text: return nil
        }
    }
}
