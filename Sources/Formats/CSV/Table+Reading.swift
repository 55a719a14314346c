import Foundation

extension Table {
    /// Whether the first row of a file names the columns.
    public enum HeaderMode: Sendable {
        /// The first row is the header.
        case present
        /// There is no header: columns are named `column1`, `column2`, ...
        case absent
        /// Decide from the data, as Python's `csv.Sniffer.has_header` does: each column whose
        /// cells below the first row are all numbers votes "header" when its first cell is not a
        /// number and "no header" when it is; text columns do not vote. A positive total means a
        /// header; so does a tie (including tables with no numeric column), the common case.
        case detect
    }

    /// Reads a CSV or TSV file (delimiter from the extension unless given) into a table.
    /// - Parameters:
    ///   - header: whether the first row holds column names.
    ///   - textColumns: columns to keep as text even if every cell looks like a number.
    /// - Throws: the errors of `CSV.readRows`, or `.duplicateName` for a repeated column name.
    public static func read(_ url: URL, delimiter: CSV.Delimiter? = nil, header: HeaderMode = .detect,
                            textColumns: Set<String> = []) throws -> Table {
        let path = displayPath(url)
        let records = try CSV.parse(FileReading.data(url), delimiter: delimiter ?? .forFile(url), path: path)
        return try Table(rows: records.map(\.fields), header: header, textColumns: textColumns, source: path)
    }

    /// A table from rows of text fields, inferring each column's type.
    /// - Throws: `FormatError.raggedRow` (line = row number) when rows differ in length,
    ///   `.duplicateName` for a repeated column name.
    public init(rows: [[String]], header: HeaderMode = .detect, textColumns: Set<String> = [], source: String = "table") throws {
        let width = rows.first?.count ?? 0
        if let bad = rows.firstIndex(where: { $0.count != width }) {
            throw FormatError.raggedRow(path: source, line: bad + 1, expected: width, actual: rows[bad].count)
        }
        let hasHeader: Bool
        switch header {
        case .present: hasHeader = true
        case .absent: hasHeader = false
        case .detect: hasHeader = Self.looksLikeHeader(rows)
        }
        let names = hasHeader ? Self.uniqueNames(rows.first ?? []) : (0..<width).map { "column\($0 + 1)" }
        let body = hasHeader ? rows.dropFirst() : rows[...]
        let columns = (0..<width).map { index in
            let cells = body.map { $0[index] }
            return textColumns.contains(names[index]) ? .strings(cells) : Self.inferColumn(cells)
        }
        try self.init(names: names, columns: columns, source: source)
    }

    /// What a cell holds, for type inference.
    enum Cell: Equatable {
        case number(Double), missing, text

        /// Surrounding spaces are ignored; empty cells and `missingTokens` are missing.
        init(_ cell: String) {
            let trimmed = cell.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || Table.missingTokens.contains(trimmed) {
                self = .missing
            } else if let value = Double(trimmed) {
                self = .number(value)
            } else {
                self = .text
            }
        }
    }

    /// Numbers when every non-missing cell is one, text otherwise.
    static func inferColumn(_ cells: [String]) -> Column {
        var values: [Double] = []
        values.reserveCapacity(cells.count)
        for cell in cells {
            switch Cell(cell) {
            case .number(let value): values.append(value)
            case .missing: values.append(.nan)
            case .text: return .strings(cells)
            }
        }
        return .numbers(values)
    }

    private static func looksLikeHeader(_ rows: [[String]]) -> Bool {
        guard let first = rows.first else { return false }
        var votes = 0
        for index in first.indices {
            let body = rows.dropFirst().map { Cell($0[index]) }
            let numericBody = !body.contains(.text) && body.contains { if case .number = $0 { return true } else { return false } }
            guard numericBody else { continue }
            if case .number = Cell(first[index]) { votes -= 1 } else { votes += 1 }
        }
        return votes >= 0
    }

    /// Header cells made usable as names: blanks become `columnN`, repeats get `.1`, `.2` (as pandas).
    static func uniqueNames(_ cells: [String]) -> [String] {
        var seen = Set<String>()
        return cells.enumerated().map { index, cell in
            let base = cell.isEmpty ? "column\(index + 1)" : cell
            var name = base
            var suffix = 0
            while seen.contains(name) {
                suffix += 1
                name = "\(base).\(suffix)"
            }
            seen.insert(name)
            return name
        }
    }
}
