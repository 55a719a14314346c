import Foundation
import Testing
@testable import Formats

@Suite("Tables from CSV/TSV")
struct TableTests {
    static func table(_ text: String, header: Table.HeaderMode = .detect, textColumns: Set<String> = []) throws -> Table {
        try Table(rows: CSV.parseRows(Data(text.utf8), path: "t.csv"), header: header, textColumns: textColumns, source: "t.csv")
    }

    @Test func infersColumnTypesWithMissingValues() throws {
        let table = try Self.table("onset,duration,trial_type,response_time\n0.5,2,moral,1.25\n3,2,neutral,n/a\n6.5,,moral,NA\n")
        #expect(table.names == ["onset", "duration", "trial_type", "response_time"] && table.rowCount == 3)
        #expect(try table.numbers(named: "onset") == [0.5, 3, 6.5])
        let duration = try table.numbers(named: "duration")
        #expect(duration[0] == 2 && duration[2].isNaN)
        #expect(try table.strings(named: "trial_type") == ["moral", "neutral", "moral"])
        let response = try table.numbers(named: "response_time")
        #expect(response[0] == 1.25 && response[1].isNaN && response[2].isNaN)
        #expect(throws: FormatError.columnNotNumeric(path: "t.csv", column: "trial_type")) { try table.numbers(named: "trial_type") }
    }

    @Test func headerDetection() throws {
        #expect(try Self.table("label,input\n0,some text\n1,more text").names == ["label", "input"])
        #expect(try Self.table("1,2\n3,4").names == ["column1", "column2"])
        #expect(try Self.table("1,2\n3,4").numbers(named: "column1") == [1, 3])
        #expect(try Self.table("x,y\nfoo,bar").names == ["x", "y"])              // no numeric column: header
        #expect(try Self.table("7,apple\n8,pear").names == ["column1", "column2"])  // numeric first cell votes no
        #expect(try Self.table("a\n").rowCount == 0)
        let forced = try Self.table("1,2\n3,4", header: .present)
        #expect(try forced.names == ["1", "2"] && forced.numbers(named: "2") == [4])
        #expect(try Self.table("a,b\n1,2", header: .absent).strings(named: "column1") == ["a", "1"])
    }

    @Test func headerNamesAreMadeUnique() throws {
        let table = try Self.table(",a,a,\n0,1,2,3")
        #expect(table.names == ["column1", "a", "a.1", "column4"])
    }

    @Test func textColumnsKeepTheirText() throws {
        let table = try Self.table("id,score\n007,1\n010,2", textColumns: ["id"])
        #expect(try table.strings(named: "id") == ["007", "010"])
        #expect(try Self.table("id,score\n007,1\n010,2").strings(named: "id") == ["7", "10"])
    }

    @Test func missingColumnSuggestsNames() throws {
        let table = try Self.table("onset,duration\n1,2")
        let error = #expect(throws: FormatError.self) { try table.numbers(named: "onsett") }
        #expect(error == .notFound(path: "t.csv", kind: .column, name: "onsett", available: ["onset", "duration"]))
        #expect(error?.description == "t.csv: no column named 'onsett'; did you mean 'onset'? (available: onset, duration)")
    }

    @Test func roundTripsThroughCSVAndTSV() throws {
        let table = try Table(names: ["trial", "value", "note"], columns: [
            .numbers([1, 2, 3, 4]),
            .numbers([0.1, -2.5e-7, .nan, 1e300]),
            .strings(["plain", "comma, inside", "quote \"q\"", "two\nlines"]),
        ])
        let scratch = Scratch()
        for name in ["t.csv", "t.tsv"] {
            let url = scratch.url(name)
            try table.write(to: url)
            #expect(try Table.read(url) == table, "\(name)")
        }
        #expect(try String(contentsOf: scratch.url("t.tsv"), encoding: .utf8).contains("\tn/a\t"))
        #expect(table.encoded().hasPrefix("trial,value,note\n1,0.1,plain\n2,-2.5e-07,\"comma, inside\"\n3,,\"quote \"\"q\"\"\"\n"))
    }

    @Test func invalidConstructionIsReported() {
        #expect(throws: FormatError.duplicateName(path: "table", kind: .column, name: "a")) {
            try Table(names: ["a", "a"], columns: [.numbers([1]), .numbers([2])])
        }
        #expect(throws: FormatError.invalidArgument(path: "table", reason: "column 'b' has 2 cells where 'a' has 1")) {
            try Table(names: ["a", "b"], columns: [.numbers([1]), .strings(["x", "y"])])
        }
        #expect(throws: FormatError.raggedRow(path: "table", line: 2, expected: 2, actual: 1)) {
            try Table(rows: [["a", "b"], ["1"]])
        }
    }
}
