import Foundation
import Formats
import Models

/// Documents of text (kind `text`): what `activations` and `embed` run a model over.
public struct TextObject: WorkspaceObject {
    /// The kind `text`.
    public static let kind = ObjectKind(
        name: "text", summary: "documents of text to run a model over",
        saveFormat: #"JSON Lines, one {"text": ...} object per document (or .txt, one per line; .csv, a text column); load text reads each back"#,
        saveExtension: "jsonl",
        exports: [.json: #"{"documents": [...]} in order"#, .csv: "one column, text, one row per document"])

    /// The documents.
    public let corpus: TextCorpus
    /// Where they came from, as written (a path, or `statement` for `text "..."`).
    public let origin: String

    /// Wraps a corpus.
    public init(_ corpus: TextCorpus, origin: String) {
        self.corpus = corpus
        self.origin = origin
    }

    /// The documents.
    public var documents: [String] { corpus.documents }

    /// `431 documents, fortune records of /usr/share/games/fortunes/fortunes`.
    public var summary: String {
        let count = Format.count(documents.count, "document")
        return isGiven ? "\(count) given in the statement" : "\(count), \(Self.formatWords(corpus.format)) \(origin)"
    }

    /// True for documents written in a `text` statement rather than read from a file.
    var isGiven: Bool { corpus.source == TextObject.givenSource }
    /// The corpus source of documents given in a statement.
    static let givenSource = "statement"
    /// `431 documents`.
    public var shape: String { Format.count(documents.count, "document") }
    /// UTF-8 bytes plus a 16-byte header per document.
    public var memoryBytes: Int { documents.reduce(0) { $0 + $1.utf8.count + 16 } }

    /// Counts, lengths and the first documents.
    public func details() -> String {
        let lengths = documents.map(\.count).sorted()
        let empty = documents.filter { $0.allSatisfy(\.isWhitespace) }.count
        var facts = TextTable(columns: 2)
        facts.append(["documents", "\(documents.count)" + (empty > 0 ? " (\(empty) empty, skipped by activations)" : "")])
        if let shortest = lengths.first, let longest = lengths.last {
            facts.append(["characters", "\(lengths.reduce(0, +)) (per document: \(shortest) to \(longest), median \(lengths[lengths.count / 2]))"])
        }
        if !isGiven {
            facts.append(["read as", Self.formatDescription(corpus.format)])
            facts.append(["from", origin])
        }
        var preview = TextTable(headers: ["#", "text"], alignments: [.right, .left])
        for (index, document) in documents.prefix(5).enumerated() { preview.append([String(index), TokensObject.quoted(document, limit: 70)]) }
        var text = summary + "\n" + facts.render()
        if !documents.isEmpty { text += "\n" + preview.render() + (documents.count > 5 ? "\n…" : "") }
        return text
    }

    /// By extension, atomically: `.jsonl` one `{"text": ...}` object per line; `.txt` one
    /// document per line (refused when a document holds a line break); `.csv`/`.tsv` one column
    /// `text`. `load text` reads each back.
    /// - Throws: `ShellError` for another extension or a multi-line document in `.txt`.
    public func save(to url: URL) throws {
        switch url.pathExtension.lowercased() {
        case "jsonl", "ndjson":
            var lines = ""
            for document in documents {
                // A string is a scalar, so the pretty printer keeps it on one line.
                lines += #"{"text": "# + (try JSONValue.string(document).prettyPrinted()).dropLast() + "}\n"
            }
            try AtomicFile.write(Data(lines.utf8), to: url)
        case "txt":
            if let index = documents.firstIndex(where: { $0.contains(where: \.isNewline) }) {
                throw ShellError(.fileError(path: url.lastPathComponent, reason: "document \(index) has a line break, so one document per line cannot hold it; save as .jsonl"))
            }
            try AtomicFile.write(Data(documents.map { $0 + "\n" }.joined().utf8), to: url)
        case "csv", "tsv":
            try Table(names: ["text"], columns: [.strings(documents)]).write(to: url)
        default:
            throw ShellError(.fileError(path: url.lastPathComponent, reason: "text is saved as .jsonl, .txt (one document per line) or .csv"))
        }
    }

    /// `{"documents": [...]}`.
    public func exportJSON() throws -> JSONValue? { .object(["documents": .array(documents.map { .string($0) })]) }
    /// One column `text`.
    public func exportCSV() throws -> Table? { try Table(names: ["text"], columns: [.strings(documents)]) }

    /// How the documents were cut from the file.
    static func formatDescription(_ format: TextCorpus.Format) -> String {
        switch format {
        case .lines: return "one document per line"
        case .jsonLines: return "JSON Lines, one document per record"
        case .table: return "a table, one document per row"
        case .fortune: return "fortune records (separated by lines holding only %)"
        }
    }

    /// How a format reads in a summary.
    static func formatWords(_ format: TextCorpus.Format) -> String {
        switch format {
        case .lines: return "lines of"
        case .jsonLines: return "JSON Lines records of"
        case .table: return "a table column of"
        case .fortune: return "fortune records of"
        }
    }
}
