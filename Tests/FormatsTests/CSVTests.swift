import Foundation
import Testing
@testable import Formats

@Suite("CSV and TSV rows")
struct CSVTests {
    static func rows(_ text: String, _ delimiter: CSV.Delimiter = .comma) throws -> [[String]] {
        try CSV.parseRows(Data(text.utf8), delimiter: delimiter, path: "t.csv")
    }

    @Test func quotedFieldsHoldDelimitersQuotesAndNewlines() throws {
        let text = "name,quote,notes\r\n\"Smith, J.\",\"He said \"\"hi\"\"\",\"line one\nline two\"\r\nplain,,\"\"\n"
        #expect(try Self.rows(text) == [
            ["name", "quote", "notes"],
            ["Smith, J.", "He said \"hi\"", "line one\nline two"],
            ["plain", "", ""],
        ])
    }

    @Test func lineEndsBOMBlankLinesAndMissingFinalNewline() throws {
        #expect(try Self.rows("a,b\n1,2\n") == [["a", "b"], ["1", "2"]])
        #expect(try Self.rows("a,b\r\n1,2\r\n") == [["a", "b"], ["1", "2"]])
        #expect(try Self.rows("a,b\r1,2") == [["a", "b"], ["1", "2"]])
        #expect(try Self.rows("\u{FEFF}a,b\n\n\n1,2") == [["a", "b"], ["1", "2"]])
        #expect(try Self.rows("") == [])
        #expect(try Self.rows("a,b,\n1,2,") == [["a", "b", ""], ["1", "2", ""]])
        #expect(try Self.rows("x\n\"\"\ny") == [["x"], [""], ["y"]])
        // A quote inside an unquoted field is an ordinary character.
        #expect(try Self.rows("5\" disk,x") == [["5\" disk", "x"]])
        #expect(try Self.rows("a\tb c,d\n1\t2", .tab) == [["a", "b c,d"], ["1", "2"]])
        #expect(try Self.rows("é,日本\n\"ü\",ß") == [["é", "日本"], ["ü", "ß"]])
    }

    @Test func nastyFieldsRoundTrip() throws {
        let rows = [
            ["plain", "with,comma", "with \"quotes\"", "multi\nline", "crlf\r\nend"],
            ["", " leading space", "trailing space ", "\"", "\t tab"],
            ["ok", ",", "\"\"", "\r", "ü,\"ß\"\n"],
        ]
        for delimiter in CSV.Delimiter.allCases {
            let text = CSV.encode(rows, delimiter: delimiter)
            #expect(try Self.rows(text, delimiter) == rows, "delimiter \(delimiter)")
        }
        let lone = [["a"], [""], ["b"]]
        #expect(try Self.rows(CSV.encode(lone)) == lone)
        #expect(CSV.encode([["a", "b,c", "d\"e"]]) == "a,\"b,c\",\"d\"\"e\"\n")
    }

    @Test func writesAtomically() throws {
        let url = Scratch().url("deep/out.tsv")
        try CSV.writeRows([["a", "b"], ["1", "x\ty"]], to: url)
        #expect(try String(contentsOf: url, encoding: .utf8) == "a\tb\n1\t\"x\ty\"\n")
        #expect(try CSV.readRows(url) == [["a", "b"], ["1", "x\ty"]])
    }

    struct Case: CustomTestStringConvertible, Sendable {
        let label: String
        let bytes: [UInt8]
        let expected: FormatError
        var testDescription: String { label }
    }

    static let malformed: [Case] = [
        Case(label: "unterminated quote", bytes: Array("a,b\n1,\"open\nstill open\n".utf8), expected: .unterminatedQuote(path: "t.csv", line: 2)),
        Case(label: "text after closing quote", bytes: Array("a,b\n\"x\"y,2\n".utf8), expected: .unexpectedCharacterAfterQuote(path: "t.csv", line: 2)),
        Case(label: "short row", bytes: Array("a,b,c\n1,2,3\n\n4,5\n".utf8), expected: .raggedRow(path: "t.csv", line: 4, expected: 3, actual: 2)),
        Case(label: "long row after a multi-line field", bytes: Array("a,b\n\"1\n2\",3\n4,5,6\n".utf8), expected: .raggedRow(path: "t.csv", line: 4, expected: 2, actual: 3)),
        Case(label: "invalid UTF-8", bytes: [0x61, 0x2C, 0xFF, 0x0A], expected: .invalidUTF8(path: "t.csv")),
    ]

    @Test(arguments: malformed)
    func malformedTextGivesItsError(_ testCase: Case) {
        #expect(throws: testCase.expected) { try CSV.parseRows(Data(testCase.bytes), path: "t.csv") }
    }

    @Test func errorMessages() {
        #expect(FormatError.unterminatedQuote(path: "t.csv", line: 2).description == "t.csv: line 2: quoted field is never closed")
        #expect(FormatError.raggedRow(path: "t.csv", line: 4, expected: 3, actual: 2).description
            == "t.csv: line 4: 2 fields where the first row has 3")
    }
}
