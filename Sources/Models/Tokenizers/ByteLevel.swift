import Foundation

/// GPT-2's byte-level alphabet: every byte 0...255 is shown as a printable Unicode character, so
/// byte sequences (and therefore any text) can be spelt with a vocabulary of printable strings.
/// Printable Latin-1 bytes stand for themselves; the rest map to U+0100 onwards, in byte order.
public struct ByteLevelAlphabet: Sendable {
    /// The character standing for each byte.
    public let scalarForByte: [Unicode.Scalar]
    /// The byte each alphabet character stands for.
    public let byteForScalar: [UInt32: UInt8]

    /// The standard GPT-2 mapping.
    public static let gpt2 = ByteLevelAlphabet()

    private init() {
        func printable(_ byte: Int) -> Bool {
            (0x21...0x7E).contains(byte) || (0xA1...0xAC).contains(byte) || (0xAE...0xFF).contains(byte)
        }
        var scalars = [Unicode.Scalar](repeating: " ", count: 256)
        var next: UInt32 = 256
        for byte in 0..<256 {
            if printable(byte) {
                scalars[byte] = Unicode.Scalar(UInt32(byte))!
            } else {
                scalars[byte] = Unicode.Scalar(next)!
                next += 1
            }
        }
        scalarForByte = scalars
        var inverse: [UInt32: UInt8] = [:]
        for (byte, scalar) in scalars.enumerated() { inverse[scalar.value] = UInt8(byte) }
        byteForScalar = inverse
    }

    /// The alphabet spelling of the UTF-8 bytes of `text`.
    public func encode(_ text: Substring) -> String {
        var view = String.UnicodeScalarView()
        for byte in text.utf8 { view.append(scalarForByte[Int(byte)]) }
        return String(view)
    }

    /// The bytes spelt by `token`; characters outside the alphabet contribute their own UTF-8 bytes.
    public func bytes(of token: String, into bytes: inout [UInt8]) {
        for scalar in token.unicodeScalars {
            if let byte = byteForScalar[scalar.value] {
                bytes.append(byte)
            } else {
                bytes.append(contentsOf: String(scalar).utf8)
            }
        }
    }
}

/// The GPT-2 pre-tokenizer pattern, matched by hand on Unicode scalars:
///
///     's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+
///
/// Alternatives are tried in order at each position, as a backtracking regex engine does. The
/// only look-ahead, `\s+(?!\S)`, takes a whitespace run but leaves its last character when a
/// non-space follows, so that character can prefix the next word (" world").
enum GPT2PreTokenizerPattern {
    /// Ranges of `scalars` matched in order; together they cover the whole input.
    /// - Complexity: O(n) in the number of scalars.
    static func split(_ scalars: [Unicode.Scalar]) -> [Range<Int>] {
        var pieces: [Range<Int>] = []
        var position = 0
        while position < scalars.count {
            let end = matchEnd(scalars, at: position)
            pieces.append(position..<end)
            position = end
        }
        return pieces
    }

    /// End of the match starting at `start` (always greater than `start`).
    static func matchEnd(_ s: [Unicode.Scalar], at start: Int) -> Int {
        let n = s.count
        if let end = contractionEnd(s, at: start) { return end }
        // ` ?\p{L}+`, ` ?\p{N}+`, ` ?[^\s\p{L}\p{N}]+`: an optional ASCII space, then a run of one class.
        let body = s[start] == " " && start + 1 < n ? start + 1 : start
        let runClass = ScalarClass(s[body])
        if runClass != .whitespace {
            var end = body + 1
            while end < n && ScalarClass(s[end]) == runClass { end += 1 }
            return end
        }
        // Only whitespace can be left here (an ASCII space not followed by a letter, digit or symbol,
        // or another whitespace character).
        var runEnd = start
        while runEnd < n && UnicodeClasses.isWhitespace(s[runEnd]) { runEnd += 1 }
        if runEnd == n { return n }                    // \s+(?!\S) at the end of the text
        if runEnd - start >= 2 { return runEnd - 1 }   // \s+(?!\S), backing off one character
        return max(runEnd, start + 1)                  // \s+
    }

    /// `'s|'t|'re|'ve|'m|'ll|'d` (case-sensitive, ASCII apostrophe only).
    static func contractionEnd(_ s: [Unicode.Scalar], at start: Int) -> Int? {
        guard s[start] == "'", start + 1 < s.count else { return nil }
        switch s[start + 1] {
        case "s", "t", "m", "d": return start + 2
        case "r", "v", "l":
            guard start + 2 < s.count else { return nil }
            let pair = (s[start + 1], s[start + 2])
            if pair == ("r", "e") || pair == ("v", "e") || pair == ("l", "l") { return start + 3 }
            return nil
        default: return nil
        }
    }

    /// The classes the pattern distinguishes; `other` is `[^\s\p{L}\p{N}]`.
    enum ScalarClass {
        case letter, number, whitespace, other

        @inline(__always)
        init(_ scalar: Unicode.Scalar) {
            if UnicodeClasses.isWhitespace(scalar) { self = .whitespace }
            else if UnicodeClasses.isLetter(scalar) { self = .letter }
            else if UnicodeClasses.isNumber(scalar) { self = .number }
            else { self = .other }
        }
    }
}
