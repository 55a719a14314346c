import Foundation
import Testing
import Tensors
@testable import Models

/// Each architecture built from a tiny inline config with random weights: shapes, parameter
/// counts (against the formula) and finiteness, without any file.
@Suite struct RandomArchitectureTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let json: String
        let parameters: Int
        var testDescription: String { String(json.prefix(40)) }
    }

    // C = 32, H = 4, F = 64, L = 2, V = 100, P = 40 (RoBERTa: 43 = 40 usable + padding_idx 2 + 1).
    static let cases: [Case] = [
        Case(json: """
             {"model_type": "bert", "vocab_size": 100, "hidden_size": 32, "num_hidden_layers": 2, "num_attention_heads": 4,
              "intermediate_size": 64, "max_position_embeddings": 40, "type_vocab_size": 2, "some_unknown_key": [1, 2]}
             """, parameters: 100 * 32 + 40 * 32 + 2 * 32 + 2 * 32 + 2 * (4 * (32 * 32 + 32) + 2 * 32 + (32 * 64 + 64) + (64 * 32 + 32) + 2 * 32)),
        Case(json: """
             {"model_type": "roberta", "vocab_size": 100, "hidden_size": 32, "num_hidden_layers": 2, "num_attention_heads": 4,
              "intermediate_size": 64, "max_position_embeddings": 43, "type_vocab_size": 1, "pad_token_id": 2}
             """, parameters: 100 * 32 + 43 * 32 + 1 * 32 + 2 * 32 + 2 * (4 * (32 * 32 + 32) + 2 * 32 + (32 * 64 + 64) + (64 * 32 + 32) + 2 * 32)),
        Case(json: """
             {"model_type": "gpt_neox", "vocab_size": 100, "hidden_size": 32, "num_hidden_layers": 2, "num_attention_heads": 4,
              "intermediate_size": 64, "max_position_embeddings": 40, "rotary_pct": 0.5, "use_parallel_residual": false}
             """, parameters: 100 * 32 * 2 + 2 * 32 + 2 * (2 * 2 * 32 + (32 * 96 + 96) + (32 * 32 + 32) + (32 * 64 + 64) + (64 * 32 + 32))),
        Case(json: """
             {"model_type": "gpt2", "vocab_size": 100, "n_embd": 32, "n_layer": 2, "n_head": 4, "n_inner": 64, "n_positions": 40}
             """, parameters: 100 * 32 + 40 * 32 + 2 * 32 + 2 * (2 * 2 * 32 + (32 * 96 + 96) + (32 * 32 + 32) + (32 * 64 + 64) + (64 * 32 + 32))),
    ]

    @Test(arguments: cases)
    func buildsAndRunsWithRandomWeights(item: Case) throws {
        let network = try PretrainedModel.randomlyInitialized(configuration: Data(item.json.utf8), seed: 1)
        let summary = network.summary
        #expect(summary.hiddenSize == 32 && summary.layerCount == 2 && summary.headCount == 4 && summary.feedForwardSize == 64)
        #expect(summary.vocabularySize == 100)
        #expect(summary.maximumLength == 40)
        #expect(summary.parameterCount == item.parameters)
        let batch = try TokenBatch(sequences: [Array(3..<40), [5, 6, 7]])
        let decoder = network.architecture.isDecoder
        let output = try network.forward(batch, options: ForwardOptions(hiddenStates: .all, residualStream: .all, logits: decoder))
        #expect(output.hiddenStates.count == 3)
        for (_, state) in output.hiddenStates {
            #expect(state.shape == [40, 32])
            #expect(state.isFinite)
        }
        #expect(output.residualStream.count == 3)
        if decoder {
            #expect(output.logits?.shape == [40, 100])
        } else {
            #expect(output.logits == nil)
        }
    }

    @Test func sameSeedSameWeightsDifferentSeedDifferentOutputs() throws {
        let json = Data(Self.cases[3].json.utf8)
        let batch = try TokenBatch(sequences: [[1, 2, 3]])
        let a = try PretrainedModel.randomlyInitialized(configuration: json, seed: 5).forward(batch, options: ForwardOptions())
        let b = try PretrainedModel.randomlyInitialized(configuration: json, seed: 5).forward(batch, options: ForwardOptions())
        let c = try PretrainedModel.randomlyInitialized(configuration: json, seed: 6).forward(batch, options: ForwardOptions())
        #expect(a.hiddenStates[2] == b.hiddenStates[2])
        #expect(a.hiddenStates[2] != c.hiddenStates[2])
    }
}
