import Foundation
import Testing
import TestSupport
@testable import Models

/// config.json decoding: both rotary spellings, defaults, unknown keys, the registry.
@Suite struct ConfigurationTests {
    func neoX(_ json: String) throws -> GPTNeoXConfiguration {
        guard case let .gptNeoX(configuration) = try ModelRegistry.configuration(Data(json.utf8), path: "config.json") else {
            throw ModelError.invalidArgument(name: "test", detail: "not GPT-NeoX")
        }
        return configuration
    }

    @Test func gptNeoXReadsBothRotarySpellings() throws {
        let newer = try neoX(try String(contentsOf: Fixtures.url("tiny-gpt-neox/config.json"), encoding: .utf8))
        #expect(newer.rotaryFraction == 0.25 && newer.rotaryBase == 10000 && newer.rotaryDimensions == 4)
        let older = try neoX(#"{"model_type": "gpt_neox", "hidden_size": 64, "num_attention_heads": 4, "rotary_pct": 0.5, "rotary_emb_base": 500}"#)
        #expect(older.rotaryFraction == 0.5 && older.rotaryBase == 500 && older.rotaryDimensions == 8)
        let both = try neoX(#"{"model_type": "gpt_neox", "hidden_size": 64, "num_attention_heads": 4, "rotary_pct": 0.5, "#
                            + #""rope_parameters": {"partial_rotary_factor": 1.0, "rope_theta": 1000, "rope_type": "default"}}"#)
        #expect(both.rotaryFraction == 1.0 && both.rotaryBase == 1000, "rope_parameters wins")
        let defaults = try neoX(#"{"model_type": "gpt_neox", "hidden_size": 64, "num_attention_heads": 4}"#)
        #expect(defaults.rotaryFraction == GPTNeoXConfiguration.Defaults.rotaryFraction && defaults.useParallelResidual)
    }

    @Test func defaultsAndUnknownKeys() throws {
        let json = #"{"model_type": "bert", "vocab_size": 10, "hidden_size": 8, "num_attention_heads": 2, "a_key_nobody_knows": {"x": 1}}"#
        guard case let .bert(configuration) = try ModelRegistry.configuration(Data(json.utf8), path: "c") else { Issue.record("not BERT"); return }
        #expect(configuration == BertConfiguration(vocabularySize: 10, hiddenSize: 8, headCount: 2))
        #expect(configuration.layerNormEpsilon == 1e-12 && configuration.padTokenID == 0)
        let gpt2 = try ModelRegistry.configuration(Data(#"{"model_type": "gpt2"}"#.utf8), path: "c")
        #expect(gpt2 == .gpt2(GPT2Configuration()))
        #expect(GPT2Configuration().feedForwardSize == 3072)
    }

    @Test func registryListsExactlyTheFourArchitectures() {
        #expect(ModelRegistry.supportedModelTypes == ["bert", "gpt2", "gpt_neox", "roberta"])
        #expect(Set(ModelRegistry.supportedModelTypes) == Set(Architecture.allCases.map(\.modelType)))
    }

    @Test func validationNamesTheKey() {
        let cases: [(String, String)] = [
            (#"{"model_type": "bert", "num_hidden_layers": 0}"#, "invalid configuration value num_hidden_layers: must be positive, got 0"),
            (#"{"model_type": "bert", "position_embedding_type": "relative_key"}"#,
             #"unsupported position_embedding_type "relative_key": only "absolute" is supported"#),
            (#"{"model_type": "bert", "vocab_size": 10, "pad_token_id": 12}"#,
             "invalid configuration value pad_token_id: 12 is outside the vocabulary (0..<10)"),
            (#"{"model_type": "gpt_neox", "hidden_size": 64, "num_attention_heads": 4, "rotary_pct": 0.2}"#,
             "invalid configuration value rotary_pct: gives 3 rotary dimensions per head; an even number is needed"),
            (#"{"model_type": "gpt2", "add_cross_attention": true}"#,
             "unsupported add_cross_attention: encoder-decoder GPT-2 variants are not supported"),
        ]
        for (json, expected) in cases {
            do {
                _ = try ModelRegistry.configuration(Data(json.utf8), path: "c")
                Issue.record("no error for \(json)")
            } catch {
                #expect("\(error)" == expected)
            }
        }
    }
}
