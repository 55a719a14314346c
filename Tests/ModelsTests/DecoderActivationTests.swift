import Foundation
import Testing
import Tensors
import TestSupport
@testable import Models

/// Activations of a decoder (random-weight GPT-2 with the byte-level BPE fixture tokenizer):
/// hidden states against the raw residual stream, last-token pooling, refused cls pooling.
@Suite struct DecoderActivationTests {
    func decoder() throws -> PretrainedModel {
        let config = #"{"model_type": "gpt2", "vocab_size": 2000, "n_embd": 32, "n_layer": 2, "n_head": 4, "n_positions": 64}"#
        let network = try PretrainedModel.randomlyInitialized(configuration: Data(config.utf8), seed: 3)
        let tokenizer = try Tokenizer.load(tokenizerJSON: Fixtures.url("bpe/tokenizer.json"))
        return PretrainedModel(directory: URL(fileURLWithPath: "/random/gpt2"), network: network, tokenizer: tokenizer)
    }

    @Test func residualStreamDiffersFromHiddenStatesOnlyAtTheLastLayer() throws {
        let model = try decoder()
        let texts = ["Hello world, this is a decoder.", "Short one"]
        let hidden = try model.activations(of: texts, request: ActivationRequest(source: .hiddenStates)).set
        let residual = try model.activations(of: texts, request: ActivationRequest(source: .residualStream)).set
        #expect(hidden.layers == [0, 1, 2] && hidden.tokenIDs == model.tokenizer!.encode(texts[0]).ids + model.tokenizer!.encode(texts[1]).ids)
        for layer in [0, 1] { #expect(try hidden.matrix(layer: layer).maxAbsDifference(residual.matrix(layer: layer)) <= 1e-6) }
        #expect(try hidden.matrix(layer: 2).maxAbsDifference(residual.matrix(layer: 2)) > 1e-3)
    }

    @Test func lastPoolingTakesTheLastToken() throws {
        let model = try decoder()
        let texts = ["Hello world, this is a decoder.", "Short one"]
        let tokens = try model.activations(of: texts, request: ActivationRequest(layers: .only([2]))).set
        let last = try model.activations(of: texts, request: ActivationRequest(layers: .only([2]), pooling: .last)).set
        for d in 0..<2 {
            let row = tokens.tokenRange(ofDocument: d).upperBound - 1
            #expect(try last.rows(layer: 2, d..<(d + 1)).maxAbsDifference(tokens.rows(layer: 2, row..<(row + 1))) <= 1e-6)
        }
    }

    @Test func clsPoolingIsRefusedForDecoders() throws {
        let model = try decoder()
        do {
            _ = try model.activations(of: ["x"], request: ActivationRequest(pooling: .cls))
            Issue.record("no error")
        } catch {
            #expect("\(error)" == "pool=cls needs an encoder with a [CLS] token; gpt2 is a decoder (use pool=last or pool=mean)")
        }
    }
}
