import Foundation

/// A token matched in the text before the tokenizer's model sees it (`[CLS]`, `<|endoftext|>`, ...).
public struct AddedToken: Sendable, Equatable {
    /// The text of the token.
    public var content: String
    /// Its id.
    public var id: Int
    /// Special tokens are skipped by `decode(_:skipSpecialTokens: true)`.
    public var special: Bool
    /// Match only when not inside a word.
    public var singleWord: Bool
    /// Absorb whitespace on the left / right of a match.
    public var leftStrip: Bool
    public var rightStrip: Bool
    /// Matched in the normalised text (true) or in the raw text (false).
    public var normalized: Bool

    /// Makes an added token; the defaults are those of a special token.
    public init(content: String, id: Int, special: Bool = true, singleWord: Bool = false,
                leftStrip: Bool = false, rightStrip: Bool = false, normalized: Bool = false) {
        self.content = content
        self.id = id
        self.special = special
        self.singleWord = singleWord
        self.leftStrip = leftStrip
        self.rightStrip = rightStrip
        self.normalized = normalized
    }
}

/// A piece of input text after added tokens were cut out of it.
enum TextSegment: Equatable {
    case text(String)
    case token(AddedToken)
}

/// Finds added tokens in text: leftmost-longest matches that do not overlap, as `tokenizers` does.
struct AddedVocabulary: Sendable {
    let tokens: [AddedToken]
    /// Candidates by first scalar, longest first.
    private let candidates: [UInt32: [(scalars: [Unicode.Scalar], token: AddedToken)]]

    init(_ tokens: [AddedToken]) {
        self.tokens = tokens
        var table: [UInt32: [(scalars: [Unicode.Scalar], token: AddedToken)]] = [:]
        for token in tokens where !token.content.isEmpty {
            let scalars = Array(token.content.unicodeScalars)
            table[scalars[0].value, default: []].append((scalars, token))
        }
        for key in table.keys { table[key]!.sort { $0.scalars.count > $1.scalars.count } }
        candidates = table
    }

    var isEmpty: Bool { tokens.isEmpty }

    /// Cuts the tokens with `normalized == matchNormalized` out of `text`.
    func split(_ text: String, matchNormalized: Bool) -> [TextSegment] {
        guard !candidates.isEmpty else { return [.text(text)] }
        let s = Array(text.unicodeScalars)
        var segments: [TextSegment] = []
        var textStart = 0, position = 0
        while position < s.count {
            guard let (length, token) = longestMatch(s, at: position, matchNormalized: matchNormalized) else {
                position += 1
                continue
            }
            let end = position + length
            if token.singleWord && !isSingleWord(s, start: position, end: end) {
                position = end   // the match is consumed without becoming a token, as in `tokenizers`
                continue
            }
            var start = position, stop = end
            if token.leftStrip { while start > textStart && UnicodeClasses.isWhitespace(s[start - 1]) { start -= 1 } }
            if token.rightStrip { while stop < s.count && UnicodeClasses.isWhitespace(s[stop]) { stop += 1 } }
            if start > textStart { segments.append(.text(String(String.UnicodeScalarView(s[textStart..<start])))) }
            segments.append(.token(token))
            textStart = stop
            position = stop
        }
        if textStart < s.count { segments.append(.text(String(String.UnicodeScalarView(s[textStart...])))) }
        return segments
    }

    private func longestMatch(_ s: [Unicode.Scalar], at position: Int, matchNormalized: Bool) -> (Int, AddedToken)? {
        guard let options = candidates[s[position].value] else { return nil }
        for (scalars, token) in options where token.normalized == matchNormalized && position + scalars.count <= s.count {
            if s[position..<(position + scalars.count)].elementsEqual(scalars) { return (scalars.count, token) }
        }
        return nil
    }

    private func isSingleWord(_ s: [Unicode.Scalar], start: Int, end: Int) -> Bool {
        let leftOK = start == 0 || !UnicodeClasses.isWordCharacter(s[start - 1])
        let rightOK = end == s.count || !UnicodeClasses.isWordCharacter(s[end])
        return leftOK && rightOK
    }
}
