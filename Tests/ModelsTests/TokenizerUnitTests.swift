import Foundation
import Testing
import TestSupport
@testable import Models

/// Hand-worked tokenizer pieces and the legacy vocabulary files.
@Suite struct TokenizerUnitTests {
    func pieces(_ text: String) -> [String] {
        let scalars = Array(text.unicodeScalars)
        return GPT2PreTokenizerPattern.split(scalars).map { String(String.UnicodeScalarView(scalars[$0])) }
    }

    @Test func gpt2PatternSplitsAsTheRegexDoes() {
        #expect(pieces("Hello world") == ["Hello", " world"])
        #expect(pieces("I'm here, they'll go!") == ["I", "'m", " here", ",", " they", "'ll", " go", "!"])
        #expect(pieces("a   b") == ["a", "  ", " b"], "a whitespace run leaves its last space to the next word")
        #expect(pieces("a \t b") == ["a", " \t", " b"])
        #expect(pieces("x\ty") == ["x", "\t", "y"], "a lone tab before a word is its own piece")
        #expect(pieces("end   ") == ["end", "   "])
        #expect(pieces("abc123 456!?") == ["abc", "123", " 456", "!?"])
        #expect(pieces("'S'RE") == ["'", "S", "'", "RE"], "contractions are case-sensitive")
        #expect(pieces("e\u{301}t\u{e9}") == ["e", "\u{301}", "t\u{e9}"], "a combining mark is not a letter")
        #expect(pieces("") == [])
    }

    @Test func byteLevelAlphabetRoundTripsEveryByte() {
        let alphabet = ByteLevelAlphabet.gpt2
        #expect(Set(alphabet.scalarForByte).count == 256)
        #expect(alphabet.scalarForByte[Int(UInt8(ascii: " "))] == "\u{120}")
        #expect(alphabet.scalarForByte[Int(UInt8(ascii: "A"))] == "A")
        var bytes: [UInt8] = []
        alphabet.bytes(of: alphabet.encode("naïve 😀\n"[...]), into: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == "naïve 😀\n")
    }

    @Test func mergesApplyLowestRankFirstAndLeftmostOnTies() throws {
        let vocabulary = ["a": 0, "b": 1, "ab": 2, "aa": 3, "ba": 5]
        let bpe = try BPE(vocabulary: vocabulary, merges: [("a", "b"), ("a", "a"), ("b", "a")])
        func ids(_ word: String) -> [Int] { var out: [Int] = []; bpe.tokenize(word, into: &out); return out }
        #expect(ids("aab") == [0, 2], "(a,b) ranks before (a,a); then (a,ab) is not a merge")
        #expect(ids("aaa") == [3, 0], "leftmost pair first among equal ranks")
        #expect(ids("bab") == [1, 2], "(a,b) at rank 0 beats (b,a) at rank 2")
        #expect(ids("c") == [], "characters outside the vocabulary are dropped without an unknown token")
    }

    @Test func wordPieceGreedyLongestMatchAndUnknownWords() throws {
        let wordPiece = try WordPiece(vocabulary: ["[UNK]": 0, "un": 1, "##aff": 2, "##able": 3, "una": 4, "##ff": 5], unknownToken: "[UNK]",
                                      maximumCharactersPerWord: 10)
        func ids(_ word: String) -> [Int] { var out: [Int] = []; wordPiece.tokenize(word, into: &out); return out }
        #expect(ids("unaffable") == [4, 5, 3], "greedy: the longest prefix una, then ##ff, then ##able")
        #expect(ids("unable") == [0], "una leaves ##ble, which matches nothing; greedy never backs off to un + ##able")
        #expect(ids("unx") == [0], "one unmatched piece makes the whole word unknown")
        #expect(ids("unaffableee") == [0], "longer than the character limit")
    }

    @Test func legacyVocabularyFilesMatchTokenizerJSON() throws {
        // vocab.json + merges.txt written from the BPE fixture must tokenize as its tokenizer.json does.
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: Fixtures.url("bpe/tokenizer.json"))) as! [String: Any]
        let model = json["model"] as! [String: Any]
        let directory = Fixtures.temporaryDirectory("legacy-bpe")
        defer { try? FileManager.default.removeItem(at: directory) }
        try JSONSerialization.data(withJSONObject: model["vocab"]!).write(to: directory.appendingPathComponent("vocab.json"))
        let merges = (model["merges"] as! [[String]]).map { $0.joined(separator: " ") }
        try Data(("#version: 0.2\r\n" + merges.joined(separator: "\r\n") + "\r\n").utf8).write(to: directory.appendingPathComponent("merges.txt"))
        let legacy = try Tokenizer.load(directory: directory, modelType: "gpt2")
        let reference = try Tokenizer.load(tokenizerJSON: Fixtures.url("bpe/tokenizer.json"))
        for text in ["Hello world", "naïve café — émigré", "<|endoftext|>new document", "  spaces  "] {
            #expect(legacy.encode(text).ids == reference.encode(text).ids, "\(text)")
        }
    }

    @Test func vocabTxtWithWindowsLineEndings() throws {
        let directory = Fixtures.temporaryDirectory("vocab-crlf")
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("[PAD]\r\n[UNK]\r\n[CLS]\r\n[SEP]\r\nhello\r\n##s\r\n".utf8).write(to: directory.appendingPathComponent("vocab.txt"))
        let tokenizer = try Tokenizer.load(directory: directory)
        #expect(tokenizer.encode("Hellos").ids == [2, 4, 5, 3])
        #expect(tokenizer.decode([2, 4, 5, 3], skipSpecialTokens: true) == "hellos")
    }
}

/// `Tokenizer.load(url:)` picks the loader from the path.
@Suite struct TokenizerPathTests {
    @Test func loadsByKindOfPath() throws {
        let json = try Tokenizer.load(url: Fixtures.url("bpe/tokenizer.json"))
        #expect(json.encode("hello world").ids == [259, 287, 79, 423, 310], "ids from tokenizers 0.23")
        let directory = try Tokenizer.load(url: try ModelsFixtures.requireMiniLM())
        let vocab = try Tokenizer.load(url: ModelsFixtures.miniLM.appendingPathComponent("vocab.txt"))
        #expect(directory.encode("Hello, World!").ids == vocab.encode("Hello, World!").ids)
        do {
            _ = try Tokenizer.load(url: Fixtures.url("tiny-gpt2/model.safetensors"))
            Issue.record("no error")
        } catch {
            #expect("\(error)" == "invalid tokenizer file: model.safetensors is neither a .json tokenizer nor a .txt vocabulary")
        }
    }
}
