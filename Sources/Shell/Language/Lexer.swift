/// Splits a statement line into tokens.
///
/// Bare words run until whitespace or one of `= ; [ ] , " '`; a backslash takes the next
/// character literally (this is how line-editor completion escapes odd file names). `#` at the
/// start of a token begins a comment that runs to the end of the line. Strings are quoted with
/// `"` or `'` and know the escapes `\"`, `\'`, `\\`, `\n` and `\t`.
public struct Lexer {
    private let characters: [Character]
    private var position = 0
    /// In lenient mode (for completion) an unfinished string or escape ends the line quietly.
    private let lenient: Bool

    private init(_ line: String, lenient: Bool) {
        characters = Array(line)
        self.lenient = lenient
    }

    /// The tokens of `line`, up to any comment.
    /// - Throws: `ShellError` for an unterminated string, an unknown escape or a control character.
    public static func tokenize(_ line: String) throws(ShellError) -> [Token] {
        var lexer = Lexer(line, lenient: false)
        return try lexer.run()
    }

    /// The tokens of a line that is still being typed: never fails; an unterminated string
    /// becomes a string token running to the end of the line.
    public static func tokenizePartial(_ line: String) -> [Token] {
        var lexer = Lexer(line, lenient: true)
        return (try? lexer.run()) ?? []
    }

    private mutating func run() throws(ShellError) -> [Token] {
        var tokens: [Token] = []
        while position < characters.count {
            let character = characters[position]
            if character == " " || character == "\t" {
                position += 1
                continue
            }
            if character == "#" { break }
            if let punctuation = Lexer.punctuation(character) {
                tokens.append(Token(punctuation, SourceSpan(position, position + 1)))
                position += 1
                continue
            }
            if character == "\"" || character == "'" {
                tokens.append(try string(quote: character))
                continue
            }
            tokens.append(try word())
        }
        return tokens
    }

    private static func punctuation(_ character: Character) -> Token.Kind? {
        switch character {
        case "=": return .equals
        case ";": return .semicolon
        case "[": return .leftBracket
        case "]": return .rightBracket
        case ",": return .comma
        default: return nil
        }
    }

    private static func endsWord(_ character: Character) -> Bool {
        character == " " || character == "\t" || character == "\"" || character == "'" || punctuation(character) != nil
    }

    private func checkPrintable(_ character: Character, at offset: Int) throws(ShellError) {
        if character != "\t", let scalar = character.unicodeScalars.first(where: { $0.properties.generalCategory == .control }) {
            throw ShellError(.controlCharacter(scalar), at: SourceSpan(offset, offset + 1))
        }
    }

    private mutating func word() throws(ShellError) -> Token {
        let start = position
        var text = ""
        var escaped = false
        while position < characters.count, !Lexer.endsWord(characters[position]) {
            var character = characters[position]
            if character == "\\" {
                guard position + 1 < characters.count else {
                    if lenient { position += 1; break }
                    throw ShellError(.danglingBackslash, at: SourceSpan(position, position + 1))
                }
                position += 1
                character = characters[position]
                escaped = true
            }
            try checkPrintable(character, at: position)
            text.append(character)
            position += 1
        }
        return Token(.word(text, escaped: escaped), SourceSpan(start, position))
    }

    private mutating func string(quote: Character) throws(ShellError) -> Token {
        let start = position
        position += 1
        var text = ""
        while position < characters.count {
            let character = characters[position]
            if character == quote {
                position += 1
                return Token(.string(text), SourceSpan(start, position))
            }
            if character == "\\", position + 1 < characters.count {
                let next = characters[position + 1]
                switch next {
                case "\"", "'", "\\": text.append(next)
                case "n": text.append("\n")
                case "t": text.append("\t")
                default:
                    if !lenient { throw ShellError(.unknownEscape(next), at: SourceSpan(position, position + 2)) }
                    text.append(next)
                }
                position += 2
                continue
            }
            try checkPrintable(character, at: position)
            text.append(character)
            position += 1
        }
        if lenient { return Token(.string(text), SourceSpan(start, position)) }
        throw ShellError(.unterminatedString(quote), at: SourceSpan(start, position))
    }
}
