import Foundation

/// Delimited text (RFC 4180 CSV, and TSV with a tab delimiter) as rows of string fields.
///
/// Reading accepts quoted fields holding delimiters, doubled quotes and line breaks; LF, CRLF and
/// lone CR line ends; a UTF-8 byte-order mark; and a last line without a line end. Lines with no
/// characters at all are skipped, as pandas does. A quote inside an unquoted field is kept as a
/// literal character (as Python's csv module does), but a closing quote must be followed by a
/// delimiter or a line end. Every row must have as many fields as the first.
public enum CSV {
    /// The field separator.
    public enum Delimiter: Character, Sendable, CaseIterable {
        case comma = ",", tab = "\t", semicolon = ";", pipe = "|"

        /// Tab for `.tsv` and `.tab` files, comma otherwise.
        public static func forFile(_ url: URL) -> Delimiter {
            ["tsv", "tab"].contains(url.pathExtension.lowercased()) ? .tab : .comma
        }

        var byte: UInt8 { character.asciiValue! }
        var character: Character { rawValue }
    }

    /// The rows of the file at `url` (delimiter from the extension unless given).
    /// - Throws: `FormatError` for a missing file, invalid UTF-8, an unterminated quote, text
    ///   after a closing quote, or a row with the wrong number of fields.
    public static func readRows(_ url: URL, delimiter: Delimiter? = nil) throws -> [[String]] {
        try parse(FileReading.data(url), delimiter: delimiter ?? .forFile(url), path: displayPath(url)).map(\.fields)
    }

    /// The rows of delimited text in `data`; `path` names it in errors.
    public static func parseRows(_ data: Data, delimiter: Delimiter = .comma, path: String) throws -> [[String]] {
        try parse(data, delimiter: delimiter, path: path).map(\.fields)
    }

    /// One parsed row and the line it starts on (1-based), for messages.
    struct Record {
        var fields: [String]
        var line: Int
    }

    static func parse(_ data: Data, delimiter: Delimiter, path: String) throws -> [Record] {
        try data.withUnsafeBytes { raw in
            var bytes = raw.bindMemory(to: UInt8.self)
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = UnsafeBufferPointer(rebasing: bytes.dropFirst(3)) }
            guard String(validating: bytes, as: UTF8.self) != nil else { throw FormatError.invalidUTF8(path: path) }
            var parser = CSVParser(bytes: bytes, delimiter: delimiter.byte, path: path)
            var records: [Record] = []
            while let record = try parser.nextRecord() {
                if let first = records.first, record.fields.count != first.fields.count {
                    throw FormatError.raggedRow(path: path, line: record.line, expected: first.fields.count, actual: record.fields.count)
                }
                records.append(record)
            }
            return records
        }
    }
}

/// The byte-level state machine behind `CSV.parse`; delimiters, quotes and line ends are ASCII,
/// so fields split on them are valid UTF-8 whenever the whole text is.
private struct CSVParser {
    let bytes: UnsafeBufferPointer<UInt8>
    let delimiter: UInt8
    let path: String
    var position = 0
    var line = 1

    static let quote = UInt8(ascii: "\""), newline = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")

    /// The next non-empty record, or nil at the end.
    mutating func nextRecord() throws -> CSV.Record? {
        while position < bytes.count, isLineEnd(bytes[position]) { consumeLineEnd() }
        guard position < bytes.count else { return nil }
        let startLine = line
        var fields: [String] = []
        while true {
            fields.append(try field())
            guard position < bytes.count else { break }
            if bytes[position] == delimiter {
                position += 1
                continue
            }
            consumeLineEnd()
            break
        }
        return CSV.Record(fields: fields, line: startLine)
    }

    private func isLineEnd(_ byte: UInt8) -> Bool { byte == Self.newline || byte == Self.carriageReturn }

    private mutating func consumeLineEnd() {
        if bytes[position] == Self.carriageReturn, position + 1 < bytes.count, bytes[position + 1] == Self.newline { position += 1 }
        position += 1
        line += 1
    }

    /// One field, leaving `position` on the delimiter or line end after it (or at the end).
    private mutating func field() throws -> String {
        guard position < bytes.count, bytes[position] == Self.quote else {
            let start = position
            while position < bytes.count, bytes[position] != delimiter, !isLineEnd(bytes[position]) { position += 1 }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
        }
        let openingLine = line
        position += 1
        var text: [UInt8] = []
        while true {
            guard position < bytes.count else { throw FormatError.unterminatedQuote(path: path, line: openingLine) }
            let byte = bytes[position]
            position += 1
            if byte == Self.quote {
                if position < bytes.count, bytes[position] == Self.quote {
                    text.append(Self.quote)
                    position += 1
                    continue
                }
                guard position == bytes.count || bytes[position] == delimiter || isLineEnd(bytes[position]) else {
                    throw FormatError.unexpectedCharacterAfterQuote(path: path, line: line)
                }
                return String(decoding: text, as: UTF8.self)
            }
            if byte == Self.newline || (byte == Self.carriageReturn && (position == bytes.count || bytes[position] != Self.newline)) {
                line += 1
            }
            text.append(byte)
        }
    }
}
