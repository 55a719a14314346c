import Foundation
import Testing
import Tensors
@testable import Formats

@Suite(".npy: malformed files")
struct NpyMalformedTests {
    /// A well-formed 2×3 float32 file, the base of most damaged variants.
    static let good = [UInt8](Npy.encode(NpyArray(Tensor([1, 2, 3, 4, 5, 6], shape: [2, 3]))))

    /// A version-1.0 file with `header` (padded to keep data aligned) followed by `data`.
    static func npy(header: String, data: [UInt8] = [], version: [UInt8] = [1, 0]) -> [UInt8] {
        var text = header
        while (10 + text.utf8.count + 1) % 64 != 0 { text += " " }
        text += "\n"
        let length = text.utf8.count
        return NpyHeader.magic + version + [UInt8(length & 0xFF), UInt8(length >> 8)] + Array(text.utf8) + data
    }

    struct Case: CustomTestStringConvertible, Sendable {
        let label: String
        let bytes: [UInt8]
        let expected: @Sendable (String) -> FormatError
        var testDescription: String { label }
    }

    static let cases: [Case] = [
        Case(label: "empty file", bytes: []) { .truncated(path: $0, expected: "the .npy preamble") },
        Case(label: "bad magic", bytes: Array("PK\u{03}\u{04}rest of a zip".utf8)) { .badMagic(path: $0, format: ".npy") },
        Case(label: "truncated preamble", bytes: Array(good.prefix(8))) { .truncated(path: $0, expected: "the .npy preamble") },
        Case(label: "truncated header", bytes: Array(good.prefix(60))) { .truncated(path: $0, expected: "the end of the .npy header") },
        Case(label: "truncated data", bytes: Array(good.dropLast(5))) {
            .truncated(path: $0, expected: "the end of the array data (24 bytes expected, 19 present)")
        },
        Case(label: "trailing bytes", bytes: good + [0, 0, 0]) { .trailingBytes(path: $0, count: 3) },
        Case(label: "unknown version", bytes: Array(good.prefix(6)) + [4, 0] + Array(good.dropFirst(8))) {
            .unsupportedVersion(path: $0, format: ".npy", version: "4.0")
        },
        Case(label: "header not a dict", bytes: npy(header: "['<f4', False, (1,)]")) { .invalidNpyHeader(path: $0, reason: "header is not a dict") },
        Case(label: "missing key", bytes: npy(header: "{'descr': '<f4', 'shape': (1,), }", data: [0, 0, 0, 0])) {
            .invalidNpyHeader(path: $0, reason: "keys are [\"descr\", \"shape\"], expected descr, fortran_order and shape")
        },
        Case(label: "syntax error", bytes: npy(header: "{'descr': '<f4', 'fortran_order': False, 'shape': (1,, }")) {
            .invalidNpyHeader(path: $0, reason: "unexpected character ',' at character 53")
        },
        Case(label: "unterminated string", bytes: npy(header: "{'descr: '<f4'}")) {
            .invalidNpyHeader(path: $0, reason: "expected ':' at character 10")
        },
        Case(label: "complex dtype", bytes: npy(header: "{'descr': '<c8', 'fortran_order': False, 'shape': (1,), }", data: Array(repeating: 0, count: 8))) {
            .unsupportedNpyDType(path: $0, descr: "<c8")
        },
        Case(label: "structured dtype", bytes: npy(header: "{'descr': [('x', '<f4')], 'fortran_order': False, 'shape': (1,), }")) {
            .invalidNpyHeader(path: $0, reason: "descr is not a string (structured dtypes are not supported)")
        },
        Case(label: "negative extent", bytes: npy(header: "{'descr': '<f4', 'fortran_order': False, 'shape': (-1,), }")) {
            .invalidNpyHeader(path: $0, reason: "shape holds something other than non-negative integers")
        },
        Case(label: "overflowing shape", bytes: npy(header: "{'descr': '<f8', 'fortran_order': False, 'shape': (4294967296, 4294967296), }")) {
            .invalidNpyHeader(path: $0, reason: "shape [4294967296, 4294967296] is too large to address")
        },
        Case(label: "fortran_order not a bool", bytes: npy(header: "{'descr': '<f4', 'fortran_order': 0, 'shape': (1,), }")) {
            .invalidNpyHeader(path: $0, reason: "fortran_order is not True or False")
        },
    ]

    @Test(arguments: cases)
    func malformedFileGivesItsError(_ testCase: Case) throws {
        let url = try Scratch().write(testCase.bytes, to: "bad.npy")
        #expect(throws: testCase.expected(url.relativePath)) { try Npy.read(url) }
    }

    @Test func handBuiltHeadersParseWhenValid() throws {
        // Python 2 era headers: long integers with an L suffix, double quotes, no trailing comma.
        let bytes = Self.npy(header: #"{"descr": "<i4", "fortran_order": False, "shape": (2L, 1L)}"#, data: [1, 0, 0, 0, 2, 0, 0, 0])
        let array = try Npy.read(Scratch().write(bytes, to: "old.npy"))
        #expect(array.shape == [2, 1] && array.values == .int32([1, 2]))
    }
}
