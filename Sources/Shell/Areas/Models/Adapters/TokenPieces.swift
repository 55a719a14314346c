import Models

/// How single tokens are shown: byte-level BPE tokens as the text they stand for (`" world"`,
/// with its leading space, so pieces concatenate into the text), WordPiece tokens as the
/// vocabulary spells them (`"##ing"`, `"[CLS]"`), as Hugging Face's `convert_ids_to_tokens` shows.
enum TokenPieces {
    /// The piece of each id, decoding each distinct id once.
    static func pieces(_ ids: some Sequence<Int>, tokenizer: Tokenizer) -> [String] {
        var cache: [Int: String] = [:]
        return ids.map { id in
            if let known = cache[id] { return known }
            let piece = self.piece(id, tokenizer: tokenizer)
            cache[id] = piece
            return piece
        }
    }

    /// The piece of one id (`<id N>` for an id outside the vocabulary).
    static func piece(_ id: Int, tokenizer: Tokenizer) -> String {
        guard let token = tokenizer.token(forID: id) else { return "<id \(id)>" }
        if case .byteLevel = tokenizer.decoder { return tokenizer.decode([id]) }
        return token
    }
}
