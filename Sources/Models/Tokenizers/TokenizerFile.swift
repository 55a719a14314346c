import Foundation

/// The parts of Hugging Face's `tokenizer.json` that mindscope reads, decoded with `Codable`.
/// Unknown keys are tolerated; each component's `type` string becomes an enum in
/// `Tokenizer+Loading.swift`, the only place where that happens.
///
/// `truncation` and `padding` sections are deliberately not read: mindscope truncates to the
/// model's limit (with a warning) and never pads (batches are packed).
struct TokenizerFile: Decodable {
    let addedTokens: [AddedTokenSpec]?
    let normalizer: ComponentSpec?
    let preTokenizer: ComponentSpec?
    let model: ModelSpec
    let postProcessor: ComponentSpec?
    let decoder: ComponentSpec?

    enum CodingKeys: String, CodingKey {
        case addedTokens = "added_tokens", normalizer, preTokenizer = "pre_tokenizer", model
        case postProcessor = "post_processor", decoder
    }
}

/// One entry of `added_tokens`.
struct AddedTokenSpec: Decodable {
    let id: Int
    let content: String
    let singleWord: Bool?
    let lstrip: Bool?
    let rstrip: Bool?
    let normalized: Bool?
    let special: Bool?

    enum CodingKeys: String, CodingKey {
        case id, content, singleWord = "single_word", lstrip, rstrip, normalized, special
    }
}

/// A normaliser, pre-tokenizer, post-processor or decoder: a `type` and the options of all of
/// them (each kind reads its own).
struct ComponentSpec: Decodable {
    let type: String
    // Normalisers
    let cleanText: Bool?
    let handleChineseChars: Bool?
    let stripAccents: Bool?
    let lowercase: Bool?
    let normalizers: [ComponentSpec]?
    // Pre-tokenizers
    let addPrefixSpace: Bool?
    let useRegex: Bool?
    let pretokenizers: [ComponentSpec]?
    // Post-processors
    let single: [TemplateItemSpec]?
    let pair: [TemplateItemSpec]?
    let specialTokens: [String: TemplateSpecialTokenSpec]?
    let cls: NamedTokenSpec?
    let sep: NamedTokenSpec?
    let processors: [ComponentSpec]?
    // Decoders
    let prefix: String?
    let cleanup: Bool?

    enum CodingKeys: String, CodingKey {
        case type, cleanText = "clean_text", handleChineseChars = "handle_chinese_chars"
        case stripAccents = "strip_accents", lowercase, normalizers
        case addPrefixSpace = "add_prefix_space", useRegex = "use_regex", pretokenizers
        case single, pair, specialTokens = "special_tokens", cls, sep, processors
        case prefix, cleanup
    }
}

/// `{"SpecialToken": {"id": "[CLS]", "type_id": 0}}` or `{"Sequence": {"id": "A", "type_id": 0}}`.
struct TemplateItemSpec: Decodable {
    struct Item: Decodable {
        let id: String
        let typeID: Int
        enum CodingKeys: String, CodingKey { case id, typeID = "type_id" }
    }
    let specialToken: Item?
    let sequence: Item?
    enum CodingKeys: String, CodingKey { case specialToken = "SpecialToken", sequence = "Sequence" }
}

/// `"[CLS]": {"id": "[CLS]", "ids": [101], "tokens": ["[CLS]"]}`.
struct TemplateSpecialTokenSpec: Decodable {
    let ids: [Int]
}

/// `["[SEP]", 102]` in BertProcessing and RobertaProcessing.
struct NamedTokenSpec: Decodable {
    let token: String
    let id: Int

    init(from decoder: Decoder) throws {
        var container = try decoder.unkeyedContainer()
        token = try container.decode(String.self)
        id = try container.decode(Int.self)
    }
}

/// The `model` section: WordPiece or BPE (other types are reported as unsupported).
struct ModelSpec: Decodable {
    let type: String
    let vocab: [String: Int]
    let merges: [(String, String)]
    let unkToken: String?
    let continuingSubwordPrefix: String?
    let endOfWordSuffix: String?
    let maxInputCharsPerWord: Int?
    let fuseUnk: Bool?
    let byteFallback: Bool?
    let ignoreMerges: Bool?

    enum CodingKeys: String, CodingKey {
        case type, vocab, merges, unkToken = "unk_token", continuingSubwordPrefix = "continuing_subword_prefix"
        case endOfWordSuffix = "end_of_word_suffix", maxInputCharsPerWord = "max_input_chars_per_word"
        case fuseUnk = "fuse_unk", byteFallback = "byte_fallback", ignoreMerges = "ignore_merges"
    }

    /// Reads `type` first so a Unigram or WordLevel model is reported as unsupported rather than as
    /// a decoding failure of its differently shaped vocabulary.
    init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        type = try container.decodeIfPresent(String.self, forKey: .type) ?? "BPE"
        guard type == "WordPiece" || type == "BPE" else {
            throw ModelError.unsupportedTokenizerComponent(component: "model", type: type, supported: ["WordPiece", "BPE"])
        }
        vocab = try container.decode([String: Int].self, forKey: .vocab)
        // Merges are "left right" strings in older files and [left, right] pairs in newer ones.
        if type == "BPE" {
            if let pairs = try? container.decode([[String]].self, forKey: .merges) {
                merges = try pairs.enumerated().map { index, pair in
                    guard pair.count == 2 else {
                        throw DecodingError.dataCorruptedError(forKey: .merges, in: container, debugDescription: "merge \(index) is not a pair")
                    }
                    return (pair[0], pair[1])
                }
            } else {
                let lines = try container.decode([String].self, forKey: .merges)
                merges = try lines.enumerated().map { index, line in
                    let parts = line.split(separator: " ", omittingEmptySubsequences: false)
                    guard parts.count == 2 else {
                        throw DecodingError.dataCorruptedError(forKey: .merges, in: container, debugDescription: "merge \(index) \"\(line)\" is not two tokens")
                    }
                    return (String(parts[0]), String(parts[1]))
                }
            }
        } else {
            merges = []
        }
        unkToken = try container.decodeIfPresent(String.self, forKey: .unkToken)
        continuingSubwordPrefix = try container.decodeIfPresent(String.self, forKey: .continuingSubwordPrefix)
        endOfWordSuffix = try container.decodeIfPresent(String.self, forKey: .endOfWordSuffix)
        maxInputCharsPerWord = try container.decodeIfPresent(Int.self, forKey: .maxInputCharsPerWord)
        fuseUnk = try container.decodeIfPresent(Bool.self, forKey: .fuseUnk)
        byteFallback = try container.decodeIfPresent(Bool.self, forKey: .byteFallback)
        ignoreMerges = try container.decodeIfPresent(Bool.self, forKey: .ignoreMerges)
    }
}
