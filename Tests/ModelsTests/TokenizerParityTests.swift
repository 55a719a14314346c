import Foundation
import Testing
import TestSupport
@testable import Models

/// Token ids against Hugging Face `tokenizers` (fixtures in Tests/Fixtures/bpe and /tokenizers).
@Suite struct TokenizerParityTests {
    @Test func byteLevelBPEMatchesSharedFixture() throws {
        struct Case: Decodable { let text: String; let ids: [Int] }
        let cases = try JSONDecoder().decode([Case].self, from: Data(contentsOf: Fixtures.url("bpe/expected.json")))
        let tokenizer = try Tokenizer.load(tokenizerJSON: Fixtures.url("bpe/tokenizer.json"))
        #expect(cases.count == 5)
        for item in cases {
            #expect(tokenizer.encode(item.text).ids == item.ids, "text: \(item.text.debugDescription)")
        }
    }

    @Test func byteLevelBPEMatchesExtraCases() throws {
        let expected = try TokenizerExpectations.load()
        let tokenizer = try Tokenizer.load(tokenizerJSON: Fixtures.url("bpe/tokenizer.json"))
        for item in expected.bpe.cases {
            #expect(tokenizer.encode(item.text).ids == item.ids, "text: \(item.text.debugDescription)")
        }
        for item in expected.bpe.decoded {
            #expect(tokenizer.decode(item.ids) == item.text)
        }
    }

    @Test func wordPieceFromTokenizerJSONMatchesExtraCases() throws {
        let expected = try TokenizerExpectations.load()
        let tokenizer = try Tokenizer.load(tokenizerJSON: try ModelsFixtures.requireMiniLM().appendingPathComponent("tokenizer.json"))
        for item in expected.wordpiece.cases {
            #expect(tokenizer.encode(item.text).ids == item.ids, "text: \(item.text.debugDescription)")
        }
    }

    @Test func wordPieceFromVocabTxtMatchesExtraCases() throws {
        let expected = try TokenizerExpectations.load()
        let tokenizer = try Tokenizer.load(vocabTxt: try ModelsFixtures.requireMiniLM().appendingPathComponent("vocab.txt"))
        for item in expected.wordpiece.cases {
            #expect(tokenizer.encode(item.text).ids == item.ids, "text: \(item.text.debugDescription)")
        }
    }

    @Test func wordPieceTruncationPairsAndDecoding() throws {
        let expected = try TokenizerExpectations.load()
        let tokenizer = try Tokenizer.load(directory: try ModelsFixtures.requireMiniLM())
        for item in expected.wordpiece.truncated {
            let encoding = tokenizer.encode(item.text, maxLength: item.max_length)
            #expect(encoding.ids == item.ids, "max_length \(item.max_length)")
            #expect(encoding.truncatedTokenCount == tokenizer.encode(item.text).count - item.ids.count)
        }
        for item in expected.wordpiece.pairs {
            let encoding = tokenizer.encode(item.text, pair: item.pair, maxLength: item.max_length)
            #expect(encoding.ids == item.ids, "pair \(item.pair.prefix(20)) max_length \(String(describing: item.max_length))")
            #expect(encoding.typeIDs == item.type_ids)
        }
        for item in expected.wordpiece.decoded {
            #expect(tokenizer.decode(item.ids, skipSpecialTokens: item.skip_special_tokens) == item.text)
        }
    }

    @Test(arguments: ["roberta-style", "prefix-space-nfkc-lowercase"])
    func variantsMatch(name: String) throws {
        let expected = try TokenizerExpectations.load()
        let tokenizer = try Tokenizer(tokenizerJSON: try TokenizerExpectations.variantTokenizerJSON(name), source: name)
        let variant = try #require(expected.variants.first { $0.name == name })
        for item in variant.cases {
            #expect(tokenizer.encode(item.text).ids == item.ids, "text: \(item.text.debugDescription)")
        }
    }
}
