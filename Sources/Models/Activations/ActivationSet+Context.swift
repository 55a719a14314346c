import Foundation

/// The text around one token of an activation set.
public struct TokenContext: Sendable, Equatable {
    /// Corpus index of the document.
    public let document: Int
    /// Position of the token in its document.
    public let position: Int
    /// Decoded text of up to `window` tokens before, the token itself, and up to `window` after.
    public let before: String
    public let token: String
    public let after: String
}

extension ActivationSet {
    /// The text around token row `row`, decoded with the tokenizer that produced the ids (for
    /// pooled sets `row` indexes `tokenIDs`, which every set keeps).
    /// - Throws: `ModelError.invalidArgument` when `row` is outside the stored tokens.
    public func context(ofTokenRow row: Int, tokenizer: Tokenizer, window: Int = 8) throws -> TokenContext {
        guard (0..<tokenCount).contains(row) else {
            throw ModelError.invalidArgument(name: "token row", detail: "\(row) is outside 0..<\(tokenCount)")
        }
        var low = 0, high = documentCount - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if documentOffsets[middle] <= row { low = middle } else { high = middle - 1 }
        }
        let range = tokenRange(ofDocument: low)
        let before = Array(tokenIDs[max(range.lowerBound, row - window)..<row])
        let after = Array(tokenIDs[(row + 1)..<min(range.upperBound, row + 1 + window)])
        return TokenContext(document: documentIndices[low], position: row - range.lowerBound,
                            before: tokenizer.decode(before), token: tokenizer.decode([tokenIDs[row]]), after: tokenizer.decode(after))
    }
}
