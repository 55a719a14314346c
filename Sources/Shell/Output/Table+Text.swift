import Formats

extension Table {
    /// The table as aligned text: numeric columns right-aligned, numbers through `Format.number`,
    /// missing numbers (NaN) as `nan`.
    public func textTable() -> TextTable { textTable(rows: 0..<rowCount) }

    /// The rows `rows` as aligned text, as `textTable()` formats them.
    public func textTable(rows: Range<Int>) -> TextTable {
        let alignments = columns.map { $0.isNumeric ? TextTable.Alignment.right : .left }
        var text = TextTable(headers: names, alignments: alignments)
        for row in rows.clamped(to: 0..<rowCount) {
            text.append(columns.map { column in
                switch column {
                case let .numbers(values): return Format.number(values[row])
                case let .strings(values): return values[row]
                }
            })
        }
        return text
    }

    /// `3 rows × 2 columns`.
    public var sizeDescription: String {
        "\(Format.count(rowCount, "row")) × \(Format.count(columns.count, "column"))"
    }
}

extension Output {
    /// Prints a result table (numbers formatted by `Format.number`).
    public func print(_ table: Table) { print(table.textTable()) }
}
