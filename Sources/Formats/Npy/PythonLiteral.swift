/// The subset of Python literal syntax found in .npy headers: dicts, tuples, lists, strings,
/// integers, `True`, `False` and `None` — parsed without evaluating anything.
enum PythonLiteral {
    case string(String)
    case integer(Int)
    case bool(Bool)
    case none
    case tuple([PythonLiteral])
    case list([PythonLiteral])
    /// Key/value pairs in the order written.
    case dict([Member])

    /// Parses `text`, which must hold exactly one literal (surrounding whitespace allowed).
    /// - Throws: `PythonLiteral.SyntaxError` describing the first problem.
    static func parse(_ text: String) throws -> PythonLiteral {
        var parser = PythonLiteralParser(characters: Array(text.unicodeScalars))
        let value = try parser.value()
        parser.skipWhitespace()
        guard parser.position == parser.characters.count else { throw parser.error("unexpected text after the literal") }
        return value
    }

    /// One `key: value` pair of a dict.
    struct Member {
        let key: String
        let value: PythonLiteral
    }

    /// Why a header could not be parsed.
    struct SyntaxError: Error { let message: String }
}

/// A recursive-descent parser over the Unicode scalars of a literal.
private struct PythonLiteralParser {
    let characters: [Unicode.Scalar]
    var position = 0

    func error(_ message: String) -> PythonLiteral.SyntaxError { PythonLiteral.SyntaxError(message: "\(message) at character \(position)") }

    mutating func skipWhitespace() {
        while position < characters.count, characters[position].properties.isWhitespace { position += 1 }
    }

    mutating func value() throws -> PythonLiteral {
        skipWhitespace()
        guard position < characters.count else { throw error("unexpected end") }
        switch characters[position] {
        case "{": return .dict(try sequence(closing: "}") { parser in
            guard case .string(let key) = try parser.value() else { throw parser.error("dict key is not a string") }
            parser.skipWhitespace()
            guard parser.consume(":") else { throw parser.error("expected ':'") }
            return PythonLiteral.Member(key: key, value: try parser.value())
        })
        case "(": return .tuple(try sequence(closing: ")") { try $0.value() })
        case "[": return .list(try sequence(closing: "]") { try $0.value() })
        case "'", "\"": return .string(try string())
        default: return try word()
        }
    }

    /// Comma-separated items between an opening bracket (at `position`) and `closing`; a trailing comma is allowed.
    mutating func sequence<Item>(closing: Unicode.Scalar, _ item: (inout PythonLiteralParser) throws -> Item) throws -> [Item] {
        position += 1
        var items: [Item] = []
        while true {
            skipWhitespace()
            if consume(closing) { return items }
            items.append(try item(&self))
            skipWhitespace()
            if consume(closing) { return items }
            guard consume(",") else { throw error("expected ',' or '\(closing)'") }
        }
    }

    mutating func consume(_ character: Unicode.Scalar) -> Bool {
        guard position < characters.count, characters[position] == character else { return false }
        position += 1
        return true
    }

    mutating func string() throws -> String {
        let quote = characters[position]
        position += 1
        var text = String.UnicodeScalarView()
        while position < characters.count {
            let character = characters[position]
            position += 1
            if character == quote { return String(text) }
            if character == "\\" {
                guard position < characters.count else { break }
                text.append(characters[position])
                position += 1
            } else {
                text.append(character)
            }
        }
        throw error("unterminated string")
    }

    /// An integer (optionally with Python 2's `L` suffix), `True`, `False` or `None`.
    mutating func word() throws -> PythonLiteral {
        let start = position
        while position < characters.count,
              characters[position].properties.isAlphabetic || ("0"..."9").contains(characters[position])
                || characters[position] == "-" || characters[position] == "+" {
            position += 1
        }
        var word = String(String.UnicodeScalarView(characters[start..<position]))
        switch word {
        case "True": return .bool(true)
        case "False": return .bool(false)
        case "None": return .none
        default:
            if word.hasSuffix("L") { word.removeLast() }
            guard let number = Int(word) else {
                position = start
                throw error(word.isEmpty ? "unexpected character '\(characters[start])'" : "'\(word)' is not a literal this reader knows")
            }
            return .integer(number)
        }
    }
}
