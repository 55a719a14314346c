import Foundation
import Testing
import Formats
import Tensors
import TestSupport
@testable import Models

/// A sequence's outputs must not change (beyond 1e-5) when it is batched with longer ones.
@Suite struct BatchingTests {
    func assertSameRows(_ alone: ForwardOutput, _ batched: ForwardOutput, rows: Range<Int>, label: String) throws {
        for (index, single) in alone.hiddenStates {
            let slice = try #require(batched.hiddenStates[index]).rows(rows)
            #expect(single.maxAbsDifference(slice) <= 1e-5, "\(label) hidden.\(index)")
        }
        if let logits = alone.logits {
            #expect(logits.maxAbsDifference(try #require(batched.logits).rows(rows)) <= 1e-5, "\(label) logits")
        }
    }

    @Test func miniLMSentenceIsUnchangedInABatchWithLongerOnes() throws {
        let model = try PretrainedModel.load(directory: try ModelsFixtures.requireMiniLM())
        let tokenizer = try model.requireTokenizer()
        let short = tokenizer.encode("I told my baby I loved her when she cried.").ids
        let long = tokenizer.encode(String(repeating: "The residual stream carries information across layers. ", count: 12)).ids
        let medium = tokenizer.encode("A medium sentence, longer than the short one but not by much at all.").ids
        let alone = try model.network.forward(try TokenBatch(sequences: [short]), options: ForwardOptions())
        let batch = try TokenBatch(sequences: [long, short, medium])
        let batched = try model.network.forward(batch, options: ForwardOptions())
        try assertSameRows(alone, batched, rows: batch.ranges[1], label: "MiniLM")
    }

    @Test(arguments: ["tiny-gpt-neox", "tiny-gpt2", "tiny-roberta"])
    func tinyModelSequenceIsUnchangedInABatch(name: String) throws {
        let model = try PretrainedModel.load(directory: Fixtures.url(name))
        var rng = SeededRNG(seed: 11)
        let short = (0..<9).map { _ in 3 + rng.integer(below: 500) }
        let long = (0..<120).map { _ in 3 + rng.integer(below: 500) }
        let options = ForwardOptions(logits: model.network.architecture.isDecoder)
        let alone = try model.network.forward(try TokenBatch(sequences: [short]), options: options)
        let batch = try TokenBatch(sequences: [long, short, Array(long.prefix(40))])
        let batched = try model.network.forward(batch, options: options)
        try assertSameRows(alone, batched, rows: batch.ranges[1], label: name)
    }

    @Test func decoderResidualStreamExposesTheRawLastBlock() throws {
        let model = try PretrainedModel.load(directory: Fixtures.url("tiny-gpt2"))
        let batch = try TokenBatch(sequences: [[5, 17, 42, 301]])
        let output = try model.network.forward(batch, options: ForwardOptions(hiddenStates: .all, residualStream: .all))
        #expect(output.residualStream.count == 4)
        for index in 0..<3 {
            #expect(output.residualStream[index] == output.hiddenStates[index], "entries below L are the hidden states")
        }
        // hidden.3 is LN_f(residual.3): normalised rows, unlike the raw residual.
        let raw = try #require(output.residualStream[3]), final = try #require(output.hiddenStates[3])
        #expect(raw.maxAbsDifference(final) > 1e-3)
    }

    @Test func selectedHiddenStatesOnly() throws {
        let model = try PretrainedModel.load(directory: Fixtures.url("tiny-roberta"))
        let batch = try TokenBatch(sequences: [[0, 5, 17, 2], [0, 9, 2]])
        let output = try model.network.forward(batch, options: ForwardOptions(hiddenStates: .only([0, 2])))
        #expect(Set(output.hiddenStates.keys) == [0, 2])
        #expect(output.hiddenStates[2]?.shape == [7, 64])
        #expect(output.logits == nil)
    }
}
