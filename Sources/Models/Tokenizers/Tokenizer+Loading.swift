import Foundation

extension Tokenizer {
    /// Loads the tokenizer of a model directory: `tokenizer.json` if present, else `vocab.txt`
    /// (BERT WordPiece, lowercasing per `tokenizer_config.json`), else `vocab.json` + `merges.txt`
    /// (GPT-2 byte-level BPE; RoBERTa's `<s> … </s>` when `modelType` is "roberta").
    /// - Throws: `ModelError.noTokenizer`, or the error of the file that was found.
    public static func load(directory: URL, modelType: String? = nil) throws -> Tokenizer {
        let file = { (name: String) in directory.appendingPathComponent(name) }
        let exists = { (name: String) in FileManager.default.fileExists(atPath: file(name).path) }
        if exists("tokenizer.json") { return try load(tokenizerJSON: file("tokenizer.json")) }
        if exists("vocab.txt") {
            let lowercase = try TokenizerConfig.read(directory)?.doLowerCase ?? true
            return try load(vocabTxt: file("vocab.txt"), lowercase: lowercase)
        }
        if exists("vocab.json") && exists("merges.txt") {
            return try load(vocabJSON: file("vocab.json"), merges: file("merges.txt"), roberta: modelType == "roberta")
        }
        throw ModelError.noTokenizer(directory: directory.path)
    }

    /// Loads a tokenizer from a path: a model directory (see `load(directory:modelType:)`), a
    /// `*.json` tokenizer file, or a WordPiece `*.txt` vocabulary (lowercasing, as uncased BERT).
    /// - Throws: `ModelError.fileNotFound`, `.invalidArgument` for another kind of file, or the
    ///   error of the loader used.
    public static func load(url: URL) throws -> Tokenizer {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw ModelError.fileNotFound(path: url.path, expected: "tokenizer.json, vocab.txt or a model directory")
        }
        if isDirectory.boolValue { return try load(directory: url) }
        switch url.pathExtension.lowercased() {
        case "json": return try load(tokenizerJSON: url)
        case "txt": return try load(vocabTxt: url)
        default:
            throw ModelError.invalidArgument(name: "tokenizer file", detail: "\(url.lastPathComponent) is neither a .json tokenizer nor a .txt vocabulary")
        }
    }

    /// Loads a Hugging Face `tokenizer.json`.
    /// - Throws: `ModelError.malformedTokenizer` (with the decoding path) or
    ///   `ModelError.unsupportedTokenizerComponent`.
    public static func load(tokenizerJSON url: URL) throws -> Tokenizer {
        let data = try readFile(url)
        return try Tokenizer(tokenizerJSON: data, source: url.path)
    }

    /// Builds a tokenizer from the bytes of a `tokenizer.json`; `source` names it in errors.
    public init(tokenizerJSON data: Data, source: String = "tokenizer.json") throws {
        let file: TokenizerFile
        do {
            file = try JSONDecoder().decode(TokenizerFile.self, from: data)
        } catch let error as ModelError {
            throw error
        } catch {
            throw ModelError.malformedTokenizer(source: source, detail: describeDecodingError(error))
        }
        let added = (file.addedTokens ?? []).map {
            AddedToken(content: $0.content, id: $0.id, special: $0.special ?? false, singleWord: $0.singleWord ?? false,
                       leftStrip: $0.lstrip ?? false, rightStrip: $0.rstrip ?? false, normalized: $0.normalized ?? false)
        }
        self.init(normalizer: try file.normalizer.map(Tokenizer.normalizer),
                  preTokenizer: try file.preTokenizer.map(Tokenizer.preTokenizer),
                  model: try Tokenizer.model(file.model, source: source),
                  postProcessor: try file.postProcessor.map(Tokenizer.postProcessor) ?? .none,
                  decoder: try file.decoder.map(Tokenizer.decoder) ?? .plain,
                  addedTokens: added)
    }

    static func normalizer(_ spec: ComponentSpec) throws -> Normalizer {
        switch spec.type {
        case "BertNormalizer":
            return .bert(cleanText: spec.cleanText ?? true, handleChineseCharacters: spec.handleChineseChars ?? true,
                         stripAccents: spec.stripAccents, lowercase: spec.lowercase ?? true)
        case "NFC": return .nfc
        case "NFD": return .nfd
        case "NFKC": return .nfkc
        case "NFKD": return .nfkd
        case "Lowercase": return .lowercase
        case "StripAccents": return .stripAccents
        case "Sequence": return .sequence(try (spec.normalizers ?? []).map(normalizer))
        default:
            throw ModelError.unsupportedTokenizerComponent(
                component: "normalizer", type: spec.type,
                supported: ["BertNormalizer", "NFC", "NFD", "NFKC", "NFKD", "Lowercase", "StripAccents", "Sequence"])
        }
    }

    static func preTokenizer(_ spec: ComponentSpec) throws -> PreTokenizer {
        switch spec.type {
        case "BertPreTokenizer": return .bert
        case "ByteLevel": return .byteLevel(addPrefixSpace: spec.addPrefixSpace ?? true, useRegex: spec.useRegex ?? true)
        case "Whitespace": return .whitespace
        case "WhitespaceSplit": return .whitespaceSplit
        case "Sequence": return .sequence(try (spec.pretokenizers ?? []).map(preTokenizer))
        default:
            throw ModelError.unsupportedTokenizerComponent(
                component: "pre-tokenizer", type: spec.type,
                supported: ["BertPreTokenizer", "ByteLevel", "Whitespace", "WhitespaceSplit", "Sequence"])
        }
    }

    static func model(_ spec: ModelSpec, source: String) throws -> Model {
        if spec.type == "WordPiece" {
            return .wordPiece(try WordPiece(vocabulary: spec.vocab, unknownToken: spec.unkToken ?? "[UNK]",
                                            continuingSubwordPrefix: spec.continuingSubwordPrefix ?? "##",
                                            maximumCharactersPerWord: spec.maxInputCharsPerWord ?? 100))
        }
        if let prefix = spec.continuingSubwordPrefix, !prefix.isEmpty {
            throw ModelError.unsupportedFeature(feature: "BPE option", detail: "continuing_subword_prefix \"\(prefix)\"")
        }
        if let suffix = spec.endOfWordSuffix, !suffix.isEmpty {
            throw ModelError.unsupportedFeature(feature: "BPE option", detail: "end_of_word_suffix \"\(suffix)\"")
        }
        if spec.byteFallback == true {
            throw ModelError.unsupportedFeature(feature: "BPE option", detail: "byte_fallback (SentencePiece-style BPE)")
        }
        return .bpe(try BPE(vocabulary: spec.vocab, merges: spec.merges, unknownToken: spec.unkToken,
                            fuseUnknown: spec.fuseUnk ?? false, ignoreMerges: spec.ignoreMerges ?? false, source: source))
    }

    static func postProcessor(_ spec: ComponentSpec) throws -> PostProcessor {
        switch spec.type {
        case "TemplateProcessing":
            let pieces = { (items: [TemplateItemSpec]?) throws -> [TemplatePiece] in
                try (items ?? []).map { item in
                    if let special = item.specialToken { return .special(name: special.id, typeID: special.typeID) }
                    if let sequence = item.sequence { return .sequence(first: sequence.id != "B", typeID: sequence.typeID) }
                    throw ModelError.malformedTokenizer(source: "post_processor", detail: "template item is neither SpecialToken nor Sequence")
                }
            }
            return .template(single: try pieces(spec.single), pair: try pieces(spec.pair),
                             specialTokens: (spec.specialTokens ?? [:]).mapValues(\.ids))
        case "BertProcessing", "RobertaProcessing":
            guard let cls = spec.cls, let sep = spec.sep else {
                throw ModelError.malformedTokenizer(source: "post_processor", detail: "\(spec.type) without cls and sep")
            }
            return spec.type == "BertProcessing" ? .bert(cls: cls.id, sep: sep.id) : .roberta(cls: cls.id, sep: sep.id)
        case "ByteLevel": return .none
        case "Sequence": return .sequence(try (spec.processors ?? []).map(postProcessor))
        default:
            throw ModelError.unsupportedTokenizerComponent(
                component: "post-processor", type: spec.type,
                supported: ["TemplateProcessing", "BertProcessing", "RobertaProcessing", "ByteLevel", "Sequence"])
        }
    }

    static func decoder(_ spec: ComponentSpec) throws -> TokenDecoder {
        switch spec.type {
        case "ByteLevel": return .byteLevel
        case "WordPiece": return .wordPiece(prefix: spec.prefix ?? "##", cleanup: spec.cleanup ?? true)
        default:
            throw ModelError.unsupportedTokenizerComponent(component: "decoder", type: spec.type, supported: ["ByteLevel", "WordPiece"])
        }
    }
}

/// The few `tokenizer_config.json` keys used when there is no `tokenizer.json`.
struct TokenizerConfig: Decodable {
    let doLowerCase: Bool?
    let modelMaxLength: Double?

    enum CodingKeys: String, CodingKey { case doLowerCase = "do_lower_case", modelMaxLength = "model_max_length" }

    static func read(_ directory: URL) throws -> TokenizerConfig? {
        let url = directory.appendingPathComponent("tokenizer_config.json")
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        do {
            return try JSONDecoder().decode(TokenizerConfig.self, from: try readFile(url))
        } catch let error as ModelError {
            throw error
        } catch {
            throw ModelError.malformedTokenizer(source: url.path, detail: describeDecodingError(error))
        }
    }
}

/// The contents of a file, or `ModelError.fileNotFound` / `.unreadableFile`.
func readFile(_ url: URL) throws -> Data {
    guard FileManager.default.fileExists(atPath: url.path) else {
        throw ModelError.fileNotFound(path: url.path, expected: url.lastPathComponent)
    }
    do { return try Data(contentsOf: url) } catch {
        throw ModelError.unreadableFile(path: url.path, reason: error.localizedDescription)
    }
}

/// A one-line account of a JSON decoding failure: what was wrong and where (`model.vocab`).
func describeDecodingError(_ error: Error) -> String {
    guard let error = error as? DecodingError else { return "\(error)" }
    func path(_ context: DecodingError.Context) -> String {
        let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
        return keys.isEmpty ? "top level" : keys.joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
    }
    switch error {
    case let .keyNotFound(key, context): return "missing key \"\(key.stringValue)\" at \(path(context))"
    case let .typeMismatch(type, context): return "\(path(context)) is not \(type): \(context.debugDescription)"
    case let .valueNotFound(type, context): return "\(path(context)) is null, expected \(type)"
    case let .dataCorrupted(context):
        let underlying = (context.underlyingError as NSError?).map { ": \($0.localizedDescription)" } ?? ""
        return "\(context.debugDescription) at \(path(context))\(underlying)"
    @unknown default: return "\(error)"
    }
}
