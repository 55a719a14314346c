import Foundation
import Formats

/// Documents of text to run a model over, read from a file.
public struct TextCorpus: Sendable, Equatable {
    /// The documents, in file order.
    public let documents: [String]
    /// The file they came from.
    public let source: String
    /// How the file was read (`.lines` for documents given in memory).
    public let format: Format

    /// Wraps documents already in memory.
    public init(documents: [String], source: String = "memory", format: Format = .lines) {
        self.documents = documents
        self.source = source
        self.format = format
    }

    /// File kinds a corpus can be read from, chosen by extension.
    public enum Format: String, CaseIterable, Sendable {
        /// One document per line (`.txt`, `.text`, or any other extension).
        case lines
        /// JSON Lines: one object per line with a text field (`.jsonl`, `.ndjson`).
        case jsonLines
        /// A table with a header row (`.csv`, `.tsv`); one column holds the text.
        case table
        /// A fortune file (`fortune`/`strfile`): records separated by lines holding only `%`.
        case fortune

        /// The format of a file, by extension.
        public static func of(_ url: URL) -> Format {
            switch url.pathExtension.lowercased() {
            case "jsonl", "ndjson": return .jsonLines
            case "csv", "tsv": return .table
            default: return .lines
            }
        }
    }

    /// Reads a corpus: plain text (one document per line; a final newline does not make an empty
    /// document, other empty lines stay so document i is line i + 1), JSON Lines (field `field`
    /// of each object), CSV/TSV (column `column`, default "text"), or a fortune file (each record
    /// between `%` lines is a document, its line breaks kept; empty records are left out).
    ///
    /// Without `format`, the extension decides (`Format.of`), and a plain-text file with a line
    /// holding only `%` is read as a fortune file.
    /// - Throws: `ModelError.fileNotFound`, `.malformedCorpus` (with the line), `.missingColumn`
    ///   (listing the columns), `.format` for CSV syntax errors.
    public static func load(_ url: URL, format: Format? = nil, column: String? = nil, field: String = "text") throws -> TextCorpus {
        let data = try readFile(url)
        var chosen = format ?? Format.of(url)
        var plainLines: [String]?
        if chosen == .lines {
            plainLines = try lines(data, path: url.path)
            if format == nil, plainLines!.contains(fortuneSeparator) { chosen = .fortune }
        }
        let documents: [String]
        switch chosen {
        case .lines: documents = plainLines!
        case .jsonLines: documents = try jsonLines(data, field: field, path: url.path)
        case .table: documents = try tableColumn(url, column: column ?? "text")
        case .fortune: documents = fortuneRecords(try plainLines ?? lines(data, path: url.path))
        }
        return TextCorpus(documents: documents, source: url.path, format: chosen)
    }

    /// The line that separates fortune records.
    static let fortuneSeparator = "%"

    /// The records between separator lines, their lines joined by "\n"; whitespace-only records
    /// (e.g. before a leading `%`) are left out.
    static func fortuneRecords(_ lines: [String]) -> [String] {
        lines.split(separator: fortuneSeparator, omittingEmptySubsequences: false)
            .map { $0.joined(separator: "\n") }
            .filter { !$0.allSatisfy(\.isWhitespace) }
    }

    static func lines(_ data: Data, path: String) throws -> [String] {
        guard String(data: data, encoding: .utf8) != nil else {
            throw ModelError.malformedCorpus(path: path, line: 1, detail: "the file is not valid UTF-8 text")
        }
        // Split on bytes: as Characters, "\r\n" is one grapheme that is not "\n".
        var lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { line in
            String(decoding: line.last == UInt8(ascii: "\r") ? line.dropLast() : line, as: UTF8.self)
        }
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    static func jsonLines(_ data: Data, field: String, path: String) throws -> [String] {
        var documents: [String] = []
        for (number, line) in try lines(data, path: path).enumerated() {
            if line.allSatisfy(\.isWhitespace) { continue }
            let object: Any
            do { object = try JSONSerialization.jsonObject(with: Data(line.utf8)) } catch {
                throw ModelError.malformedCorpus(path: path, line: number + 1, detail: "not valid JSON")
            }
            guard let dictionary = object as? [String: Any] else {
                throw ModelError.malformedCorpus(path: path, line: number + 1, detail: "not a JSON object")
            }
            guard let value = dictionary[field] else {
                throw ModelError.malformedCorpus(path: path, line: number + 1,
                                                 detail: "no field \"\(field)\"\(ModelError.suggestion(field, Array(dictionary.keys))); fields: \(dictionary.keys.sorted().joined(separator: ", "))")
            }
            guard let text = value as? String else {
                throw ModelError.malformedCorpus(path: path, line: number + 1, detail: "field \"\(field)\" is not a string")
            }
            documents.append(text)
        }
        return documents
    }

    static func tableColumn(_ url: URL, column: String) throws -> [String] {
        let rows = try wrapFormat { try CSV.readRows(url) }
        guard let header = rows.first else { throw ModelError.malformedCorpus(path: url.path, line: 1, detail: "the table is empty") }
        guard let index = header.firstIndex(of: column) else {
            throw ModelError.missingColumn(path: url.path, column: column, available: header)
        }
        return rows.dropFirst().map { index < $0.count ? $0[index] : "" }
    }
}
