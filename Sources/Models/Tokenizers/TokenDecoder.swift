import Foundation

/// Turns tokens back into text.
public enum TokenDecoder: Sendable, Equatable {
    /// Byte-level tokens: concatenate, map the alphabet back to bytes, decode UTF-8 (invalid
    /// sequences become U+FFFD).
    case byteLevel
    /// WordPiece: continuation pieces (`##ing`) join the previous token, other tokens are separated
    /// by a space; `cleanup` removes spaces before punctuation and in English contractions.
    case wordPiece(prefix: String, cleanup: Bool)
    /// Tokens joined by spaces.
    case plain

    /// The text of `tokens`.
    public func decode(_ tokens: [String]) -> String {
        switch self {
        case .byteLevel:
            var bytes: [UInt8] = []
            for token in tokens { ByteLevelAlphabet.gpt2.bytes(of: token, into: &bytes) }
            return String(decoding: bytes, as: UTF8.self)
        case let .wordPiece(prefix, cleanup):
            // As `tokenizers` does it: token by token (the first keeps a leading prefix), each
            // cleaned up on its own.
            var text = ""
            for (index, token) in tokens.enumerated() {
                var piece = token
                if index > 0 { piece = token.hasPrefix(prefix) ? String(token.dropFirst(prefix.count)) : " " + token }
                text += cleanup ? TokenDecoder.cleanedUp(piece) : piece
            }
            return text
        case .plain:
            return tokens.joined(separator: " ")
        }
    }

    /// The clean-up rules of `tokenizers`' WordPiece decoder.
    static func cleanedUp(_ text: String) -> String {
        let rules: [(String, String)] = [
            (" .", "."), (" ?", "?"), (" !", "!"), (" ,", ","), (" ' ", "'"), (" n't", "n't"),
            (" 'm", "'m"), (" do not", " don't"), (" 's", "'s"), (" 've", "'ve"), (" 're", "'re"),
        ]
        return rules.reduce(text) { $0.replacingOccurrences(of: $1.0, with: $1.1) }
    }
}
