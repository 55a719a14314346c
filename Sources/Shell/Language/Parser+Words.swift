extension Parser {
    /// True for a workspace name: a letter or `_`, then letters, digits or `_`.
    public static func isName(_ text: String) -> Bool {
        guard let first = text.first, first.isLetter || first == "_" else { return false }
        return text.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
    }

    /// True for a number literal: `[+-]` digits `[.digits]` or `.digits`, then `[eE][+-]digits`.
    public static func isNumber(_ text: String) -> Bool {
        var characters = Substring(text)
        if let sign = characters.first, sign == "+" || sign == "-" { characters = characters.dropFirst() }
        let mantissaEnd = characters.firstIndex { $0 == "e" || $0 == "E" } ?? characters.endIndex
        let mantissa = characters[..<mantissaEnd]
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, parts.contains(where: { !$0.isEmpty }),
              parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }) else { return false }
        guard mantissaEnd != characters.endIndex else { return true }
        var exponent = characters[characters.index(after: mantissaEnd)...]
        if let sign = exponent.first, sign == "+" || sign == "-" { exponent = exponent.dropFirst() }
        return !exponent.isEmpty && exponent.allSatisfy(\.isASCIIDigit)
    }

    /// The value a bare word stands for: a number, a boolean or the word itself.
    static func classify(_ text: String, escaped: Bool) -> SyntaxValue.Kind {
        guard !escaped else { return .word(text) }
        if text == "true" { return .boolean(true) }
        if text == "false" { return .boolean(false) }
        if isNumber(text), let number = Double(text) { return .number(number, text: text) }
        return .word(text)
    }

    /// The characters a token covers, as typed.
    static func sourceText(of token: Token, in characters: [Character]) -> String {
        String(characters[token.span.start..<min(token.span.end, characters.count)])
    }
}

extension Character {
    /// True for the ASCII digits 0–9 (not other Unicode digits).
    var isASCIIDigit: Bool { isASCII && isNumber }
}
