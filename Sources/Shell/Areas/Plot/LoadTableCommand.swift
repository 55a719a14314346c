import Foundation
import Formats

/// `load table FILE.csv|.tsv`: a table object with typed columns, from any CSV a tool wrote.
enum LoadTableCommand {
    /// How the first row is read.
    enum Header: String, ChoiceValue {
        case auto, yes, no

        var mode: Table.HeaderMode {
            switch self {
            case .auto: return .detect
            case .yes: return .present
            case .no: return .absent
            }
        }
    }

    static let file = Positional.path("FILE", mustExist: true, extensions: ["csv", "tsv"], help: "a CSV or TSV file (.tsv is tab-separated)")
    static let header = Option.choice("header", default: Header.auto,
                                      help: "whether the first row names the columns (auto: yes unless it looks like data)")
    static let text = Option.custom("text", valueLabel: "[COLUMN,...]", expected: "a column name or a list of them", default: [String](),
                                    defaultText: "[]", help: "columns to keep as text even when every cell is a number (e.g. ids, \"007\")") {
        try Convert.list($0) { try Convert.string($0, label: "text=") }
    }

    static let load = Command(
        "load table", summary: "Read a CSV or TSV file into a table with typed columns (numbers or text).",
        parameters: [file, header, text], result: .object(TableObject.kind),
        examples: ["iris = load table sessions/examples/data/iris.csv", "t = load table scores.tsv header=yes text=[subject]"],
        discussion: """
        A column is numeric when every cell that is not missing parses as a number; empty cells and NA, NaN, \
        null, None, ... are missing (NaN). Prints each column's type, missing count and range.
        """
    ) { arguments, context in
        let url = try arguments[file]
        let shown = arguments.text(of: file) ?? url.relativePath
        let keptAsText = try arguments[text]
        var table = try Table.read(url, header: try arguments[header].mode, textColumns: Set(keptAsText))
        if let unknown = keptAsText.first(where: { !table.names.contains($0) }) {
            let near = Suggestions.closest(to: unknown, among: table.names).map { "; did you mean '\($0)'?" } ?? ""
            throw arguments.error(text, "names no column '\(unknown)' of \(shown)\(near) (the columns are \(table.names.joined(separator: ", ")))")
        }
        table.source = shown
        context.output.print("read \(shown): \(table.sizeDescription)")
        context.output.print(columnSummary(table))
        return .object(TableObject(table, title: url.lastPathComponent))
    }

    /// One row per column: its type, missing cells and (for numbers) the smallest and largest.
    static func columnSummary(_ table: Table) -> TextTable {
        var summary = TextTable(headers: ["column", "type", "missing", "min", "max"], alignments: [.left, .left, .right, .right, .right])
        for (name, column) in zip(table.names, table.columns) {
            switch column {
            case let .numbers(values):
                let present = values.filter { !$0.isNaN }
                summary.append([name, "number", String(values.count - present.count),
                                present.min().map { Format.number($0) } ?? "", present.max().map { Format.number($0) } ?? ""])
            case let .strings(values):
                summary.append([name, "text", String(values.filter { Table.missingTokens.contains($0) || $0.isEmpty }.count), "", ""])
            }
        }
        return summary
    }
}
