import Foundation
import Testing
import Formats
import Tensors
import TestSupport
@testable import Models

/// One clear error (or warning) per kind of bad input, with the exact message pinned.
@Suite struct BadInputTests {
    /// A scratch model directory holding `config` and, optionally, the weights of a fixture.
    func modelDirectory(config: String?, weightsFrom fixture: String? = nil, extraFiles: [String] = []) throws -> URL {
        let directory = Fixtures.temporaryDirectory("bad-input")
        if let config { try Data(config.utf8).write(to: directory.appendingPathComponent("config.json")) }
        if let fixture {
            try FileManager.default.createSymbolicLink(at: directory.appendingPathComponent("model.safetensors"),
                                                       withDestinationURL: Fixtures.url("\(fixture)/model.safetensors"))
        }
        for name in extraFiles { try Data("not a pickle".utf8).write(to: directory.appendingPathComponent(name)) }
        return directory
    }

    func loadError(_ directory: URL) -> String? {
        do { _ = try PretrainedModel.load(directory: directory); return nil } catch { return "\(error)" }
    }

    func fixtureConfig(_ name: String) throws -> String { try String(contentsOf: Fixtures.url("\(name)/config.json"), encoding: .utf8) }

    @Test func missingDirectoryAndMissingConfig() throws {
        let nowhere = URL(fileURLWithPath: "/nonexistent/model")
        #expect(loadError(nowhere) == "/nonexistent/model not found (expected a model directory with config.json and *.safetensors)")
        let empty = try modelDirectory(config: nil)
        #expect(loadError(empty) == "\(empty.path)/config.json not found (expected config.json of a Hugging Face model)")
        let file = Fixtures.url("tiny-gpt2/config.json")
        #expect(loadError(file) == "\(file.path) is not a directory; a model directory holds config.json and *.safetensors")
    }

    @Test func unsupportedArchitectureListsTheSupportedOnes() throws {
        let llama = try modelDirectory(config: #"{"model_type": "llama"}"#)
        #expect(loadError(llama) == #"unsupported model_type "llama"; supported: bert, gpt2, gpt_neox, roberta"#)
        let nearMiss = try modelDirectory(config: #"{"model_type": "gpt-neox"}"#)
        #expect(loadError(nearMiss) == #"unsupported model_type "gpt-neox" (did you mean "gpt_neox"?); supported: bert, gpt2, gpt_neox, roberta"#)
    }

    @Test func malformedAndInvalidConfigurations() throws {
        let notJSON = try modelDirectory(config: "{model_type: bert")
        #expect(loadError(notJSON)?.hasPrefix("malformed \(notJSON.path)/config.json: ") == true)
        let noType = try modelDirectory(config: #"{"hidden_size": 64}"#)
        #expect(loadError(noType) == "malformed \(noType.path)/config.json: missing key \"model_type\" at top level")
        let wrongType = try modelDirectory(config: #"{"model_type": "bert", "hidden_size": "wide"}"#)
        #expect(loadError(wrongType)?.hasPrefix("malformed \(wrongType.path)/config.json: hidden_size is not Int") == true)
        let heads = try modelDirectory(config: #"{"model_type": "gpt2", "n_embd": 64, "n_head": 5}"#)
        #expect(loadError(heads) == "invalid configuration value num_attention_heads: hidden size 64 is not divisible by 5 heads")
        let activation = try modelDirectory(config: #"{"model_type": "bert", "hidden_act": "swish"}"#)
        #expect(loadError(activation) == #"unsupported activation "swish": supported: gelu, gelu_new, gelu_pytorch_tanh, gelu_fast, relu"#)
        let scaled = try modelDirectory(config: #"{"model_type": "gpt_neox", "rope_scaling": {"rope_type": "linear", "factor": 2}}"#)
        #expect(loadError(scaled) == #"unsupported rope_scaling "linear": only unscaled (default) rotary embeddings are supported"#)
    }

    @Test func pytorchPicklesAreRefusedAndMissingWeightsReported() throws {
        let pickle = try modelDirectory(config: try fixtureConfig("tiny-gpt2"), extraFiles: ["pytorch_model.bin"])
        let message = try #require(loadError(pickle))
        #expect(message.hasPrefix("refusing to read \(pickle.path)/pytorch_model.bin: PyTorch .bin checkpoints are pickles"))
        #expect(message.contains("convert it to safetensors"))
        let none = try modelDirectory(config: try fixtureConfig("tiny-gpt2"))
        #expect(loadError(none) == "no model.safetensors, *.safetensors shards or model.safetensors.index.json in \(none.path)")
    }

    /// tiny-gpt2's weights with `edit` applied, written next to its config.
    func editedGPT2(_ edit: (inout [String: Tensor]) -> Void) throws -> URL {
        let file = try SafetensorsFile(url: Fixtures.url("tiny-gpt2/model.safetensors"))
        var tensors: [String: Tensor] = [:]
        for name in file.names { tensors[name] = try file.tensor(named: name) }
        edit(&tensors)
        var writer = SafetensorsWriter()
        for (name, tensor) in tensors { writer.add(name, tensor) }
        let directory = try modelDirectory(config: try fixtureConfig("tiny-gpt2"))
        try writer.write(to: directory.appendingPathComponent("model.safetensors"))
        return directory
    }

    @Test func missingMisshapedAndExtraTensors() throws {
        let missing = try editedGPT2 { $0["transformer.h.1.ln_2.weight"] = nil; $0["transformer.wpe.weight"] = nil }
        #expect(loadError(missing) == "checkpoint is missing 2 tensors: wpe.weight [128, 64], h.1.ln_2.weight [64]")
        let misshaped = try editedGPT2 { $0["transformer.h.0.mlp.c_fc.weight"] = Tensor(zeros: [256, 64]) }
        #expect(loadError(misshaped) == "tensor transformer.h.0.mlp.c_fc.weight has shape [256, 64], expected [64, 256]")
        let extra = try editedGPT2 { $0["transformer.h.0.attn.bias"] = Tensor(zeros: [1, 1, 128, 128]); $0["score.weight"] = Tensor(zeros: [2, 64]) }
        let model = try PretrainedModel.load(directory: extra)
        #expect(model.warnings == [.unusedTensors(names: ["score.weight"])], "the causal-mask buffer is dropped silently")
        #expect(model.warnings.first?.description == "1 checkpoint tensor is not used by the model: score.weight")
    }

    @Test func malformedTokenizers() throws {
        func message(_ json: String) -> String? {
            do { _ = try Tokenizer(tokenizerJSON: Data(json.utf8), source: "t.json"); return nil } catch { return "\(error)" }
        }
        #expect(message("{")?.hasPrefix("malformed tokenizer t.json: ") == true)
        #expect(message(#"{"added_tokens": []}"#) == #"malformed tokenizer t.json: missing key "model" at top level"#)
        #expect(message(#"{"model": {"type": "Unigram", "vocab": [["a", 0.0]]}}"#)
                == #"unsupported tokenizer model "Unigram"; supported: WordPiece, BPE"#)
        #expect(message(#"{"model": {"type": "WordPiece", "vocab": {"a": 0}, "unk_token": "[UNK]"}}"#)
                == #"tokenizer vocabulary has no unknown token "[UNK]""#)
        #expect(message(#"{"model": {"type": "BPE", "vocab": {"a": 0}, "merges": ["a b"]}}"#)
                == #"malformed tokenizer t.json: merge 0 ("a" "b") uses a token that is not in the vocabulary"#)
        #expect(message(#"{"normalizer": {"type": "Replace"}, "model": {"type": "BPE", "vocab": {"a": 0}, "merges": []}}"#)
                == #"unsupported tokenizer normalizer "Replace"; supported: BertNormalizer, NFC, NFD, NFKC, NFKD, Lowercase, StripAccents, Sequence"#)
        #expect(message(#"{"model": {"type": "BPE", "vocab": {"a": "zero"}, "merges": []}}"#)?.hasPrefix("malformed tokenizer t.json: model.vocab.a is not Int") == true)
    }

    @Test func badBatches() throws {
        let model = try PretrainedModel.load(directory: Fixtures.url("tiny-gpt2"))
        func message(_ body: () throws -> Void) -> String? {
            do { try body(); return nil } catch { return "\(error)" }
        }
        #expect(message { _ = try TokenBatch(sequences: []) } == "empty batch: no sequences to run")
        #expect(message { _ = try TokenBatch(sequences: [[1], []]) } == "sequence 1 has no tokens")
        #expect(message { _ = try model.network.forward(try TokenBatch(sequences: [[1, 512]]), options: ForwardOptions()) }
                == "token id 512 is outside the vocabulary (0..<512)")
        #expect(message { _ = try model.network.forward(try TokenBatch(sequences: [[1], Array(repeating: 3, count: 129)]), options: ForwardOptions()) }
                == "sequence 1 has 129 tokens; the model takes at most 128 (truncate it)")
        let encoder = try PretrainedModel.load(directory: Fixtures.url("tiny-roberta"))
        #expect(message { _ = try encoder.network.forward(try TokenBatch(sequences: [[0, 2]]), options: ForwardOptions(logits: true)) }
                == "invalid logits: RoBERTa encoders have no language-model head")
        #expect(message { _ = try encoder.requireTokenizer() } == "no tokenizer.json, vocab.txt or vocab.json + merges.txt in \(Fixtures.url("tiny-roberta").path)")
    }
}
