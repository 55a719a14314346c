import Foundation
import Testing
import Tensors
@testable import Formats

@Suite("JSON helpers")
struct JSONTests {
    @Test func prettyPrintingIsDeterministic() throws {
        let value: JSONValue = [
            "zeta": [1, 2.5, -0.001, 1e-7, 3e20],
            "alpha": ["nested": ["b": true, "a": nil], "empty": [:], "list": []],
            "rows": [["name": "x\"y\\z\n\u{01}"], ["name": "ü/日本"]],
        ]
        let expected = """
        {
          "alpha": {
            "empty": {},
            "list": [],
            "nested": {
              "a": null,
              "b": true
            }
          },
          "rows": [
            {
              "name": "x\\"y\\\\z\\n\\u0001"
            },
            {
              "name": "ü/日本"
            }
          ],
          "zeta": [1, 2.5, -0.001, 1e-07, 3e+20]
        }

        """
        let printed = try value.prettyPrinted()
        #expect(printed == expected, "\(printed)")
        #expect(try JSONValue.parse(Data(expected.utf8), path: "x.json") == value)
    }

    @Test func nonFiniteNumbersAreAnErrorOrNull() throws {
        let value: JSONValue = ["scores": [1, .number(.nan)], "ok": 2]
        #expect(throws: FormatError.nonFiniteNumber(path: "out.json", location: "$.scores[1]")) {
            try value.prettyPrinted(path: "out.json")
        }
        #expect(try value.prettyPrinted(nonFinite: .null) == "{\n  \"ok\": 2,\n  \"scores\": [1, null]\n}\n")
        #expect(FormatError.nonFiniteNumber(path: "out.json", location: "$.scores[1]").description
            == "out.json: $.scores[1] is NaN or infinite, which JSON cannot represent")
    }

    struct Config: Codable, Equatable {
        let hiddenSize: Int
        let ratios: [Double]
        enum CodingKeys: String, CodingKey { case hiddenSize = "hidden_size", ratios }
    }

    @Test func codableRoundTripAndErrors() throws {
        let url = Scratch().url("sub/config.json")
        try JSONFile.write(Config(hiddenSize: 384, ratios: [0.5, 0.25]), to: url)
        #expect(try String(contentsOf: url, encoding: .utf8) == "{\n  \"hidden_size\" : 384,\n  \"ratios\" : [\n    0.5,\n    0.25\n  ]\n}\n")
        #expect(try JSONFile.decode(Config.self, from: url) == Config(hiddenSize: 384, ratios: [0.5, 0.25]))
        #expect(throws: FormatError.nonFiniteNumber(path: url.relativePath, location: "$.ratios[1]")) {
            try JSONFile.write(Config(hiddenSize: 1, ratios: [1, .infinity]), to: url)
        }
        let bad = Data(#"{"hidden_size": "big", "ratios": []}"#.utf8)
        let error = #expect(throws: FormatError.self) { try JSONFile.decode(Config.self, from: bad, path: "config.json") }
        guard case .invalidJSON("config.json", let reason)? = error else {
            Issue.record("expected invalidJSON, got \(String(describing: error))")
            return
        }
        #expect(reason.hasPrefix("$.hidden_size: expected Int"))
        #expect(throws: FormatError.invalidJSON(path: "config.json", reason: "$.ratios: required key is missing")) {
            try JSONFile.decode(Config.self, from: Data(#"{"hidden_size": 1}"#.utf8), path: "config.json")
        }
        #expect(throws: FormatError.self) { try JSONFile.decode(Config.self, from: Data("{".utf8), path: "config.json") }
        let missing = Scratch().url("none.json")
        #expect(throws: FormatError.fileNotFound(path: missing.relativePath)) { try JSONFile.read(missing) }
    }
}

@Suite("JSON conversions")
struct JSONConversionTests {
    @Test func tensorsBecomeNestedArrays() throws {
        #expect(JSONValue(Tensor([1, 2, 3, 4, 5, 6], shape: [2, 3])) == [[1, 2, 3], [4, 5, 6]])
        #expect(JSONValue(Tensor([7], shape: [])) == 7)
        #expect(JSONValue(Tensor(zeros: [2, 0])) == [[], []])
        #expect(JSONValue(Tensor((0..<8).map(Float.init), shape: [2, 2, 2])) == [[[0, 1], [2, 3]], [[4, 5], [6, 7]]])
    }

    @Test func tablesBecomeColumnLists() throws {
        let table = try Table(names: ["x", "label"], columns: [.numbers([1, .nan]), .strings(["a", "b"])])
        #expect(try table.jsonValue.prettyPrinted(nonFinite: .null) == "{\n  \"label\": [\"a\", \"b\"],\n  \"x\": [1, null]\n}\n")
    }
}
