import Foundation

/// WordPiece: each word becomes the longest vocabulary prefix, then the longest `##`-prefixed
/// continuation, and so on (greedy longest match first). A word with a part that matches
/// nothing, or longer than `maximumCharactersPerWord`, becomes the unknown token as a whole.
public struct WordPiece: Sendable {
    /// Token → id.
    public let vocabulary: [String: Int]
    /// The id words without a spelling map to (`[UNK]`).
    public let unknownID: Int
    /// Marks a piece that continues a word (`##`).
    public let continuingSubwordPrefix: String
    /// Longer words (counted in Unicode scalars) become the unknown token.
    public let maximumCharactersPerWord: Int

    /// Makes a WordPiece model; `unknownToken` must be in `vocabulary`.
    /// - Throws: `ModelError.tokenizerMissingToken` when the unknown token is not in the vocabulary.
    public init(vocabulary: [String: Int], unknownToken: String, continuingSubwordPrefix: String = "##",
                maximumCharactersPerWord: Int = 100) throws {
        guard let unknownID = vocabulary[unknownToken] else {
            throw ModelError.tokenizerMissingToken(token: unknownToken, role: "unknown token")
        }
        self.vocabulary = vocabulary
        self.unknownID = unknownID
        self.continuingSubwordPrefix = continuingSubwordPrefix
        self.maximumCharactersPerWord = maximumCharactersPerWord
    }

    /// Appends the ids of `word` to `ids`.
    /// - Complexity: O(m²) vocabulary probes for a word of m scalars (m ≤ `maximumCharactersPerWord`).
    public func tokenize(_ word: String, into ids: inout [Int]) {
        let scalars = Array(word.unicodeScalars)
        guard scalars.count <= maximumCharactersPerWord else { ids.append(unknownID); return }
        let firstNew = ids.count
        var start = 0
        while start < scalars.count {
            var end = scalars.count
            var found: Int?
            while start < end {
                var piece = start > 0 ? continuingSubwordPrefix : ""
                piece.unicodeScalars.append(contentsOf: scalars[start..<end])
                if let id = vocabulary[piece] { found = id; break }
                end -= 1
            }
            guard let id = found else {
                ids.removeSubrange(firstNew...)
                ids.append(unknownID)
                return
            }
            ids.append(id)
            start = end
        }
    }
}
