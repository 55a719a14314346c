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
}
