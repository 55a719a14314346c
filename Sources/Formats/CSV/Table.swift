import Foundation

/// A table of named, typed columns, read from or written to CSV/TSV.
///
/// A column holds either numbers (`Double`, with NaN for missing cells) or text. Reading infers
/// the type per column: numeric when every non-missing cell parses as a number. Missing cells are
/// empty or one of `Table.missingTokens` (`NA`, `n/a` as BIDS writes it, `NaN`, `null`, ...).
public struct Table: Equatable, Sendable {
    /// The values of one column.
    public enum Column: Equatable, Sendable {
        /// Numbers; NaN marks a missing cell.
        case numbers([Double])
        /// Text, exactly as read.
        case strings([String])

        /// Number of cells.
        public var count: Int {
            switch self {
            case .numbers(let values): return values.count
            case .strings(let values): return values.count
            }
        }

        /// Whether the column holds numbers.
        public var isNumeric: Bool {
            if case .numbers = self { return true }
            return false
        }
    }

    /// Column names, in order; unique.
    public let names: [String]
    /// Columns, in the order of `names`.
    public let columns: [Column]
    /// The file (or label) the table came from, named in errors.
    public var source: String

    /// Cells treated as missing when reading (besides the empty cell), as pandas' defaults.
    public static let missingTokens: Set<String> = ["NA", "N/A", "n/a", "NaN", "nan", "-nan", "-NaN", "null", "NULL", "None", "#N/A", "<NA>"]

    /// A table from columns of equal length with unique names.
    /// - Throws: `FormatError.invalidArgument` (counts differ or lengths differ) or `.duplicateName`.
    public init(names: [String], columns: [Column], source: String = "table") throws {
        guard names.count == columns.count else {
            throw FormatError.invalidArgument(path: source, reason: "\(names.count) column names for \(columns.count) columns")
        }
        var seen = Set<String>()
        for name in names where !seen.insert(name).inserted { throw FormatError.duplicateName(path: source, kind: .column, name: name) }
        if let length = columns.first?.count, let (index, column) = columns.enumerated().first(where: { $0.element.count != length }) {
            throw FormatError.invalidArgument(path: source, reason: "column '\(names[index])' has \(column.count) cells where '\(names[0])' has \(length)")
        }
        self.names = names
        self.columns = columns
        self.source = source
    }

    /// Number of rows.
    public var rowCount: Int { columns.first?.count ?? 0 }

    /// Equal names and columns (NaN cells compare equal to each other; `source` is ignored).
    public static func == (lhs: Table, rhs: Table) -> Bool {
        guard lhs.names == rhs.names, lhs.columns.count == rhs.columns.count else { return false }
        return zip(lhs.columns, rhs.columns).allSatisfy { pair in
            switch pair {
            case let (.numbers(a), .numbers(b)):
                return a.count == b.count && zip(a, b).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
            case let (.strings(a), .strings(b)): return a == b
            default: return false
            }
        }
    }

    /// The column called `name`.
    /// - Throws: `FormatError.notFound` listing the columns (and the nearest names).
    public func column(named name: String) throws -> Column {
        guard let index = names.firstIndex(of: name) else {
            throw FormatError.notFound(path: source, kind: .column, name: name, available: names)
        }
        return columns[index]
    }

    /// The numbers of column `name`.
    /// - Throws: `FormatError.notFound`, or `.columnNotNumeric` for a text column.
    public func numbers(named name: String) throws -> [Double] {
        guard case .numbers(let values) = try column(named: name) else {
            throw FormatError.columnNotNumeric(path: source, column: name)
        }
        return values
    }

    /// The cells of column `name` as text: text columns as read; numbers formatted as on
    /// writing (so "007" read as a number comes back as "7" — list such columns in
    /// `textColumns` when reading), missing numbers as "".
    public func strings(named name: String) throws -> [String] {
        switch try column(named: name) {
        case .strings(let values): return values
        case .numbers(let values): return values.map { Self.format($0, missing: "") }
        }
    }

    /// A number as written to CSV: integral values below 2⁵³ without a fraction ("3"), others in
    /// the shortest form that reads back exactly ("0.1", "1e-05"), NaN as `missing`.
    public static func format(_ value: Double, missing: String) -> String {
        if value.isNaN { return missing }
        if value.isInfinite { return value > 0 ? "inf" : "-inf" }
        return JSONValue.format(value)
    }
}
