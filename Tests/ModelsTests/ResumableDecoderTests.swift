import Foundation
import Testing
import Formats
import Tensors
import TestSupport
@testable import Models

/// Forward passes resumed part-way (`ResumableDecoder`): starting at layer l with the state the
/// normal forward produced there gives the normal outputs; starting at 0 matches transformers.
@Suite struct ResumableDecoderTests {
    static let decoders = ["tiny-gpt-neox", "tiny-gpt2"]

    func load(_ name: String) throws -> (any ResumableDecoder, TokenBatch, SafetensorsFile) {
        let model = try PretrainedModel.load(directory: Fixtures.url(name))
        let decoder = try #require(model.network as? any ResumableDecoder, "\(name) is resumable")
        let expected = try SafetensorsFile(url: Fixtures.url("\(name)/expected.safetensors"))
        let ids = try expected.int64s(named: "input_ids").map(Int.init)
        // Two sequences, so resuming must keep them apart as the normal pass does.
        return (decoder, try TokenBatch(sequences: [ids, Array(ids.prefix(5))]), expected)
    }

    @Test(arguments: decoders)
    func resumingFromEveryResidualEntryGivesTheNormalOutputs(name: String) throws {
        let (decoder, batch, expected) = try load(name)
        let layers = decoder.summary.layerCount
        let normal = try decoder.forward(batch, options: ForwardOptions(hiddenStates: .all, residualStream: .all, logits: true))
        let normalLogits = try #require(normal.logits)
        for layer in 0...layers {
            let state = try #require(normal.residualStream[layer])
            let resumed = try decoder.forward(batch, resumingAt: layer, of: .residualStream, with: state,
                                              options: ForwardOptions(hiddenStates: .all, logits: true))
            let logits = try #require(resumed.logits)
            #expect(mismatch(logits, normalLogits, tolerance: 1e-6) == nil, "\(name) logits from residual \(layer)")
            #expect(Set(resumed.hiddenStates.keys) == Set(layer...layers), "\(name): outputs only from the start on")
            for later in layer...layers {
                let hidden = try #require(resumed.hiddenStates[later]), reference = try #require(normal.hiddenStates[later])
                #expect(mismatch(hidden, reference, tolerance: 1e-6) == nil, "\(name) hidden \(later) from residual \(layer)")
            }
        }
        // Starting at the embeddings reproduces transformers' logits for the first sequence.
        let fromEmbeddings = try decoder.forward(batch, resumingAt: 0, of: .residualStream, with: try #require(normal.residualStream[0]),
                                                 options: ForwardOptions(hiddenStates: .none, logits: true))
        let first = try #require(fromEmbeddings.logits).rows(0..<batch.offsets[1])
        #expect(mismatch(first, try expected.tensor(named: "logits"), tolerance: 1e-4) == nil, "\(name) logits against transformers")
    }

    @Test(arguments: decoders)
    func finalHiddenStateRunsOnlyTheHead(name: String) throws {
        let (decoder, batch, _) = try load(name)
        let layers = decoder.summary.layerCount
        let normal = try decoder.forward(batch, options: ForwardOptions(hiddenStates: .all, logits: true))
        let final = try #require(normal.hiddenStates[layers])
        let resumed = try decoder.forward(batch, resumingAt: layers, of: .hiddenStates, with: final,
                                          options: ForwardOptions(hiddenStates: .all, logits: true))
        #expect(mismatch(try #require(resumed.logits), try #require(normal.logits), tolerance: 1e-6) == nil)
        #expect(resumed.hiddenStates.count == 1 && resumed.hiddenStates[layers] == final)
        // Below L, hidden states are the residual stream: both sources agree.
        let middle = try #require(normal.hiddenStates[1])
        let viaHidden = try decoder.forward(batch, resumingAt: 1, of: .hiddenStates, with: middle, options: ForwardOptions(hiddenStates: .none, logits: true))
        let viaResidual = try decoder.forward(batch, resumingAt: 1, of: .residualStream, with: middle, options: ForwardOptions(hiddenStates: .none, logits: true))
        #expect(mismatch(try #require(viaHidden.logits), try #require(viaResidual.logits), tolerance: 1e-6) == nil)
    }

    @Test func editedStatesChangeTheLogits() throws {
        let (decoder, batch, _) = try load("tiny-gpt2")
        let normal = try decoder.forward(batch, options: ForwardOptions(hiddenStates: .none, residualStream: .only([1]), logits: true))
        let edited = try #require(normal.residualStream[1]) * 1.5
        let resumed = try decoder.forward(batch, resumingAt: 1, of: .residualStream, with: edited, options: ForwardOptions(hiddenStates: .none, logits: true))
        #expect(try #require(resumed.logits).maxAbsDifference(try #require(normal.logits)) > 1e-3)
    }

    @Test func badStartsAreErrors() throws {
        let (decoder, batch, _) = try load("tiny-gpt2")
        let state = Tensor(zeros: [batch.tokenCount, 64])
        #expect(throws: ModelError.layerOutOfRange(layer: 4, available: 0...3)) {
            try decoder.forward(batch, resumingAt: 4, of: .residualStream, with: state, options: ForwardOptions(logits: true))
        }
        #expect(throws: ModelError.invalidArgument(name: "state", detail: "has shape [3, 64], the batch needs [\(batch.tokenCount), 64]")) {
            try decoder.forward(batch, resumingAt: 1, of: .residualStream, with: Tensor(zeros: [3, 64]), options: ForwardOptions(logits: true))
        }
        let encoder = try PretrainedModel.load(directory: Fixtures.url("tiny-roberta"))
        #expect(encoder.network as? any ResumableDecoder == nil, "encoders have no language-model head to resume to")
    }
}
