/// Parses statement lines:
///
///     line      := statement (';' statement)* ['#' comment]
///     statement := [NAME '='] WORD item*
///     item      := value | KEY '=' value
///     value     := number | string | word | true | false | '[' [value (',' value)*] ']'
///
/// The parser does not know the verbs: a statement's leading words become positional items and
/// are resolved against the registry when the statement is bound.
public struct Parser {
    private let tokens: [Token]
    private let characters: [Character]
    private var index = 0

    private init(tokens: [Token], line: String) {
        self.tokens = tokens
        characters = Array(line)
    }

    /// The statements of one line (empty statements between `;` are skipped).
    /// - Throws: `ShellError` pointing at the first problem.
    public static func parse(_ line: String) throws(ShellError) -> [Statement] {
        var parser = Parser(tokens: try Lexer.tokenize(line), line: line)
        var statements: [Statement] = []
        while parser.index < parser.tokens.count {
            if parser.tokens[parser.index].kind == .semicolon {
                parser.index += 1
                continue
            }
            statements.append(try parser.statement())
        }
        return statements
    }

    private var current: Token? { index < tokens.count ? tokens[index] : nil }
    private var endSpan: SourceSpan { SourceSpan(characters.count, characters.count + 1) }

    private func peek(_ offset: Int) -> Token? {
        index + offset < tokens.count ? tokens[index + offset] : nil
    }

    private mutating func statement() throws(ShellError) -> Statement {
        let start = tokens[index].span.start
        var target: String?
        var targetSpan: SourceSpan?
        if peek(1)?.kind == .equals, let first = current {
            guard case let .word(name, escaped) = first.kind, !escaped, Parser.isName(name), name != "true", name != "false" else {
                throw ShellError(.invalidTarget(Parser.sourceText(of: first, in: characters)), at: first.span)
            }
            target = name
            targetSpan = first.span
            index += 2
            guard let verb = current, Parser.isVerbWord(verb), peek(1)?.kind != .equals else {
                let found = current.flatMap { $0.kind == .semicolon ? nil : $0.display }
                throw ShellError(.expectedCommandAfterTarget(name, found: found), at: current?.span ?? endSpan)
            }
        }
        if let first = current, !Parser.isVerbWord(first) {
            throw ShellError(first.kind == .equals ? .misplacedEquals : .expectedCommand(found: first.display), at: first.span)
        }
        var items: [Statement.Item] = []
        var seenKeys: Set<String> = []
        while let token = current, token.kind != .semicolon {
            items.append(try item(seenKeys: &seenKeys))
        }
        let end = tokens[index - 1].span.end
        let text = String(characters[start..<min(end, characters.count)])
        return Statement(target: target, targetSpan: targetSpan, items: items, text: text, span: SourceSpan(start, end))
    }

    private mutating func item(seenKeys: inout Set<String>) throws(ShellError) -> Statement.Item {
        let token = tokens[index]
        if peek(1)?.kind == .equals {
            guard case let .word(key, escaped) = token.kind, !escaped, Parser.isName(key) else {
                throw ShellError(.invalidOptionKey(Parser.sourceText(of: token, in: characters)), at: token.span)
            }
            guard seenKeys.insert(key).inserted else { throw ShellError(.duplicateOption(key), at: token.span) }
            index += 2
            guard let valueToken = current, Parser.startsValue(valueToken) else {
                throw ShellError(.expectedValue(key: key, found: current.map(\.display)), at: current?.span ?? endSpan)
            }
            return .option(key: key, keySpan: token.span, value: try value())
        }
        switch token.kind {
        case .equals: throw ShellError(.misplacedEquals, at: token.span)
        case .rightBracket, .comma: throw ShellError(.unexpectedToken(token.display), at: token.span)
        default: return .positional(try value())
        }
    }

    /// True for a bare word that is not a number or boolean: only such words can be verbs.
    private static func isVerbWord(_ token: Token) -> Bool {
        guard case let .word(text, escaped) = token.kind else { return false }
        if case .word = classify(text, escaped: escaped) { return true }
        return false
    }

    private static func startsValue(_ token: Token) -> Bool {
        switch token.kind {
        case .word, .string, .leftBracket: return true
        default: return false
        }
    }

    private mutating func value() throws(ShellError) -> SyntaxValue {
        let token = tokens[index]
        index += 1
        switch token.kind {
        case let .word(text, escaped):
            return SyntaxValue(Parser.classify(text, escaped: escaped), token.span)
        case let .string(text):
            return SyntaxValue(.string(text), token.span)
        case .leftBracket:
            return try list(openedAt: token.span)
        default:
            throw ShellError(.unexpectedToken(token.display), at: token.span)
        }
    }

    private mutating func list(openedAt open: SourceSpan) throws(ShellError) -> SyntaxValue {
        var elements: [SyntaxValue] = []
        while true {
            guard let token = current, token.kind != .semicolon else {
                throw ShellError(.unterminatedList, at: open)
            }
            if token.kind == .rightBracket {
                index += 1
                return SyntaxValue(.list(elements), open.union(token.span))
            }
            guard Parser.startsValue(token) else {
                throw ShellError(.expectedListSeparator(found: token.display), at: token.span)
            }
            elements.append(try value())
            guard let separator = current, separator.kind != .semicolon else {
                throw ShellError(.unterminatedList, at: open)
            }
            switch separator.kind {
            case .comma: index += 1
            case .rightBracket: continue
            default: throw ShellError(.expectedListSeparator(found: separator.display), at: separator.span)
            }
        }
    }
}
