import Foundation
import Formats
import Models

/// A tokenizer on its own (kind `tokenizer`), e.g. to count or inspect tokens without a model.
public struct TokenizerObject: WorkspaceObject {
    /// The kind `tokenizer`.
    public static let kind = ObjectKind(
        name: "tokenizer", summary: "a Hugging Face tokenizer (WordPiece or byte-level BPE)",
        exports: [.json: "the subword model, vocabulary size, special-token template and added tokens"])

    /// The tokenizer.
    public let tokenizer: Tokenizer
    /// The file or directory it was read from, as written.
    public let path: String

    /// Wraps a loaded tokenizer.
    public init(_ tokenizer: Tokenizer, path: String) {
        self.tokenizer = tokenizer
        self.path = path
    }

    /// `WordPiece, 30522 tokens, lowercasing, [CLS] … [SEP]`.
    public var summary: String { Self.describe(tokenizer) }
    /// `30522 tokens`.
    public var shape: String { "\(tokenizer.vocabularySize) tokens" }
    /// The vocabulary maps, roughly: two entries per token.
    public var memoryBytes: Int { tokenizer.vocabularySize * 2 * 48 }

    /// The description and the added tokens.
    public func details() -> String {
        let added = tokenizer.addedTokens.sorted { $0.id < $1.id }
        var text = "\(summary) (\(path))"
        guard !added.isEmpty else { return text }
        var table = TextTable(headers: ["id", "added token", "special"], alignments: [.right, .left, .left])
        for token in added.prefix(20) { table.append([String(token.id), token.content, token.special ? "yes" : "no"]) }
        text += "\n" + table.render()
        if added.count > 20 { text += "\n… and \(added.count - 20) more added tokens" }
        return text
    }

    /// The description's parts as fields.
    public func exportJSON() throws -> JSONValue? {
        .object(["model": .string(Self.modelName(tokenizer)), "vocabulary": .number(Double(tokenizer.vocabularySize)),
                 "lowercase": .bool(Self.lowercases(tokenizer)), "template": .string(Self.template(tokenizer)),
                 "added_tokens": .array(tokenizer.addedTokens.map { .object(["id": .number(Double($0.id)), "content": .string($0.content),
                                                                            "special": .bool($0.special)]) }),
                 "source": .string(path)])
    }

    /// `WordPiece, 30522 tokens, lowercasing, [CLS] … [SEP]`.
    static func describe(_ tokenizer: Tokenizer) -> String {
        var parts = [modelName(tokenizer), "\(tokenizer.vocabularySize) tokens"]
        if lowercases(tokenizer) { parts.append("lowercasing") }
        parts.append(template(tokenizer))
        return parts.joined(separator: ", ")
    }

    static func modelName(_ tokenizer: Tokenizer) -> String {
        switch tokenizer.model {
        case .wordPiece: return "WordPiece"
        case .bpe: return "byte-level BPE"
        }
    }

    /// Whether the normaliser lowercases (probed on a capital letter).
    static func lowercases(_ tokenizer: Tokenizer) -> Bool { tokenizer.normalizer?.apply("A") == "a" }

    /// The special tokens around a text, e.g. `[CLS] … [SEP]`, or `no special tokens`.
    static func template(_ tokenizer: Tokenizer) -> String {
        let encoding = tokenizer.encode("x")
        var pieces: [String] = []
        for (id, special) in zip(encoding.ids, encoding.specialTokensMask) {
            let piece = special ? tokenizer.token(forID: id) ?? "<id \(id)>" : "…"
            if piece != "…" || pieces.last != "…" { pieces.append(piece) }
        }
        guard pieces.contains(where: { $0 != "…" }) else { return "no special tokens" }
        return pieces.joined(separator: " ")
    }
}
