import Foundation
import Formats
import Models
import Tensors
import Testing
import TestSupport
@testable import Shell

/// `activations`, `save`, `load activations`, `embed` and `similarity` through `mindscope run`:
/// shapes, bookkeeping and values against the library and transformers.
@Suite("Activation verbs through mindscope run")
struct ActivationVerbTests {
    static let texts = ["The cat sat on the mat.", "Ask not what your country can do for you."]

    @Test func decoderActivationsMatchTransformersThroughSave() throws {
        let directory = Binary.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try ModelScripts.run([
            "g = load model \(ModelsTestPaths.gpt2.path)", "s = text \"\(Self.texts[0])\" \"\" \"\(Self.texts[1])\"",
            "acts = activations g s", "show acts", "save acts to out/acts", "export acts to out/acts.json",
        ], in: directory)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardError == "warning: skipped 1 empty document (1)\n")
        #expect(result.standardOutput.contains("""
            layers     0 1 2 (0 = embeddings)
            documents  2 of s (entries 0...2, 1 empty skipped)
            tokens     19 (per document 8 to 11, mean 9.5)
            rows       19 per layer (one per token)
            storage    in memory
            acts (activations): 3 layers × 19 tokens × 32, pool=none, f32, in memory
            """), "\(result.standardOutput)")
        #expect(result.standardOutput.contains("saved acts (activations) to out/acts.safetensors\n"))
        let file = try SafetensorsFile(url: directory.appendingPathComponent("out/acts.safetensors"))
        let expected = try SafetensorsFile(url: ModelsTestPaths.gpt2.appendingPathComponent("expected.safetensors"))
        let ids0 = try expected.int64s(named: "s0.input_ids"), ids1 = try expected.int64s(named: "s1.input_ids")
        #expect(try file.int64s(named: "token_ids") == ids0 + ids1)
        #expect(try file.int64s(named: "doc_offsets") == [0, Int64(ids0.count), Int64(ids0.count + ids1.count)])
        #expect(try file.int64s(named: "doc_indices") == [0, 2])
        for layer in 0...2 {
            let rows = try file.tensor(named: "layer.\(layer)")
            #expect(rows.shape == [19, 32])
            let reference = Tensor.concatenateRows([try expected.tensor(named: "s0.hidden.\(layer)"), try expected.tensor(named: "s1.hidden.\(layer)")])
            #expect(mismatch(rows, reference, tolerance: 1e-4) == nil, "layer \(layer) against transformers")
        }
        let layout = try #require(try ModelScripts.json("out/acts.json", in: directory) as? [String: Any])
        #expect(layout["layers"] as? [Int] == [0, 1, 2] && layout["rows"] as? Int == 19 && layout["pooling"] as? String == "none")
        #expect(layout["doc_offsets"] as? [Int] == [0, 8, 19] && layout["complete"] as? Bool == true)
        let metadata = try #require(layout["metadata"] as? [String: String])
        #expect(metadata["corpus"] == "s" && metadata["model"] == "tiny-gpt2-bpe" && metadata["model_directory"] == ModelsTestPaths.gpt2.path)
    }

    @Test func optionsShapeTheSet() throws {
        let directory = Binary.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try ModelScripts.run([
            "g = load model \(ModelsTestPaths.gptNeoX.path)", "s = text \"\(Self.texts[0])\" \"\(Self.texts[1])\" \"One more short one.\"",
            "a = activations g s layers=[2, 0] pool=last dtype=f16", "b = activations g s layers=1 max_tokens=12",
            "c = activations g s layers=[2] max_length=4 source=residual batch=1", "ls",
        ], in: directory)
        #expect(result.status == 0, "\(result.standardError)")
        let output = result.standardOutput
        #expect(output.contains("a (activations): 2 layers × 3 documents × 32, pool=last, f16, in memory\n"))
        #expect(output.contains("b (activations): 1 layer × 12 tokens × 32, pool=none, f32, in memory\n"))
        #expect(output.contains("documents  2 of s (entries 0...1)\ntokens     12 (per document 4 to 8, mean 6)\n"), "the budget cuts the last document")
        #expect(output.contains("c (activations): 1 layer × 12 tokens × 32, pool=none, f32, in memory\n"))
        #expect(result.standardError.contains("warning: stopped at the budget of 12 tokens after 2 of 3 documents\n"))
        #expect(result.standardError.contains("warning: truncated 3 documents to 4 tokens (0, 1, 2)\n"))
        #expect(output.contains("a     activations  2 × 3 × 32      "))
    }

    @Test func storeRoundTripsThroughLoadActivations() throws {
        let directory = Binary.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try ModelScripts.run([
            "g = load model \(ModelsTestPaths.gpt2.path)", "s = text \"\(Self.texts[0])\" \"\(Self.texts[1])\"",
            "stored = activations g s store=runs/store dtype=f16", "mem = activations g s dtype=f16",
            "back = load activations runs/store", "show back", "save back to runs/one.safetensors", "one = load activations runs/one.safetensors",
            "ls",
        ], in: directory)
        #expect(result.status == 0, "\(result.standardError)")
        let output = result.standardOutput
        #expect(output.contains("stored (activations): 3 layers × 19 tokens × 32, pool=none, f16, store runs/store\n"))
        #expect(output.contains("back (activations): 3 layers × 19 tokens × 32, pool=none, f16, store runs/store\n"))
        #expect(output.contains("tokenizer  byte-level BPE, 2000 tokens, no special tokens\n"), "the tokenizer comes back from the recorded model directory")
        #expect(output.contains("memory     "), "\(output)")
        #expect(output.contains("(rows memory-mapped, read on demand)\ndisk       "))
        let store = try ActivationSet.load(directory.appendingPathComponent("runs/store"))
        let file = try ActivationSet.load(directory.appendingPathComponent("runs/one.safetensors"))
        #expect(store.isComplete && store.tokenIDs == file.tokenIDs && store.documentOffsets == [0, 8, 19])
        for layer in 0...2 { #expect(try store.matrix(layer: layer) == file.matrix(layer: layer)) }
        // Writing into an existing store is refused, naming the directory.
        let again = try ModelScripts.run(["g = load model \(ModelsTestPaths.gpt2.path)", "x = activations g \"again\" store=runs/store"],
                                         in: directory, session: "again")
        #expect(again.status == 1)
        #expect(again.standardError.hasPrefix("error: script.msc:2: \(directory.appendingPathComponent("runs/store").path) already holds an activation store; choose another directory or delete it\n"))
    }

    @Test func embeddingsMatchSentenceTransformers() throws {
        let directory = Binary.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = try ModelsTestPaths.requireMiniLM().path
        let expected = try SafetensorsFile(url: Fixtures.url("minilm/expected.safetensors"))
        let listed = try #require(expected.metadata["sentences"])
        let sentences = try #require(try JSONSerialization.jsonObject(with: Data(listed.utf8)) as? [String])
        let list = sentences.map { "\"\($0)\"" }.joined(separator: ", ")
        let result = try ModelScripts.run([
            "m = load model \(path)", "e = embed m [\(list)]", "similarity e", "save e to out/e.npy", "export e to out/e.json",
            "export e to out/e.csv", "show e",
        ], in: directory)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("e (embeddings): 2 texts × 384 from all-MiniLM-L6-v2, L2-normalised\n"))
        let saved = try Npy.read(directory.appendingPathComponent("out/e.npy")).tensor()
        #expect(saved.shape == [2, 384])
        for row in 0..<2 {
            #expect(mismatch(saved.row(row), try expected.tensor(named: "s\(row).sentence_embedding"), tolerance: 1e-5) == nil, "sentence \(row)")
        }
        let cosine = Double(Tensor.cosineSimilarities(saved, saved).row(0).scalars[1])
        #expect(result.standardOutput.contains("_1 (table): cosine similarity of pairs of texts (1 row × 3 columns)\n"))
        #expect(result.standardOutput.contains("  \(Format.number(cosine))\n"), "\(result.standardOutput)")
        let json = try #require(try ModelScripts.json("out/e.json", in: directory) as? [String: Any])
        #expect(json["texts"] as? [String] == sentences && (json["embeddings"] as? [[Double]])?.count == 2)
        let csv = try String(contentsOf: directory.appendingPathComponent("out/e.csv"), encoding: .utf8)
        #expect(csv.hasPrefix("text,d0,d1,d2,") && csv.split(separator: "\n").count == 3)
    }

    @Test func similarityRanksPairsAcrossTwoSets() throws {
        let directory = Binary.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = try ModelsTestPaths.requireMiniLM().path
        let result = try ModelScripts.run([
            "m = load model \(path)", "q = embed m \"A man is eating pasta.\"",
            "c = embed m [\"A man is eating food.\", \"A plane is taking off.\", \"Someone is eating a meal.\"]",
            "best = similarity q with c top=2", "export best to best.csv",
        ], in: directory)
        #expect(result.status == 0, "\(result.standardError)")
        let csv = try String(contentsOf: directory.appendingPathComponent("best.csv"), encoding: .utf8)
        let rows = csv.split(separator: "\n").dropFirst().map { $0.split(separator: ",") }
        #expect(rows.count == 2 && rows.allSatisfy { $0[0] == "A man is eating pasta." })
        #expect(!csv.contains("plane"), "the unrelated sentence is not among the top 2: \(csv)")
    }
}
