import Foundation
import Formats
import Models
import SAE
import Shell
import Tensors
import Testing
import TestSupport

/// What the SAE verb tests share: a session with the tiny GPT-2 fixture's activations, typed
/// access to workspace objects and synthetic activation files.
enum SAETestSupport {
    /// Three short documents (33 tokens with the fixture's tokenizer).
    static let texts = ["The cat sat on the mat.", "Ask not what your country can do for you.", "One more short one, please, with some words."]

    /// The statements that load the GPT-2 fixture as g, the texts as s and record acts (3 layers × 33 tokens × 32).
    static var setup: [String] {
        ["g = load model \(ModelsTestPaths.gpt2.path)", "s = text " + texts.map { "\"\($0)\"" }.joined(separator: " "), "acts = activations g s"]
    }

    /// An in-process session over the standard registry with `setup` run.
    static func session() -> TestSession {
        let test = TestSession(registry: .standard())
        for line in setup { #expect(test.run(line) == .completed, "\(line): \(test.output.standardError)") }
        return test
    }

    /// The object stored under `name`, as `T`.
    static func object<T>(_ test: TestSession, _ name: String, as type: T.Type = T.self) throws -> T {
        try #require(test.session.workspace.object(named: name) as? T, "\(name) is not a \(T.self)")
    }

    /// Runs `line` and expects it to complete, returning what it printed.
    @discardableResult
    static func run(_ test: TestSession, _ line: String, sourceLocation: SourceLocation = #_sourceLocation) -> String {
        test.output.reset()
        let outcome = test.run(line)
        #expect(outcome == .completed, "\(line): \(test.output.standardError)", sourceLocation: sourceLocation)
        return test.output.standardOutput
    }

    /// Writes an activation file of `layers` layers × `tokens` tokens × `width` (one document),
    /// normal values from `seed`, with NaN at `nanAt` (layer position, token) when given.
    static func writeActivations(to url: URL, layers: Int = 2, tokens: Int = 40, width: Int = 8, seed: UInt64 = 1,
                                 nanAt: (layer: Int, token: Int)? = nil) throws {
        var writer = SafetensorsWriter(metadata: ["format": "mindscope-activations", "pooling": "none",
                                                  "layers": "[" + (0..<layers).map(String.init).joined(separator: ",") + "]"])
        var rng = SeededRNG(seed: seed)
        for layer in 0..<layers {
            var values = (0..<(tokens * width)).map { _ in Float(rng.normal()) }
            if let nanAt, nanAt.layer == layer { values[nanAt.token * width] = .nan }
            writer.add("layer.\(layer)", Tensor(values, shape: [tokens, width]))
        }
        writer.add("token_ids", int64s: (0..<tokens).map { Int64($0 % 7) }, shape: [tokens])
        writer.add("doc_offsets", int64s: [0, Int64(tokens)], shape: [2])
        writer.add("doc_indices", int64s: [0], shape: [1])
        try writer.write(to: url)
    }

    /// A JSON file as a Foundation value.
    static func json(_ url: URL) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    }

    /// |a − b| ≤ tolerance × max(1, |b|).
    static func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-9) -> Bool {
        (a.isNaN && b.isNaN) || abs(a - b) <= tolerance * max(1, abs(b))
    }
}
