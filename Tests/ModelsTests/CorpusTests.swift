import Foundation
import Testing
import TestSupport
@testable import Models

/// Text corpora from plain text, JSON Lines and CSV files.
@Suite struct CorpusTests {
    func write(_ text: String, _ name: String) throws -> URL {
        let url = Fixtures.temporaryDirectory("corpus").appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url
    }

    func message(_ body: () throws -> Void) -> String? {
        do { try body(); return nil } catch { return "\(error)" }
    }

    @Test func plainTextIsOneDocumentPerLine() throws {
        let url = try write("first line\r\n\nthird line\n", "docs.txt")
        #expect(try TextCorpus.load(url).documents == ["first line", "", "third line"])
        #expect(try TextCorpus.load(try write("no final newline", "one.txt")).documents == ["no final newline"])
        #expect(try TextCorpus.load(try write("", "empty.txt")).documents == [])
    }

    @Test func jsonLinesReadTheTextField() throws {
        let url = try write(#"{"text": "a \"quoted\" one", "label": 1}"# + "\n\n" + #"{"text": "second"}"# + "\n", "docs.jsonl")
        #expect(try TextCorpus.load(url).documents == [#"a "quoted" one"#, "second"])
        let other = try write(#"{"body": "x"}"#, "body.jsonl")
        #expect(try TextCorpus.load(other, field: "body").documents == ["x"])
        #expect(message { _ = try TextCorpus.load(other) } == #"\#(other.path) line 1: no field "text"; fields: body"#)
        let broken = try write("{\"text\": \"ok\"}\n{not json\n", "broken.jsonl")
        #expect(message { _ = try TextCorpus.load(broken) } == "\(broken.path) line 2: not valid JSON")
        let number = try write(#"{"text": 3}"#, "number.jsonl")
        #expect(message { _ = try TextCorpus.load(number) } == #"\#(number.path) line 1: field "text" is not a string"#)
    }

    @Test func csvReadsANamedColumn() throws {
        let url = try write("label,input\n1,\"I helped, gladly.\"\n0,\"A line\nwith a break\"\n", "ethics.csv")
        #expect(try TextCorpus.load(url, column: "input").documents == ["I helped, gladly.", "A line\nwith a break"])
        #expect(message { _ = try TextCorpus.load(url, column: "inputs") }
                == #"\#(url.path) has no column "inputs" (did you mean "input"?); columns: label, input"#)
        #expect(message { _ = try TextCorpus.load(url) } == #"\#(url.path) has no column "text"; columns: label, input"#)
    }

    @Test func missingFile() {
        #expect(message { _ = try TextCorpus.load(URL(fileURLWithPath: "/nonexistent/docs.txt")) }
                == "/nonexistent/docs.txt not found (expected docs.txt)")
    }

    @Test func fortuneFilesAreRecordsBetweenPercentLines() throws {
        let text = "A day for firm decisions!!!!!  Or is it?\n%\nA long-forgotten loved one will appear soon.\n\nBuy the negatives at any price.\n%\n%\n   \n%\nLast one, no final separator\n"
        let url = try write(text, "fortunes")
        let corpus = try TextCorpus.load(url)
        #expect(corpus.format == .fortune, "a line holding only % makes a plain-text file a fortune file")
        #expect(corpus.documents == ["A day for firm decisions!!!!!  Or is it?",
                                     "A long-forgotten loved one will appear soon.\n\nBuy the negatives at any price.",
                                     "Last one, no final separator"])
        #expect(try TextCorpus.load(url, format: .lines).documents.count == 10, "format=lines reads every line")
        let explicit = try write("one\n%\ntwo\n%\n", "quotes.txt")
        #expect(try TextCorpus.load(explicit, format: .fortune).documents == ["one", "two"])
        let plain = try write("100% sure\nnot a separator\n", "plain.txt")
        #expect(try TextCorpus.load(plain).format == .lines)
    }

    @Test func installedFortunesReadAsRecords() throws {
        let url = URL(fileURLWithPath: "/usr/share/games/fortunes/fortunes")
        try #require(FileManager.default.fileExists(atPath: url.path), "fortunes-min is installed by scripts/setup")
        let corpus = try TextCorpus.load(url)
        #expect(corpus.format == .fortune && corpus.documents.count > 400)
        #expect(corpus.documents.allSatisfy { !$0.contains("\n%\n") && !$0.isEmpty })
        let binary = URL(fileURLWithPath: "/usr/share/games/fortunes/fortunes.dat")
        #expect(message { _ = try TextCorpus.load(binary) } == "\(binary.path) line 1: the file is not valid UTF-8 text")
    }
}
