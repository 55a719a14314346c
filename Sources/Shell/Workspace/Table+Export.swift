import Foundation
import Formats

extension Table {
    /// The table as JSON records: an array with one object per row, keyed by column name.
    public func jsonRecords() -> JSONValue {
        .array((0..<rowCount).map { row in
            var record: [String: JSONValue] = [:]
            for column in columns {
                switch column.values {
                case let .numbers(values): record[column.name] = .number(values[row])
                case let .integers(values): record[column.name] = .number(Double(values[row]))
                case let .text(values): record[column.name] = .string(values[row])
                }
            }
            return .object(record)
        })
    }

    /// The table as CSV text: a header row, then one line per row (RFC 4180: fields holding a
    /// comma, quote or line break are quoted, quotes doubled), numbers in full precision.
    public func csvText() -> String {
        var text = columns.map { Table.csvField($0.name) }.joined(separator: ",") + "\n"
        for row in 0..<rowCount {
            text += (0..<columns.count).map { Table.csvField(exactCell(row: row, column: $0)) }.joined(separator: ",") + "\n"
        }
        return text
    }

    /// Writes `csvText()` to `url` atomically.
    /// - Throws: `FormatError.writeFailed`.
    public func writeCSV(to url: URL) throws {
        try AtomicFile.write(Data(csvText().utf8), to: url)
    }

    private static func csvField(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
