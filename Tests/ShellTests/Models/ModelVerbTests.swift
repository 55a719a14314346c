import Foundation
import Formats
import Models
import Tensors
import Testing
import TestSupport
@testable import Shell

/// Every model verb through `mindscope run`, with the tiny fixtures and the real MiniLM.
@Suite("Model verbs through mindscope run")
struct ModelVerbTests {
    @Test func loadShowAndListAModel() throws {
        let directory = Binary.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try ModelScripts.run(["gpt = load model \(ModelsTestPaths.gpt2.path)", "show gpt", "ls", "export gpt to gpt.json"], in: directory)
        #expect(result.status == 0 && result.standardError == "", "\(result.standardError)")
        let output = result.standardOutput
        #expect(output.hasPrefix("""
            architecture    GPT-2 (gpt2), decoder
            layers          2 (hidden states 0...2, 0 = embeddings)
            width           32
            heads           4 of width 8
            feed-forward    128
            vocabulary      2000
            maximum length  64 tokens
            """), "\(output)")
        #expect(output.contains("tokenizer       byte-level BPE, 2000 tokens, no special tokens\ngpt (model): GPT-2, 2 layers, width 32, "))
        #expect(output.contains("gpt (model)\ntiny-gpt2-bpe (\(ModelsTestPaths.gpt2.path))\narchitecture    GPT-2"))
        #expect(output.contains("gpt   model  2 layers × 32 "))
        let exported = try #require(try ModelScripts.json("gpt.json", in: directory) as? [String: Any])
        #expect(exported["layers"] as? Int == 2 && exported["width"] as? Int == 32 && exported["vocabulary"] as? Int == 2000)
        #expect(exported["architecture"] as? String == "gpt2" && exported["decoder"] as? Bool == true)
        let parameters = try #require(exported["parameters"] as? Int)
        let model = try PretrainedModel.load(directory: ModelsTestPaths.gpt2)
        #expect(parameters == model.summary.parameterCount && output.contains("parameters      \(ModelObject.grouped(parameters)) ("))
    }

    @Test func miniLMLoadsWithItsTokenizerAndSentenceLength() throws {
        let directory = Binary.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = try ModelsTestPaths.requireMiniLM().path
        let result = try ModelScripts.run(["m = load model \(path)", "tok = load tokenizer \(path)/vocab.txt", "show tok"], in: directory)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("maximum length  512 tokens (sentence embeddings: 256)\nparameters      22,713,216 (86.6 MiB as Float)\ntokenizer       WordPiece, 30522 tokens, lowercasing, [CLS] … [SEP]\n"))
        #expect(result.standardOutput.contains("m (model): BERT, 6 layers, width 384, 22.7M parameters\n"))
        #expect(result.standardOutput.contains("tok (tokenizer): WordPiece, 30522 tokens, lowercasing, [CLS] … [SEP]\n"))
    }

    @Test func tokenizeShowsTokensAndExportsIdsAndTokens() throws {
        let directory = Binary.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = try ModelsTestPaths.requireMiniLM().path
        let text = "Tokenization isn't hard, naïve café!"
        let result = try ModelScripts.run([
            "m = load model \(path)", "t = tokenize m \"\(text)\"", "export t to t.json", "export t to t.csv",
            "bpe = load tokenizer \(ModelsTestPaths.gpt2.path)/tokenizer.json", "b = tokenize bpe \"Hello  world\" special=false", "export b to b.json",
        ], in: directory)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("""
             #     id  token
            --  -----  ---------
             0    101  [CLS]
             1  19204  token
             2   3989  ##ization
            """), "\(result.standardOutput)")
        #expect(result.standardOutput.contains("t (tokens): 12 tokens of \"\(text)\"\n"))
        let tokenizer = try Tokenizer.load(url: ModelsTestPaths.miniLM)
        let exported = try #require(try ModelScripts.json("t.json", in: directory) as? [String: Any])
        #expect(Set(exported.keys) == ["ids", "tokens"])
        #expect(exported["ids"] as? [Int] == tokenizer.encode(text).ids)
        #expect(exported["tokens"] as? [String] == ["[CLS]", "token", "##ization", "isn", "'", "t", "hard", ",", "naive", "cafe", "!", "[SEP]"])
        let csv = try String(contentsOf: directory.appendingPathComponent("t.csv"), encoding: .utf8)
        #expect(csv.hasPrefix("position,id,token,text\n0,101,[CLS],[CLS]\n1,19204,token,token\n"))
        let bpe = try #require(try ModelScripts.json("b.json", in: directory) as? [String: Any])
        let bpeTokenizer = try Tokenizer.load(url: ModelsTestPaths.gpt2.appendingPathComponent("tokenizer.json"))
        #expect(bpe["ids"] as? [Int] == bpeTokenizer.encode("Hello  world", addSpecialTokens: false).ids)
        #expect(result.standardOutput.contains("  text"), "byte-level tokens also show the text they stand for")
    }

    @Test func textIsReadByFormat() throws {
        let directory = Binary.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try ModelScripts.write("first\n\nthird\n", "lines.txt", in: directory)
        try ModelScripts.write(#"{"text": "a \"quoted\" one"}"# + "\n" + #"{"text": "second", "id": 2}"# + "\n", "docs.jsonl", in: directory)
        try ModelScripts.write("label,input\n1,\"with, comma\"\n0,plain\n", "table.csv", in: directory)
        try ModelScripts.write("one\n%\ntwo lines\nof fortune\n%\n", "cookies", in: directory)
        let result = try ModelScripts.run([
            "a = load text lines.txt", "b = load text docs.jsonl", "c = load text table.csv column=input", "d = load text cookies",
            "e = load text cookies format=lines", "f = text \"x\" [\"y\", \"z\"]", "show d", "save b to copy", "g = load text copy.jsonl", "save c to c.txt", "h = load text c.txt", "save d to d.csv", "i = load text d.csv",
            "export c to c.json", "j = load text cookies cookies", "k = load text lines.txt lines.txt", "ls",
        ], in: directory)
        #expect(result.status == 0, "\(result.standardError)")
        let output = result.standardOutput
        #expect(output.contains("read 3 documents (1 empty: activations skips them)\na (text): 3 documents, lines of lines.txt\n"))
        #expect(output.contains("b (text): 2 documents, JSON Lines records of docs.jsonl\n"))
        #expect(output.contains("c (text): 2 documents, a table column of table.csv\n"))
        #expect(output.contains("read 2 documents as fortune records (lines holding only % separate them; format=lines reads one document per line)\nd (text): 2 documents, fortune records of cookies\n"))
        #expect(output.contains("e (text): 5 documents, lines of cookies\n"))
        #expect(output.contains("f (text): 3 documents given in the statement\n"))
        #expect(output.contains("1  \"two lines\\nof fortune\"\n"), "a record keeps its line break")
        #expect(output.contains("g (text): 2 documents, JSON Lines records of copy.jsonl\n"), "save writes JSON Lines load text reads back")
        let saved = try String(contentsOf: directory.appendingPathComponent("copy.jsonl"), encoding: .utf8)
        #expect(saved == #"{"text": "a \"quoted\" one"}"# + "\n" + #"{"text": "second"}"# + "\n")
        #expect(output.contains("h (text): 2 documents, lines of c.txt\n") && output.contains("i (text): 2 documents, a table column of d.csv\n"))
        #expect(try String(contentsOf: directory.appendingPathComponent("c.txt"), encoding: .utf8) == "with, comma\nplain\n")
        #expect(try String(contentsOf: directory.appendingPathComponent("d.csv"), encoding: .utf8) == "text\none\n\"two lines\nof fortune\"\n")
        #expect(output.contains("read 4 documents from 2 files (2 + 2) as fortune records"), "several files make one text, in order")
        #expect(output.contains("j (text): 4 documents, fortune records of cookies cookies\n"))
        #expect(output.contains("k (text): 6 documents, lines of lines.txt lines.txt\n"))
        let exported = try #require(try ModelScripts.json("c.json", in: directory) as? [String: [String]])
        #expect(exported == ["documents": ["with, comma", "plain"]])
    }

    @Test func fortunesLoadAsTheDefaultCorpus() throws {
        let directory = Binary.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try #require(FileManager.default.fileExists(atPath: ModelsTestPaths.fortunes.path), "fortunes-min is installed by scripts/setup")
        let result = try ModelScripts.run(["f = load text \(ModelsTestPaths.fortunes.path) format=fortune", "show f"], in: directory)
        #expect(result.status == 0, "\(result.standardError)")
        let corpus = try TextCorpus.load(ModelsTestPaths.fortunes)
        #expect(result.standardOutput.hasPrefix("read \(corpus.documents.count) documents\nf (text): \(corpus.documents.count) documents, fortune records of "))
        #expect(result.standardOutput.contains("read as     fortune records (separated by lines holding only %)\n"))
    }
}
