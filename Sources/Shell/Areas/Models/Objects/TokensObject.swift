import Foundation
import Formats
import Models

/// A text cut into tokens (kind `tokens`): the result of `tokenize`.
public struct TokensObject: WorkspaceObject {
    /// The kind `tokens`.
    public static let kind = ObjectKind(
        name: "tokens", summary: "a text as token ids and tokens",
        exports: [.json: ###"{"ids": [...], "tokens": [...]} (tokens as the vocabulary spells them, e.g. "##ing", "Ġworld")"###,
                  .csv: "one row per token: position, id, token, text (the piece of text it stands for)"])

    /// The text that was tokenized.
    public let text: String
    /// Token ids, special tokens included when they were added.
    public let ids: [Int]
    /// The vocabulary spelling of each id (`##ing`, `Ġworld`).
    public let tokens: [String]
    /// What each token reads as (`TokenPieces`).
    public let pieces: [String]
    /// Whether each token was added by post-processing (`[CLS]`, `[SEP]`, ...).
    public let special: [Bool]

    /// Encodes `text` with `tokenizer`.
    public init(text: String, tokenizer: Tokenizer, addSpecialTokens: Bool) {
        let encoding = tokenizer.encode(text, addSpecialTokens: addSpecialTokens)
        self.text = text
        ids = encoding.ids
        tokens = tokenizer.tokens(for: encoding.ids)
        pieces = TokenPieces.pieces(encoding.ids, tokenizer: tokenizer)
        special = encoding.specialTokensMask
    }

    /// `9 tokens of "The cat sat…"`.
    public var summary: String { "\(Format.count(ids.count, "token")) of \(TokensObject.quoted(text, limit: 40))" }
    /// `9 tokens`.
    public var shape: String { Format.count(ids.count, "token") }
    /// Ids and strings.
    public var memoryBytes: Int { ids.count * 8 + tokens.reduce(0) { $0 + $1.utf8.count + 16 } + text.utf8.count }

    /// The table of tokens.
    public func details() -> String { summary + "\n" + table().render() }

    /// `#`, `id`, `token` and, when the pieces differ from the tokens, `text`.
    func table() -> TextTable {
        let showPieces = pieces != tokens
        var table = showPieces ? TextTable(headers: ["#", "id", "token", "text"], alignments: [.right, .right, .left, .left])
                               : TextTable(headers: ["#", "id", "token"], alignments: [.right, .right, .left])
        for index in ids.indices {
            table.append([String(index), String(ids[index]), Self.visible(tokens[index]), Self.quoted(pieces[index], limit: 30)])
        }
        return table
    }

    /// `{"ids": [...], "tokens": [...]}`.
    public func exportJSON() throws -> JSONValue? {
        .object(["ids": .array(ids.map { .number(Double($0)) }), "tokens": .array(tokens.map { .string($0) })])
    }

    /// position, id, token, text.
    public func exportCSV() throws -> Table? {
        try Table(names: ["position", "id", "token", "text"],
                  columns: [.numbers(ids.indices.map(Double.init)), .numbers(ids.map(Double.init)), .strings(tokens), .strings(pieces)])
    }

    /// The text in quotes, cut at `limit` characters, with line breaks and tabs shown as `\n`, `\t`.
    static func quoted(_ text: String, limit: Int) -> String { "\"" + shortened(text, limit: limit) + "\"" }

    /// The text cut at `limit` characters (ending in `…`), control characters made visible.
    static func shortened(_ text: String, limit: Int) -> String {
        let shown = visible(text)
        return shown.count > limit ? shown.prefix(limit - 1) + "…" : shown
    }

    /// Control characters made visible.
    static func visible(_ text: String) -> String {
        text.replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\t", with: "\\t").replacingOccurrences(of: "\r", with: "\\r")
    }
}
