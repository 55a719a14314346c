import Foundation

extension Tokenizer {
    /// BERT's WordPiece tokenizer from a `vocab.txt` (one token per line, id = line number), with
    /// the settings of Hugging Face's `BertTokenizerFast`: clean text, split CJK ideographs,
    /// lowercase and strip accents when `lowercase`, `[CLS] … [SEP]` around each text.
    /// - Throws: `ModelError.fileNotFound`, or `.tokenizerMissingToken` without `[UNK]`, `[CLS]`, `[SEP]`.
    public static func load(vocabTxt url: URL, lowercase: Bool = true) throws -> Tokenizer {
        let text = String(decoding: try readFile(url), as: UTF8.self)
        var vocabulary: [String: Int] = [:]
        // Split on scalars: as Characters, "\r\n" is one grapheme that is not "\n".
        var lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { String($0) }
        if lines.last == "" { lines.removeLast() }
        for (id, line) in lines.enumerated() {
            let token = String(line.reversed().drop { $0.isWhitespace }.reversed())
            if vocabulary[token] == nil { vocabulary[token] = id }
        }
        guard !vocabulary.isEmpty else { throw ModelError.malformedTokenizer(source: url.path, detail: "empty vocabulary") }
        let special = try ["[CLS]", "[SEP]"].map { token -> Int in
            guard let id = vocabulary[token] else { throw ModelError.tokenizerMissingToken(token: token, role: "special token") }
            return id
        }
        let added = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"].compactMap { token in
            vocabulary[token].map { AddedToken(content: token, id: $0) }
        }
        return Tokenizer(normalizer: .bert(cleanText: true, handleChineseCharacters: true, stripAccents: nil, lowercase: lowercase),
                         preTokenizer: .bert,
                         model: .wordPiece(try WordPiece(vocabulary: vocabulary, unknownToken: "[UNK]")),
                         postProcessor: .bert(cls: special[0], sep: special[1]),
                         decoder: .wordPiece(prefix: "##", cleanup: true),
                         addedTokens: added)
    }

    /// GPT-2's byte-level BPE from `vocab.json` + `merges.txt`; `roberta` adds `<s> … </s>` and
    /// RoBERTa's special tokens (`<mask>` absorbs the space before it).
    /// - Throws: `ModelError.malformedTokenizer` for unreadable JSON or a bad merge line.
    public static func load(vocabJSON: URL, merges mergesURL: URL, roberta: Bool) throws -> Tokenizer {
        let vocabulary: [String: Int]
        do { vocabulary = try JSONDecoder().decode([String: Int].self, from: try readFile(vocabJSON)) } catch let error as ModelError {
            throw error
        } catch {
            throw ModelError.malformedTokenizer(source: vocabJSON.path, detail: describeDecodingError(error))
        }
        var merges: [(String, String)] = []
        let text = String(decoding: try readFile(mergesURL), as: UTF8.self)
        let lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { String($0) }
        for (number, rawLine) in lines.enumerated() {
            let line = rawLine.hasSuffix("\r") ? String(rawLine.dropLast()) : rawLine
            if line.hasPrefix("#version") || line.isEmpty { continue }
            let parts = line.split(separator: " ")
            guard parts.count == 2 else {
                throw ModelError.malformedTokenizer(source: mergesURL.path, detail: "line \(number + 1) is not two tokens: \"\(line)\"")
            }
            merges.append((String(parts[0]), String(parts[1])))
        }
        let bpe = try BPE(vocabulary: vocabulary, merges: merges, source: mergesURL.path)
        var added: [AddedToken] = []
        var post = PostProcessor.none
        if roberta {
            for token in ["<s>", "<pad>", "</s>", "<unk>", "<mask>"] {
                if let id = vocabulary[token] { added.append(AddedToken(content: token, id: id, leftStrip: token == "<mask>")) }
            }
            guard let cls = vocabulary["<s>"], let sep = vocabulary["</s>"] else {
                throw ModelError.tokenizerMissingToken(token: "<s> or </s>", role: "RoBERTa special token")
            }
            post = .roberta(cls: cls, sep: sep)
        } else if let id = vocabulary["<|endoftext|>"] {
            added.append(AddedToken(content: "<|endoftext|>", id: id))
        }
        return Tokenizer(normalizer: nil, preTokenizer: .byteLevel(addPrefixSpace: false, useRegex: true), model: .bpe(bpe),
                         postProcessor: post, decoder: .byteLevel, addedTokens: added)
    }
}
