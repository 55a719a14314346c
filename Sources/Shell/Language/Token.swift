/// One lexical token of a statement line.
public struct Token: Sendable, Equatable {
    /// What the token is.
    public enum Kind: Sendable, Equatable {
        /// A bare word: a name, a number, a path or an enum word. `escaped` is true when a
        /// backslash escape was used, which keeps the word from reading as a number or boolean.
        case word(String, escaped: Bool)
        /// A quoted string with its escapes resolved.
        case string(String)
        /// `=`
        case equals
        /// `;`
        case semicolon
        /// `[`
        case leftBracket
        /// `]`
        case rightBracket
        /// `,`
        case comma
    }

    /// The kind and content of the token.
    public var kind: Kind
    /// Where the token is in its line.
    public var span: SourceSpan

    /// A token of `kind` at `span`.
    public init(_ kind: Kind, _ span: SourceSpan) {
        self.kind = kind
        self.span = span
    }

    /// How the token is named in error messages, e.g. `'='` or `string "x"`.
    public var display: String {
        switch kind {
        case let .word(text, _): return "'\(text)'"
        case let .string(text): return "string \"\(text)\""
        case .equals: return "'='"
        case .semicolon: return "';'"
        case .leftBracket: return "'['"
        case .rightBracket: return "']'"
        case .comma: return "','"
        }
    }
}
