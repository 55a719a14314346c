import Foundation
import Testing
import TestSupport
@testable import Models

/// Paths shared by the Models tests.
enum ModelsFixtures {
    /// The repository root (two levels above `Tests/Fixtures`).
    static let repositoryRoot = Fixtures.directory.deletingLastPathComponent().deletingLastPathComponent()

    /// The default model installed by `scripts/setup` (the real all-MiniLM-L6-v2).
    static let miniLM = repositoryRoot.appendingPathComponent("models/all-MiniLM-L6-v2")

    /// Fails the test with a clear message when the default model is not installed.
    static func requireMiniLM() throws -> URL {
        try #require(FileManager.default.fileExists(atPath: miniLM.appendingPathComponent("model.safetensors").path),
                     "the default model is missing at \(miniLM.path); run scripts/setup")
        return miniLM
    }
}

/// The tokenizer fixture written by `Tests/Fixtures/tokenizers/make_fixtures.py`.
struct TokenizerExpectations: Decodable {
    struct Case: Decodable { let text: String; let ids: [Int] }
    struct Truncated: Decodable { let text: String; let max_length: Int; let ids: [Int] }
    struct Pair: Decodable { let text: String; let pair: String; let max_length: Int?; let ids: [Int]; let type_ids: [Int] }
    struct Decoded: Decodable { let ids: [Int]; let skip_special_tokens: Bool; let text: String }
    struct WordPieceSet: Decodable { let cases: [Case]; let truncated: [Truncated]; let pairs: [Pair]; let decoded: [Decoded] }
    struct BPESet: Decodable { let cases: [Case]; let decoded: [Decoded] }
    struct Variant: Decodable { let name: String; let cases: [Case] }

    let wordpiece: WordPieceSet
    let bpe: BPESet
    let variants: [Variant]

    static func load() throws -> TokenizerExpectations {
        try JSONDecoder().decode(TokenizerExpectations.self, from: Data(contentsOf: Fixtures.url("tokenizers/expected.json")))
    }

    /// The bpe fixture tokenizer.json with the variant's "splice" keys overwritten.
    static func variantTokenizerJSON(_ name: String) throws -> Data {
        let all = try JSONSerialization.jsonObject(with: Data(contentsOf: Fixtures.url("tokenizers/expected.json"))) as! [String: Any]
        let variant = (all["variants"] as! [[String: Any]]).first { $0["name"] as? String == name }!
        var base = try JSONSerialization.jsonObject(with: Data(contentsOf: Fixtures.url("bpe/tokenizer.json"))) as! [String: Any]
        for (key, value) in variant["splice"] as! [String: Any] { base[key] = value }
        return try JSONSerialization.data(withJSONObject: base)
    }
}
