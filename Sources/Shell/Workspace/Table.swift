/// A table of named columns: the common result of commands that measure things (metrics per
/// layer, scores per fold). It prints aligned, exports to CSV and JSON, and plots.
public struct Table: Sendable, Equatable {
    /// The cells of one column, all of one type.
    public enum Values: Sendable, Equatable {
        /// Real numbers (printed with `Format.number`, exported in full precision).
        case numbers([Double])
        /// Whole numbers.
        case integers([Int])
        /// Words and labels.
        case text([String])

        /// Number of cells.
        public var count: Int {
            switch self {
            case let .numbers(values): return values.count
            case let .integers(values): return values.count
            case let .text(values): return values.count
            }
        }
    }

    /// One named column.
    public struct Column: Sendable, Equatable {
        /// The header.
        public var name: String
        /// The cells.
        public var values: Values

        /// A column named `name` holding `values`.
        public init(_ name: String, _ values: Values) {
            self.name = name
            self.values = values
        }
    }

    /// The columns, left to right; all have `rowCount` cells.
    public let columns: [Column]

    /// A table of `columns`.
    /// - Throws: `ShellError` (`.internalError`) when the columns differ in length.
    public init(_ columns: [Column]) throws {
        if let first = columns.first, let odd = columns.first(where: { $0.values.count != first.values.count }) {
            throw ShellError(.internalError("table column '\(odd.name)' has \(odd.values.count) cells, '\(first.name)' has \(first.values.count)"))
        }
        self.columns = columns
    }

    /// Number of rows.
    public var rowCount: Int { columns.first?.values.count ?? 0 }

    /// The cell at `row` of `column` as printed: numbers through `Format.number`.
    public func displayCell(row: Int, column: Int) -> String {
        switch columns[column].values {
        case let .numbers(values): return Format.number(values[row])
        case let .integers(values): return String(values[row])
        case let .text(values): return values[row]
        }
    }

    /// The cell at `row` of `column` in full precision (shortest text that reads back exactly).
    public func exactCell(row: Int, column: Int) -> String {
        switch columns[column].values {
        case let .numbers(values): return values[row].isNaN ? "nan" : "\(values[row])"
        case let .integers(values): return String(values[row])
        case let .text(values): return values[row]
        }
    }

    /// The table as aligned text: numeric columns right-aligned.
    public func textTable() -> TextTable {
        let alignments = columns.map { column -> TextTable.Alignment in
            if case .text = column.values { return .left }
            return .right
        }
        var text = TextTable(headers: columns.map(\.name), alignments: alignments)
        for row in 0..<rowCount {
            text.append((0..<columns.count).map { displayCell(row: row, column: $0) })
        }
        return text
    }

    /// `3 rows × 2 columns`.
    public var sizeDescription: String {
        "\(Format.count(rowCount, "row")) × \(Format.count(columns.count, "column"))"
    }
}
