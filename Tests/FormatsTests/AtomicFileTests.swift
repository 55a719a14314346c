import Foundation
import Testing
@testable import Formats

@Suite("Atomic writes")
struct AtomicFileTests {
    struct Interrupted: Error {}

    @Test func createsParentsAndReplacesWholeFiles() throws {
        let scratch = Scratch()
        let url = scratch.url("a/b/c.txt")
        try AtomicFile.write(Data("first".utf8), to: url)
        try AtomicFile.write(Data("second, longer".utf8), to: url)
        #expect(try String(contentsOf: url, encoding: .utf8) == "second, longer")
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.url("a/b").path) == ["c.txt"])
    }

    @Test func streamedWritesLargerThanTheBuffer() throws {
        let url = Scratch().url("big.bin")
        let block = [UInt8](repeating: 7, count: 100_000)
        try AtomicFile.write(to: url) { sink in
            for _ in 0..<5 { try sink.write(block) }
            try sink.write("tail")
            try sink.write(Data(count: 1 << 19))
            #expect(sink.byteCount == 500_004 + (1 << 19))
        }
        let data = try Data(contentsOf: url)
        #expect(data.count == 500_004 + (1 << 19) && data[499_999] == 7 && data[500_000] == UInt8(ascii: "t"))
    }

    @Test func aFailedWriteLeavesTheOldFileAndNoTemporary() throws {
        let scratch = Scratch()
        let url = scratch.url("keep.txt")
        try AtomicFile.write(Data("old".utf8), to: url)
        #expect(throws: Interrupted.self) {
            try AtomicFile.write(to: url) { sink in
                try sink.write(Data(repeating: 1, count: 1 << 20))
                throw Interrupted()
            }
        }
        #expect(try String(contentsOf: url, encoding: .utf8) == "old")
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.directory.path) == ["keep.txt"])
    }

    @Test func unwritableDestinationIsReported() throws {
        let scratch = Scratch()
        try Data("x".utf8).write(to: scratch.url("file"))
        // A regular file where a directory should be.
        let url = scratch.url("file/inside.txt")
        let error = #expect(throws: FormatError.self) { try AtomicFile.write(Data("y".utf8), to: url) }
        guard case .writeFailed(let path, _)? = error else {
            Issue.record("expected writeFailed, got \(String(describing: error))")
            return
        }
        #expect(path == url.relativePath)
    }
}
