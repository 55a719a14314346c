import Foundation
import Testing
@testable import Formats

@Suite("safetensors: malformed files")
struct SafetensorsMalformedTests {
    /// A malformed file and the exact error it must produce (for `path`, see `check`).
    struct Case: CustomTestStringConvertible, Sendable {
        let label: String
        let bytes: [UInt8]
        let expected: @Sendable (String) -> FormatError
        var testDescription: String { label }
    }

    static let f32Pair = #""dtype":"F32","shape":[2]"#

    static let cases: [Case] = [
        Case(label: "truncated header length", bytes: [8, 0, 0, 0, 0]) {
            .truncated(path: $0, expected: "the 8-byte header length")
        },
        Case(label: "header length past the end", bytes: littleEndianBytes(1000) + Array("{}  ".utf8)) {
            .headerLengthPastEnd(path: $0, headerLength: 1000, fileSize: 12)
        },
        Case(label: "header length near 2^64", bytes: littleEndianBytes(.max) + Array("{}".utf8)) {
            .headerLengthPastEnd(path: $0, headerLength: .max, fileSize: 10)
        },
        Case(label: "top level not an object", bytes: safetensorsBytes(header: "[1, 2]", data: [])) {
            .invalidHeaderJSON(path: $0, reason: "the top level is not an object")
        },
        Case(label: "unknown dtype", bytes: safetensorsBytes(header: #"{"w":{"dtype":"F8_E4M3","shape":[1],"data_offsets":[0,1]}}"#, data: [0])) {
            .unknownDType(path: $0, tensor: "w", dtype: "F8_E4M3")
        },
        Case(label: "shape/byte mismatch", bytes: safetensorsBytes(header: #"{"w":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}"#, data: Array(repeating: 0, count: 8))) {
            .byteCountMismatch(path: $0, tensor: "w", expected: 12, actual: 8)
        },
        Case(label: "offsets past the end", bytes: safetensorsBytes(header: #"{"w":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}}"#, data: Array(repeating: 0, count: 8))) {
            .offsetsOutOfBounds(path: $0, tensor: "w", end: 16, dataSize: 8)
        },
        Case(label: "overlapping tensors", bytes: safetensorsBytes(header: "{\"a\":{\(f32Pair),\"data_offsets\":[0,8]},\"b\":{\(f32Pair),\"data_offsets\":[4,12]}}", data: Array(repeating: 0, count: 12))) {
            .overlappingTensors(path: $0, first: "a", second: "b")
        },
        Case(label: "same range twice", bytes: safetensorsBytes(header: "{\"a\":{\(f32Pair),\"data_offsets\":[0,8]},\"b\":{\(f32Pair),\"data_offsets\":[0,8]}}", data: Array(repeating: 0, count: 8))) {
            .overlappingTensors(path: $0, first: "a", second: "b")
        },
        Case(label: "gap between tensors", bytes: safetensorsBytes(header: "{\"a\":{\(f32Pair),\"data_offsets\":[0,8]},\"b\":{\(f32Pair),\"data_offsets\":[12,20]}}", data: Array(repeating: 0, count: 20))) {
            .uncoveredBytes(path: $0, range: 8..<12)
        },
        Case(label: "trailing bytes", bytes: safetensorsBytes(header: "{\"a\":{\(f32Pair),\"data_offsets\":[0,8]}}", data: Array(repeating: 0, count: 9))) {
            .uncoveredBytes(path: $0, range: 8..<9)
        },
        Case(label: "shape product overflows", bytes: safetensorsBytes(header: #"{"w":{"dtype":"F32","shape":[1099511627776,1099511627776],"data_offsets":[0,4]}}"#, data: [0, 0, 0, 0])) {
            .shapeOverflow(path: $0, tensor: "w", shape: "[1099511627776, 1099511627776]")
        },
        Case(label: "byte count overflows", bytes: safetensorsBytes(header: #"{"w":{"dtype":"F64","shape":[2305843009213693952],"data_offsets":[0,8]}}"#, data: Array(repeating: 0, count: 8))) {
            .shapeOverflow(path: $0, tensor: "w", shape: "[2305843009213693952]")
        },
        Case(label: "extent beyond Int", bytes: safetensorsBytes(header: #"{"w":{"dtype":"U8","shape":[18446744073709551615],"data_offsets":[0,1]}}"#, data: [0])) {
            .shapeOverflow(path: $0, tensor: "w", shape: "[18446744073709551615]")
        },
        Case(label: "negative extent", bytes: safetensorsBytes(header: #"{"w":{"dtype":"U8","shape":[-1],"data_offsets":[0,1]}}"#, data: [0])) {
            .invalidHeader(path: $0, reason: "tensor 'w' has shape [-1], which is not a list of non-negative integers")
        },
        Case(label: "decreasing offsets", bytes: safetensorsBytes(header: #"{"w":{"dtype":"U8","shape":[0],"data_offsets":[1,0]}}"#, data: [0])) {
            .invalidHeader(path: $0, reason: "tensor 'w' has data_offsets [1, 0], which are not two increasing non-negative integers")
        },
        Case(label: "missing dtype", bytes: safetensorsBytes(header: #"{"w":{"shape":[1],"data_offsets":[0,1]}}"#, data: [0])) {
            .invalidHeader(path: $0, reason: "tensor 'w' has no dtype string")
        },
        Case(label: "unexpected key", bytes: safetensorsBytes(header: #"{"w":{"dtype":"U8","shape":[1],"data_offsets":[0,1],"stride":[1]}}"#, data: [0])) {
            .invalidHeader(path: $0, reason: "tensor 'w' has unexpected key 'stride'")
        },
        Case(label: "metadata value not a string", bytes: safetensorsBytes(header: #"{"__metadata__":{"epochs":3}}"#, data: [])) {
            .invalidHeader(path: $0, reason: "__metadata__ value of 'epochs' is not a string")
        },
    ]

    @Test(arguments: cases)
    func malformedFileGivesItsError(_ testCase: Case) throws {
        let url = try Scratch().write(testCase.bytes, to: "bad.safetensors")
        #expect(throws: testCase.expected(url.relativePath)) { try SafetensorsFile(url: url) }
    }

    @Test func badJSONNamesTheParserProblem() throws {
        let url = try Scratch().write(safetensorsBytes(header: #"{"w": {"dtype": "#, data: []), to: "bad.safetensors")
        let error = #expect(throws: FormatError.self) { try SafetensorsFile(url: url) }
        guard case .invalidHeaderJSON(let path, let reason)? = error else {
            Issue.record("expected invalidHeaderJSON, got \(String(describing: error))")
            return
        }
        #expect(path == url.relativePath && !reason.isEmpty)
        #expect(error?.description.hasPrefix("\(url.relativePath): header is not a JSON object: ") == true)
    }

    @Test func missingFileAndDirectory() throws {
        let scratch = Scratch()
        #expect(throws: FormatError.fileNotFound(path: scratch.url("none.safetensors").relativePath)) {
            try SafetensorsFile(url: scratch.url("none.safetensors"))
        }
        #expect(throws: FormatError.readFailed(path: scratch.directory.relativePath, reason: "not a regular file")) {
            try SafetensorsFile(url: scratch.directory)
        }
    }

    @Test func messagesAreOneLineNamingTheFile() {
        let error = FormatError.overlappingTensors(path: "m.safetensors", first: "a", second: "b")
        #expect(error.description == "m.safetensors: tensors 'a' and 'b' overlap")
        let past = FormatError.offsetsOutOfBounds(path: "m.safetensors", tensor: "w", end: 16, dataSize: 8)
        #expect(past.description == "m.safetensors: tensor 'w' ends at byte 16, past the end of the data section (8 bytes)")
    }
}
