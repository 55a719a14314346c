import Formats
import Plot

extension TableObject {
    /// Bars of the y columns by the categories of x. Without `group=` each row is a category;
    /// with it the table is read in long form: categories are the distinct x values, one series
    /// per group value, one row per (category, group) pair.
    static func barChart(_ columns: TablePlotColumns, title: String, _ selection: PlotSelection) throws -> Chart {
        try columns.requireRows()
        let xName = selection.x ?? columns.textNames.first { $0 != selection.group }
        let ys = try columns.numericColumns(selection.y, for: .y,
                                            defaults: columns.numericNames.filter { ![xName, selection.group].contains($0) && !selection.error.contains($0) })
        let errors = try columns.errorColumns(selection.error, pairedWith: ys.map(\.name))
        let rowLabels = try xName.map { try columns.labels($0, for: .x) } ?? (0..<columns.table.rowCount).map(String.init)
        let data: BarChartData
        if let groupName = selection.group {
            guard xName != nil else {
                throw PlotSelectionError(.group, .invalid(reason: "needs x= naming the category column (the table has no text column to take by default)"))
            }
            data = try longFormBars(columns, categories: rowLabels, groupName: groupName, ys: ys, errors: errors)
        } else {
            let series = ys.enumerated().map { index, y in
                BarSeries(label: ys.count > 1 ? y.name : nil, values: y.values, errors: errors?[index])
            }
            data = BarChartData(categories: rowLabels, series: series)
        }
        return Chart(.bar(data), title: title, xLabel: xName, yLabel: ys.count == 1 ? ys[0].name : nil)
    }

    private static func longFormBars(_ columns: TablePlotColumns, categories rowCategories: [String], groupName: String,
                                     ys: [(name: String, values: [Double])], errors: [[Double]]?) throws -> BarChartData {
        var categories: [String] = []
        var categoryIndex: [String: Int] = [:]
        for label in rowCategories where categoryIndex[label] == nil {
            categoryIndex[label] = categories.count
            categories.append(label)
        }
        let groups = try columns.groups(groupName)
        var series: [BarSeries] = []
        for (yIndex, y) in ys.enumerated() {
            for group in groups {
                var values = [Double](repeating: .nan, count: categories.count)
                var halfWidths = [Double](repeating: .nan, count: categories.count)
                var filled = [Int?](repeating: nil, count: categories.count)
                for row in group.rows {
                    let category = categoryIndex[rowCategories[row]] ?? 0
                    if let earlier = filled[category] {
                        throw PlotSelectionError(.group, .invalid(reason: "leaves rows \(earlier + 1) and \(row + 1) in the same bar (\(rowCategories[row]), \(group.label ?? "")): a grouped bar chart needs one row per category and group"))
                    }
                    filled[category] = row
                    values[category] = y.values[row]
                    halfWidths[category] = errors?[yIndex][row] ?? .nan
                }
                series.append(BarSeries(label: ys.count > 1 ? "\(y.name), \(group.label ?? "")" : group.label,
                                        values: values, errors: errors == nil ? nil : halfWidths))
            }
        }
        return BarChartData(categories: categories, series: series)
    }

    /// The y columns as a matrix (one row per table row), rows labelled by x. Data with both
    /// signs gets the diverging coolwarm map centred on 0; other data viridis.
    static func heatmapChart(_ columns: TablePlotColumns, title: String, _ selection: PlotSelection) throws -> Chart {
        try columns.requireRows()
        let xName = selection.x ?? columns.textNames.first
        let ys = try columns.numericColumns(selection.y, for: .y, defaults: columns.numericNames.filter { $0 != xName })
        let rowLabels = try xName.map { try columns.labels($0, for: .x) }
        let rows = columns.table.rowCount
        var values = [Double](repeating: 0, count: rows * ys.count)
        for (column, y) in ys.enumerated() {
            for row in 0..<rows { values[row * ys.count + column] = y.values[row] }
        }
        let finite = values.filter(\.isFinite)
        let mixedSigns = finite.contains { $0 < 0 } && finite.contains { $0 > 0 }
        var chart = Chart(.heatmap(Heatmap(rows: rows, columns: ys.count, values: values, rowLabels: rowLabels, columnLabels: ys.map(\.name))),
                          title: title, yLabel: xName)
        chart.colormap = mixedSigns ? .coolwarm : .viridis
        return chart
    }
}
