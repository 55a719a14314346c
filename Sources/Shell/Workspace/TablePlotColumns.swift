import Formats

/// The columns of a table as the table plot forms choose them: by name for a selector, with
/// did-you-mean errors listing the columns, numbers where numbers are needed, and rows split
/// into groups by a column's values.
struct TablePlotColumns {
    /// A set of rows sharing one value of the `group=` column.
    struct Group {
        /// The legend text for the group (nil when there is no `group=`).
        var label: String?
        /// The rows of the group, in table order.
        var rows: [Int]
    }

    let table: Table

    /// Names of the numeric columns, in table order.
    var numericNames: [String] { zip(table.names, table.columns).filter { $0.1.isNumeric }.map(\.0) }
    /// Names of the text columns, in table order.
    var textNames: [String] { zip(table.names, table.columns).filter { !$0.1.isNumeric }.map(\.0) }

    /// - Throws: `ShellError` when the table has no rows or no columns.
    func requireRows() throws {
        guard table.rowCount > 0, !table.columns.isEmpty else {
            throw ShellError(.failed("the table has no rows to plot (\(table.sizeDescription))"))
        }
    }

    /// The column `name`, for `selector`.
    /// - Throws: `PlotSelectionError.unknown` naming the nearest column and listing them all.
    func column(_ name: String, for selector: PlotSelector) throws -> Table.Column {
        guard let index = table.names.firstIndex(of: name) else {
            throw PlotSelectionError(selector, .unknown(name: name, what: "column", known: table.names))
        }
        return table.columns[index]
    }

    /// The numbers of column `name`, for `selector`.
    /// - Throws: `PlotSelectionError` when there is no such column or it holds text.
    func numbers(_ name: String, for selector: PlotSelector) throws -> [Double] {
        guard case let .numbers(values) = try column(name, for: selector) else {
            let numeric = numericNames
            let listed = numeric.isEmpty ? "the table has none" : "the numeric columns are \(numeric.joined(separator: ", "))"
            throw PlotSelectionError(selector, .unusable(name: name, reason: "is a text column; \(selector.rawValue)= needs numbers (\(listed))"))
        }
        return values
    }

    /// The cells of column `name` as labels: text as read, numbers formatted, missing as "nan".
    func labels(_ name: String, for selector: PlotSelector) throws -> [String] {
        switch try column(name, for: selector) {
        case let .strings(values): return values
        case let .numbers(values): return values.map { Format.number($0) }
        }
    }

    /// Numeric columns for `selector`: the names given, or `defaults` when none were given.
    /// - Throws: `PlotSelectionError` for an unknown or text column, or when nothing is left.
    func numericColumns(_ given: [String], for selector: PlotSelector, defaults: [String]) throws -> [(name: String, values: [Double])] {
        let names = given.isEmpty ? defaults : given
        guard !names.isEmpty else {
            let reason = numericNames.isEmpty ? "the table has no numeric column to plot"
                : "there is no numeric column left to plot; name one with \(selector.rawValue)="
            throw PlotSelectionError(selector, .invalid(reason: reason))
        }
        return try names.map { ($0, try numbers($0, for: selector)) }
    }

    /// Error columns paired with the `y` columns (one each), or nil when none were given.
    func errorColumns(_ given: [String], pairedWith y: [String]) throws -> [[Double]]? {
        guard !given.isEmpty else { return nil }
        guard given.count == y.count else {
            throw PlotSelectionError(.error, .invalid(reason: "names \(given.count) column\(given.count == 1 ? "" : "s") for \(y.count) y= column\(y.count == 1 ? "" : "s"); give one error column per y column"))
        }
        return try given.map { try numbers($0, for: .error) }
    }

    /// The rows split by the values of column `name` in order of first appearance (one group of
    /// every row when `name` is nil). Numeric groups are labelled `name=value`, missing numbers
    /// `name=nan`, empty text `(empty)`.
    func groups(_ name: String?) throws -> [Group] {
        guard let name else { return [Group(label: nil, rows: Array(0..<table.rowCount))] }
        let column = try column(name, for: .group)
        let values = try labels(name, for: .group)
        var order: [String] = []
        var rows: [String: [Int]] = [:]
        for (row, value) in values.enumerated() {
            if rows[value] == nil { order.append(value) }
            rows[value, default: []].append(row)
        }
        return order.map { value in
            Group(label: column.isNumeric ? "\(name)=\(value)" : (value.isEmpty ? "(empty)" : value), rows: rows[value] ?? [])
        }
    }
}

extension Array where Element == Double {
    /// The elements at `rows`.
    func picking(_ rows: [Int]) -> [Double] { rows.map { self[$0] } }
}
