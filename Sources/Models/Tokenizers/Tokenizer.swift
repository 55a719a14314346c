import Foundation

/// The result of encoding one text (or a pair of texts).
public struct Encoding: Sendable, Equatable {
    /// Token ids, special tokens included.
    public var ids: [Int]
    /// Segment (token type) ids: 0 for the first text, 1 for the second in BERT-style pairs.
    public var typeIDs: [Int]
    /// True where `ids` holds a token added by post-processing (`[CLS]`, `[SEP]`, `<s>`, ...).
    public var specialTokensMask: [Bool]
    /// Tokens cut off by truncation to the requested maximum length (0 when nothing was cut).
    public var truncatedTokenCount: Int

    /// Number of tokens.
    public var count: Int { ids.count }
}

/// A Hugging Face tokenizer pipeline: added tokens → normaliser → pre-tokenizer → model
/// (WordPiece or byte-level BPE) → post-processor, and a decoder for the way back.
///
/// Built from `tokenizer.json` or `vocab.txt` by `Tokenizer.load(...)`; ids equal those of the
/// `tokenizers` library (checked against fixtures it produced).
public struct Tokenizer: Sendable {
    /// The subword model.
    public enum Model: Sendable {
        case wordPiece(WordPiece)
        case bpe(BPE)
    }

    public let normalizer: Normalizer?
    public let preTokenizer: PreTokenizer?
    public let model: Model
    public let postProcessor: PostProcessor
    public let decoder: TokenDecoder
    let addedVocabulary: AddedVocabulary
    let tokenForID: [Int: String]
    let idForToken: [String: Int]
    /// One more than the largest id (the size an embedding matrix needs).
    public let vocabularySize: Int

    /// Assembles a pipeline; the vocabulary of `model` and the added tokens give the id ↔ token maps.
    public init(normalizer: Normalizer?, preTokenizer: PreTokenizer?, model: Model, postProcessor: PostProcessor,
                decoder: TokenDecoder, addedTokens: [AddedToken]) {
        self.normalizer = normalizer
        self.preTokenizer = preTokenizer
        self.model = model
        self.postProcessor = postProcessor
        self.decoder = decoder
        addedVocabulary = AddedVocabulary(addedTokens)
        var byToken: [String: Int]
        switch model {
        case let .wordPiece(wordPiece): byToken = wordPiece.vocabulary
        case let .bpe(bpe): byToken = bpe.vocabulary
        }
        for token in addedTokens { byToken[token.content] = token.id }
        idForToken = byToken
        var byID: [Int: String] = [:]
        byID.reserveCapacity(byToken.count)
        for (token, id) in byToken { byID[id] = token }
        tokenForID = byID
        vocabularySize = (byID.keys.max() ?? -1) + 1
    }

    /// The added (mostly special) tokens.
    public var addedTokens: [AddedToken] { addedVocabulary.tokens }
    /// The token spelt by `id`, in the model's own alphabet (`##ing`, `Ġworld`).
    public func token(forID id: Int) -> String? { tokenForID[id] }
    /// The id of a token string.
    public func id(forToken token: String) -> Int? { idForToken[token] }
    /// Tokens of `ids` (`"<unknown id N>"` for ids outside the vocabulary).
    public func tokens(for ids: [Int]) -> [String] { ids.map { tokenForID[$0] ?? "<unknown id \($0)>" } }

    /// Encodes `text` (and optionally a second text as a pair).
    /// - Parameters:
    ///   - addSpecialTokens: apply the post-processor (`[CLS] … [SEP]`).
    ///   - maxLength: total length including special tokens; longer inputs are cut at the end (the
    ///     longer text first for pairs) and `truncatedTokenCount` says how many tokens were dropped.
    public func encode(_ text: String, pair: String? = nil, addSpecialTokens: Bool = true, maxLength: Int? = nil) -> Encoding {
        var first = encodeWithoutSpecialTokens(text)
        var second = pair.map(encodeWithoutSpecialTokens)
        let before = first.count + (second?.count ?? 0)
        if let maxLength {
            let added = addSpecialTokens ? postProcessor.addedTokenCount(pair: pair != nil) : 0
            let budget = max(0, maxLength - added)
            if second != nil {
                let (n1, n2) = Tokenizer.longestFirstLengths(first.count, second!.count, budget: budget)
                first.removeSubrange(min(n1, first.count)...)
                second!.removeSubrange(min(n2, second!.count)...)
            } else if first.count > budget {
                first.removeSubrange(budget...)
            }
        }
        let dropped = before - first.count - (second?.count ?? 0)
        let processor = addSpecialTokens ? postProcessor : .none
        let (ids, typeIDs, special) = processor.process(first, second)
        return Encoding(ids: ids, typeIDs: typeIDs, specialTokensMask: special, truncatedTokenCount: dropped)
    }

    /// Ids of `text` before post-processing: added tokens are cut out first, the rest is normalised,
    /// split into words and given to the model.
    public func encodeWithoutSpecialTokens(_ text: String) -> [Int] {
        var ids: [Int] = []
        for segment in addedVocabulary.split(text, matchNormalized: false) {
            switch segment {
            case let .token(token): ids.append(token.id)
            case let .text(raw):
                let normalized = normalizer?.apply(raw) ?? raw
                for piece in addedVocabulary.split(normalized, matchNormalized: true) {
                    switch piece {
                    case let .token(token): ids.append(token.id)
                    case let .text(words): tokenizeWords(words, into: &ids)
                    }
                }
            }
        }
        return ids
    }

    private func tokenizeWords(_ text: String, into ids: inout [Int]) {
        let words = preTokenizer?.split(text) ?? (text.isEmpty ? [] : [text])
        for word in words {
            switch model {
            case let .wordPiece(wordPiece): wordPiece.tokenize(word, into: &ids)
            case let .bpe(bpe): bpe.tokenize(word, into: &ids)
            }
        }
    }

    /// The text of `ids`, through the tokenizer's decoder.
    public func decode(_ ids: [Int], skipSpecialTokens: Bool = false) -> String {
        let specialIDs = Set(addedVocabulary.tokens.filter(\.special).map(\.id))
        let tokens = ids.filter { !(skipSpecialTokens && specialIDs.contains($0)) }.compactMap { tokenForID[$0] }
        return decoder.decode(tokens)
    }

    /// Target lengths for `tokenizers`' longest-first truncation of a pair to `budget` tokens.
    static func longestFirstLengths(_ first: Int, _ second: Int, budget: Int) -> (Int, Int) {
        guard first + second > budget else { return (first, second) }
        let swapped = first > second
        var n1 = min(first, second), n2 = max(first, second)
        n2 = n1 > budget ? n1 : max(n1, budget - n1)
        if n1 + n2 > budget {
            n1 = budget / 2
            n2 = n1 + budget % 2
        }
        return swapped ? (n2, n1) : (n1, n2)
    }
}
