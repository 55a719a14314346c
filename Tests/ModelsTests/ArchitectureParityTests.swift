import Foundation
import Testing
import Formats
import Tensors
import TestSupport
@testable import Models

/// Every hidden state (and the logits of decoders) against Hugging Face `transformers`, within 1e-4.
@Suite struct ArchitectureParityTests {
    static let tolerance: Float = 1e-4

    @Test(arguments: ["tiny-gpt-neox", "tiny-gpt2", "tiny-roberta"])
    func tinyModelMatchesTransformers(name: String) throws {
        let model = try PretrainedModel.load(directory: Fixtures.url(name))
        #expect(model.warnings.isEmpty, "\(model.warnings)")
        let expected = try SafetensorsFile(url: Fixtures.url("\(name)/expected.safetensors"))
        let ids = try expected.int64s(named: "input_ids").map(Int.init)
        let isDecoder = model.network.architecture.isDecoder
        let output = try model.network.forward(try TokenBatch(sequences: [ids]),
                                               options: ForwardOptions(hiddenStates: .all, logits: isDecoder))
        let layers = model.summary.layerCount
        #expect(output.hiddenStates.count == layers + 1)
        for index in 0...layers {
            let actual = try #require(output.hiddenStates[index])
            let reference = try expected.tensor(named: "hidden.\(index)")
            #expect(mismatch(actual, reference, tolerance: Self.tolerance) == nil, "\(name) hidden.\(index)")
        }
        if isDecoder {
            let logits = try #require(output.logits)
            #expect(mismatch(logits, try expected.tensor(named: "logits"), tolerance: Self.tolerance) == nil, "\(name) logits")
        }
    }

    @Test(arguments: [("gpt-neox-sequential", "tiny-gpt-neox"), ("gpt2-gelu-inverse-scale", "tiny-gpt2"),
                      ("roberta-padding-ids", "tiny-roberta")])
    func configurationVariantMatchesTransformers(variant: String, base: String) throws {
        // The variant's config.json beside the base model's weights.
        let directory = Fixtures.temporaryDirectory("variant-\(variant)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.copyItem(at: Fixtures.url("variants/\(variant)/config.json"),
                                         to: directory.appendingPathComponent("config.json"))
        try FileManager.default.createSymbolicLink(at: directory.appendingPathComponent("model.safetensors"),
                                                   withDestinationURL: Fixtures.url("\(base)/model.safetensors"))
        let model = try PretrainedModel.load(directory: directory)
        let expected = try SafetensorsFile(url: Fixtures.url("variants/\(variant)/expected.safetensors"))
        let ids = try expected.int64s(named: "input_ids").map(Int.init)
        let isDecoder = model.network.architecture.isDecoder
        let output = try model.network.forward(try TokenBatch(sequences: [ids]), options: ForwardOptions(logits: isDecoder))
        for index in 0...model.summary.layerCount {
            let actual = try #require(output.hiddenStates[index])
            #expect(mismatch(actual, try expected.tensor(named: "hidden.\(index)"), tolerance: Self.tolerance) == nil,
                    "\(variant) hidden.\(index)")
        }
        if isDecoder {
            #expect(mismatch(try #require(output.logits), try expected.tensor(named: "logits"), tolerance: Self.tolerance) == nil)
        }
    }

    @Test func miniLMMatchesTransformers() throws {
        let model = try PretrainedModel.load(directory: try ModelsFixtures.requireMiniLM())
        #expect(model.warnings.isEmpty, "\(model.warnings)")
        let expected = try SafetensorsFile(url: Fixtures.url("minilm/expected.safetensors"))
        let sentences = try JSONDecoder().decode([String].self, from: Data(try #require(expected.metadata["sentences"]).utf8))
        #expect(sentences.count == 2)
        let tokenizer = try model.requireTokenizer()
        for (s, sentence) in sentences.enumerated() {
            let ids = try expected.int64s(named: "s\(s).input_ids").map(Int.init)
            #expect(tokenizer.encode(sentence).ids == ids, "tokenizer on sentence \(s)")
            let output = try model.network.forward(try TokenBatch(sequences: [ids]), options: ForwardOptions())
            for index in 0...6 {
                let actual = try #require(output.hiddenStates[index])
                #expect(mismatch(actual, try expected.tensor(named: "s\(s).hidden.\(index)"), tolerance: Self.tolerance) == nil,
                        "sentence \(s) hidden.\(index)")
            }
        }
    }
}
