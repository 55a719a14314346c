import Foundation

extension CSV {
    /// Rows as delimited text with LF line ends. A field is quoted only when it must be: when it
    /// holds the delimiter, a quote, CR or LF, or is the only (empty) field of its row — which
    /// would otherwise read back as a blank line. Quotes inside quoted fields are doubled.
    public static func encode(_ rows: [[String]], delimiter: Delimiter = .comma) -> String {
        var text = ""
        for row in rows {
            if row.count == 1, row[0].isEmpty {
                text += "\"\"\n"
                continue
            }
            text += row.map { quoted($0, delimiter: delimiter) }.joined(separator: String(delimiter.character))
            text += "\n"
        }
        return text
    }

    /// Writes `rows` to `url` atomically (delimiter from the extension unless given).
    /// - Throws: `FormatError.writeFailed`.
    public static func writeRows(_ rows: [[String]], to url: URL, delimiter: Delimiter? = nil) throws {
        try AtomicFile.write(Data(encode(rows, delimiter: delimiter ?? .forFile(url)).utf8), to: url)
    }

    /// `field`, quoted if it has to be.
    static func quoted(_ field: String, delimiter: Delimiter) -> String {
        let needsQuotes = field.utf8.contains { $0 == delimiter.byte || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
        guard needsQuotes else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
