import Foundation
import Formats

/// A `Table` kept in the workspace (kind `table`): the result of commands that measure things.
public struct TableObject: WorkspaceObject {
    /// The kind `table`.
    public static let kind = ObjectKind(
        name: "table", summary: "a table of named columns of numbers or text",
        saveFormat: "CSV with a header row (TSV when the path ends in .tsv)", saveExtension: "csv",
        exports: [.csv: "the table: a header row, then one line per row, numbers in full precision, missing numbers empty",
                  .json: "an object mapping each column name to its list of cells (missing numbers as null)"])

    /// The table.
    public let table: Table
    /// What the table holds, e.g. "explained variance per layer".
    public let title: String

    /// Wraps `table` with a short `title`.
    public init(_ table: Table, title: String) {
        self.table = table
        self.title = title
    }

    /// `title (3 rows × 2 columns)`.
    public var summary: String { "\(title) (\(table.sizeDescription))" }
    /// `3 × 2`.
    public var shape: String { Format.shape([table.rowCount, table.columns.count]) }
    /// 8 bytes per number, plus the text and its 16-byte string headers.
    public var memoryBytes: Int {
        table.columns.reduce(0) { total, column in
            switch column {
            case let .strings(values): return total + values.reduce(0) { $0 + $1.utf8.count + 16 }
            case let .numbers(values): return total + 8 * values.count
            }
        }
    }

    /// Rows `show` prints before eliding the rest.
    static let shownRows = 20

    /// The title, then the table; a long table shows its first 10 rows and says how many more
    /// there are (`export` writes them all).
    public func details() -> String {
        guard table.rowCount > Self.shownRows else { return summary + "\n" + table.textTable().render() }
        let head = table.textTable(rows: 0..<10).render()
        return summary + "\n" + head + "\n… \(table.rowCount - 10) more rows (export NAME to FILE.csv writes them all)"
    }

    /// Saves as CSV.
    public func save(to url: URL) throws { try table.write(to: url) }
    /// Columns by name.
    public func exportJSON() throws -> JSONValue? { table.jsonValue }
    /// The table itself.
    public func exportCSV() throws -> Table? { table }

    /// `line`, `scatter`, `hist`, `bar`, `heatmap`, choosing columns with `x=`, `y=`, `group=`,
    /// `error=` and `color=` (see `TableObject+Plot.swift`).
    public var plotForms: [PlotForm] { TableObject.plotForms(table, title: title) }
}
