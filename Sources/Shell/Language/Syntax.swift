/// A value written in a statement: after `KEY=` or as a positional argument.
public struct SyntaxValue: Sendable, Equatable {
    /// The forms a value can take.
    public indirect enum Kind: Sendable, Equatable {
        /// A bare word: a workspace name, a path or an enum word.
        case word(String)
        /// A number such as `32`, `-1`, `0.5` or `1e-3`, with the text it was written as.
        case number(Double, text: String)
        /// A quoted string.
        case string(String)
        /// `true` or `false`.
        case boolean(Bool)
        /// `[a, b, ...]`
        case list([SyntaxValue])
    }

    /// The value.
    public var kind: Kind
    /// Where it was written.
    public var span: SourceSpan

    /// A value of `kind` written at `span`.
    public init(_ kind: Kind, _ span: SourceSpan) {
        self.kind = kind
        self.span = span
    }

    /// The text of a scalar as written (a word, a string's content, a number's digits);
    /// `nil` for lists.
    public var text: String? {
        switch kind {
        case let .word(text), let .string(text), let .number(_, text): return text
        case let .boolean(value): return value ? "true" : "false"
        case .list: return nil
        }
    }

    /// How the value is named in error messages: `word 'x'`, `number 3.5`, `a list`, ...
    public var description: String {
        switch kind {
        case let .word(text): return "'\(text)'"
        case let .number(_, text): return "number \(text)"
        case let .string(text): return "string \"\(text)\""
        case let .boolean(value): return value ? "true" : "false"
        case let .list(items): return "a list of \(items.count)"
        }
    }
}

/// One statement: `[NAME =] VERB word... KEY=value...` with positional words and options in
/// any order after the verb. The parser does not know the verbs: the leading words are
/// resolved against the command registry when the statement is bound.
public struct Statement: Sendable, Equatable {
    /// A positional word or a `KEY=value` option, in the order written.
    public enum Item: Sendable, Equatable {
        /// A positional value (the verb's words come first among these).
        case positional(SyntaxValue)
        /// `KEY=value`
        case option(key: String, keySpan: SourceSpan, value: SyntaxValue)
    }

    /// The name the result is stored under, when the statement starts with `NAME =`.
    public var target: String?
    /// Where the target name was written.
    public var targetSpan: SourceSpan?
    /// The words and options after the target.
    public var items: [Item]
    /// The statement's own text, trimmed (the transcript records this).
    public var text: String
    /// Where the statement lies in its line.
    public var span: SourceSpan

    /// A statement with the given parts.
    public init(target: String?, targetSpan: SourceSpan?, items: [Item], text: String, span: SourceSpan) {
        self.target = target
        self.targetSpan = targetSpan
        self.items = items
        self.text = text
        self.span = span
    }
}
