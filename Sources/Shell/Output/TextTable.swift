/// Aligned text tables for everything commands print: `ls`, `set`, metric tables, help indexes.
///
///     name  kind   shape  memory
///     ----  -----  -----  ------
///     acts  table  3 × 2    48 B
///
/// Columns are separated by two spaces; headers are underlined with dashes when present.
public struct TextTable: Sendable {
    /// How a column lines up its cells.
    public enum Alignment: Sendable {
        /// Text to the left (names, words).
        case left
        /// Text to the right (numbers, sizes).
        case right
    }

    /// Column titles (empty: a table without a header).
    public let headers: [String]
    /// Alignment of each column.
    public let alignments: [Alignment]
    /// The rows, each with one cell per column.
    public private(set) var rows: [[String]] = []

    /// A table with the given column titles; `alignments` defaults to left for every column.
    public init(headers: [String], alignments: [Alignment]? = nil) {
        self.headers = headers
        self.alignments = alignments ?? Array(repeating: .left, count: headers.count)
    }

    /// A table without a header row, with `columns` columns.
    public init(columns: Int, alignments: [Alignment]? = nil) {
        headers = []
        self.alignments = alignments ?? Array(repeating: .left, count: columns)
    }

    /// Adds a row; missing cells are left empty and extra cells are dropped.
    public mutating func append(_ cells: [String]) {
        let width = alignments.count
        rows.append(Array((cells + Array(repeating: "", count: max(0, width - cells.count))).prefix(width)))
    }

    /// The table as lines joined by newlines (no trailing newline), each line prefixed by `indent` spaces.
    public func render(indent: Int = 0) -> String {
        let columns = alignments.count
        var widths = Array(repeating: 0, count: columns)
        for row in ([headers] + rows) where row.count == columns {
            for (column, cell) in row.enumerated() { widths[column] = max(widths[column], cell.count) }
        }
        var lines: [String] = []
        if headers.count == columns, columns > 0 {
            lines.append(line(headers, widths))
            lines.append(line(widths.map { String(repeating: "-", count: $0) }, widths))
        }
        for row in rows { lines.append(line(row, widths)) }
        let margin = String(repeating: " ", count: indent)
        return lines.map { margin + $0 }.joined(separator: "\n")
    }

    private func line(_ cells: [String], _ widths: [Int]) -> String {
        var text = ""
        for (column, cell) in cells.enumerated() {
            let padding = String(repeating: " ", count: widths[column] - cell.count)
            let isLast = column == cells.count - 1
            switch alignments[column] {
            case .left: text += cell + (isLast ? "" : padding)
            case .right: text += padding + cell
            }
            if !isLast { text += "  " }
        }
        return text
    }
}
