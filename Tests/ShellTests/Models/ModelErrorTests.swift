import Foundation
import Testing
import TestSupport
@testable import Shell

/// Bad input to the model verbs: one clear `error:` line each (with a caret at the argument at
/// fault), warnings where the work goes on, and a workspace left as it was.
@Suite("Model verbs: bad input")
struct ModelErrorTests {
    /// A session over the standard commands with a GPT-2 (`g`), a tokenizer-less GPT-2 (`bare`)
    /// and a text (`t`) loaded.
    func session() throws -> TestSession {
        let session = TestSession(registry: .standard())
        #expect(session.run("g = load model \(ModelsTestPaths.gpt2.path)") == .completed)
        #expect(session.run("bare = load model \(Fixtures.url("tiny-gpt2").path)") == .completed)
        #expect(session.run(#"t = text "one document" "another""#) == .completed)
        return session
    }

    /// The first line of what `line` printed on standard error.
    func firstError(_ session: TestSession, _ line: String) -> String {
        String(session.errors(line).split(separator: "\n").first ?? "")
    }

    @Test func checkpointsThatCannotBeLoaded() throws {
        let directory = Fixtures.temporaryDirectory("bad-checkpoints")
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = try String(contentsOf: Fixtures.url("tiny-gpt2/config.json"), encoding: .utf8)
        for name in ["bin", "llama", "empty"] { try FileManager.default.createDirectory(at: directory.appendingPathComponent(name), withIntermediateDirectories: true) }
        try Data(config.utf8).write(to: directory.appendingPathComponent("bin/config.json"))
        try Data("not a pickle".utf8).write(to: directory.appendingPathComponent("bin/pytorch_model.bin"))
        try Data(config.replacingOccurrences(of: "\"gpt2\"", with: "\"llama\"").utf8).write(to: directory.appendingPathComponent("llama/config.json"))
        let session = try self.session()
        let root = directory.path
        #expect(firstError(session, "x = load model \(root)/bin").hasPrefix("error: refusing to read \(root)/bin/pytorch_model.bin: PyTorch .bin checkpoints are pickles"))
        #expect(firstError(session, "x = load model \(root)/llama") == #"error: unsupported model_type "llama"; supported: bert, gpt2, gpt_neox, roberta"#)
        #expect(firstError(session, "x = load model \(root)/empty") == "error: \(root)/empty/config.json not found (expected config.json of a Hugging Face model)")
        #expect(firstError(session, "x = load model \(root)/nowhere") == "error: no such file: \(root)/nowhere")
        #expect(firstError(session, "x = load model \(root)/bin/config.json")
                == "error: \(root)/bin/config.json is not a directory; a model directory holds config.json and *.safetensors")
        #expect(firstError(session, "x = load tokenizer \(root)/bin/config.json").hasPrefix("error: malformed tokenizer \(root)/bin/config.json: "))
        #expect(session.session.workspace.names == ["g", "bare", "t"], "failed statements leave the workspace as it was")
    }

    @Test func caretPointsAtTheArgumentAtFault() throws {
        let session = try self.session()
        let output = session.errors("x = load model \(Fixtures.url("tiny-gpt2").path)/nope")
        #expect(output.hasSuffix("\n  x = load model \(Fixtures.url("tiny-gpt2").path)/nope\n                 \(String(repeating: "^", count: 1))\(String(repeating: "~", count: Fixtures.url("tiny-gpt2").path.count + 4))\n"))
        let layers = session.errors("activations g t layers=[9]")
        #expect(layers == """
            error: layer 9 does not exist; hidden states are numbered 0...2 (0 = embeddings)
              activations g t layers=[9]
                              ^~~~~~~~~~

            """)
    }

    @Test func modelsWithoutTokenizers() throws {
        let session = TestSession(registry: .standard())
        let path = Fixtures.url("tiny-gpt2").path
        #expect(session.errors("bare = load model \(path)")
                == "warning: \(path) has no tokenizer; tokenize, activations and embed need one (load model DIR tokenizer=FILE)\n")
        let missing = "error: no tokenizer.json, vocab.txt or vocab.json + merges.txt in \(path)"
        #expect(firstError(session, #"tokenize bare "x""#) == missing)
        #expect(firstError(session, #"activations bare "x""#) == missing)
        #expect(firstError(session, #"embed bare "x""#) == missing)
        // A tokenizer given beside the directory; its vocabulary (2000) is larger than the model's (512).
        let tokenizer = ModelsTestPaths.gpt2.appendingPathComponent("tokenizer.json").path
        #expect(session.errors("m = load model \(path) tokenizer=\(tokenizer)")
                == "warning: the tokenizer knows 2000 ids but the model only 512; some texts will fail\n")
        #expect(firstError(session, #"activations m "A sentence with words the model lacks""#).hasPrefix("error: token id "))
    }

    @Test func optionsAreCheckedBeforeAnythingRuns() throws {
        let session = try self.session()
        #expect(firstError(session, "activations g t layers=[]") == "error: layers= expects all or a non-empty list of layer numbers, found a list of 0")
        #expect(firstError(session, "activations g t layers=x") == "error: layers= expects all or a list of layer numbers such as [0, 3, 6], found 'x'")
        #expect(firstError(session, "activations g t layers=[-1]") == "error: layers= must be at least 0, found -1")
        #expect(firstError(session, "activations g t pool=cls") == "error: pool=cls needs an encoder with a [CLS] token; gpt2 is a decoder (use pool=last or pool=mean)")
        #expect(firstError(session, "activations g t pool=means") == "error: pool= must be one of none, mean, last, cls, found 'means'; did you mean 'mean'?")
        #expect(firstError(session, "activations g t max_tokens=0") == "error: max_tokens= must be at least 1, found 0")
        #expect(firstError(session, "activations g t dtype=f64").hasPrefix("error: dtype= must be one of f32, f16, found 'f64'"))
        #expect(firstError(session, "activations t g") == "error: 't' is a text, but a model is needed here")
        #expect(firstError(session, "activations g g") == "error: 'g' is a model, but a text is needed here")
        #expect(firstError(session, "activations g 3") == "error: DATA expects the name of a text, found number 3")
        #expect(firstError(session, "activations g [\"a\", 3]") == "error: DATA expects a list of quoted strings, found number 3")
        #expect(firstError(session, #"tokenize t "x""#) == "error: 't' is a text, but a model or a tokenizer is needed here")
        #expect(session.session.workspace.names == ["g", "bare", "t"])
    }

    @Test func emptyAndLongDocuments() throws {
        let session = try self.session()
        #expect(firstError(session, #"activations g ["", ""]"#) == "error: no documents to process: all 2 documents are empty")
        let long = String(repeating: "word ", count: 100)
        #expect(session.errors("a = activations g \"\(long)\"") == "warning: truncated 1 document to 64 tokens (0)\n")
        #expect(session.errors("b = activations g \"\(long)\" max_length=10") == "warning: truncated 1 document to 10 tokens (0)\n")
        let directory = Fixtures.temporaryDirectory("empty-text")
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data().write(to: directory.appendingPathComponent("empty.txt"))
        try Data("a,b\n1,2\n".utf8).write(to: directory.appendingPathComponent("t.csv"))
        #expect(firstError(session, "x = load text \(directory.path)/empty.txt") == "error: \(directory.path)/empty.txt holds no documents")
        #expect(firstError(session, "x = load text \(directory.path)/empty.txt column=text") == "error: column= applies to .csv and .tsv files (or format=csv)")
        try Data("x\n".utf8).write(to: directory.appendingPathComponent("one.txt"))
        try Data("a\n%\nb\n".utf8).write(to: directory.appendingPathComponent("cookies.txt"))
        #expect(firstError(session, "x = load text \(directory.path)/one.txt \(directory.path)/empty.txt")
                == "error: \(directory.path)/empty.txt holds no documents")
        #expect(firstError(session, "x = load text \(directory.path)/one.txt \(directory.path)/cookies.txt")
                == "error: one.txt reads as one document per line but cookies.txt as fortune records (separated by lines holding only %); give format= or load them separately")
        #expect(firstError(session, "x = load text \(directory.path)/t.csv column=texts")
                == #"error: \#(directory.path)/t.csv has no column "texts"; columns: a, b"#)
    }

    @Test func savingToTheWrongFormat() throws {
        let session = try self.session()
        #expect(session.run(#"a = activations g "x""#) == .completed)
        let directory = Fixtures.temporaryDirectory("wrong-format")
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(firstError(session, "save a to \(directory.path)/a.npy")
                == "error: a.npy: activations are saved as .safetensors (tensors layer.{l}, token_ids, doc_offsets, doc_indices)")
        #expect(firstError(session, "save t to \(directory.path)/t.json") == "error: t.json: text is saved as .jsonl, .txt (one document per line) or .csv")
        #expect(session.run(#"u = text "two\nlines""#) == .completed)
        #expect(firstError(session, "save u to \(directory.path)/u.txt")
                == "error: u.txt: document 0 has a line break, so one document per line cannot hold it; save as .jsonl")
        #expect(firstError(session, "export g to \(directory.path)/g.csv") == "error: a model has no .csv export; it exports .json")
    }
}
