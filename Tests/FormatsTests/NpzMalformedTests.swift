import Foundation
import Testing
import Tensors
import TestSupport
@testable import Formats

@Suite(".npz: damaged archives")
struct NpzMalformedTests {
    /// A stored archive of one array, built by this module's writer, and its bytes.
    static func storedArchive() throws -> (URL, [UInt8]) {
        let url = Scratch().url("good.npz")
        try NpzFile.write([("x", NpyArray(Tensor([1, 2, 3, 4])))], to: url)
        return (url, Array(try Data(contentsOf: url)))
    }

    /// Writes `bytes` next to nothing else and opens them as an .npz.
    static func open(_ bytes: [UInt8]) throws -> (String, Result<NpzFile, Error>) {
        let url = try Scratch().write(bytes, to: "bad.npz")
        return (url.relativePath, Result { try NpzFile(url: url) })
    }

    static func error(_ result: Result<NpzFile, Error>) -> FormatError? {
        if case .failure(let error) = result { return error as? FormatError }
        return nil
    }

    @Test func flippedDataByteFailsTheCRC() throws {
        var (_, bytes) = try Self.storedArchive()
        // Local header: 30 bytes + "x.npy" (5); then the 128-byte .npy header; then the data.
        bytes[30 + 5 + 128 + 2] ^= 0x40
        let (path, result) = try Self.open(bytes)
        #expect(Self.error(result) == .crcMismatch(path: path, member: "x.npy"))
    }

    @Test func damagedDeflateStreamIsReported() throws {
        var bytes = Array(try Data(contentsOf: Fixtures.url("formats/deflated.npz")))
        // The first member's compressed data starts after its 30-byte header, "rows.npy" and a 20-byte zip64 extra.
        for offset in 58..<70 { bytes[offset] ^= 0xFF }
        let (path, result) = try Self.open(bytes)
        let error = try #require(Self.error(result))
        switch error {
        case .corruptArchive(path, let reason): #expect(reason.hasPrefix("member 'rows.npy': "))
        case .crcMismatch(path, "rows.npy"): break
        default: Issue.record("unexpected \(error)")
        }
    }

    @Test func truncatedArchiveLosesItsEndRecord() throws {
        let (_, bytes) = try Self.storedArchive()
        let (path, result) = try Self.open(Array(bytes.dropLast(10)))
        #expect(Self.error(result) == .corruptArchive(path: path, reason: "no end-of-central-directory record (the file is truncated)"))
    }

    @Test func notAZipFile() throws {
        let (path, result) = try Self.open(Array(Npy.encode(NpyArray(Tensor([1])))))
        #expect(Self.error(result) == .badMagic(path: path, format: "zip"))
    }

    @Test func unsupportedCompressionMethod() throws {
        var (_, bytes) = try Self.storedArchive()
        let central = try #require(Self.find(ZipSignature.centralHeader, in: bytes))
        bytes[8] = 12          // local header method: bzip2
        bytes[central + 10] = 12
        let (path, result) = try Self.open(bytes)
        #expect(Self.error(result) == .unsupportedCompression(path: path, member: "x.npy", method: 12))
    }

    @Test func localHeaderMustMatchTheCentralDirectory() throws {
        var (_, bytes) = try Self.storedArchive()
        bytes[30] = UInt8(ascii: "y")   // local name "y.npy", central "x.npy"
        let (path, result) = try Self.open(bytes)
        #expect(Self.error(result) == .corruptArchive(path: path, reason: "member 'x.npy': local header disagrees with the central directory"))
    }

    @Test func centralDirectoryPastTheEnd() throws {
        var (_, bytes) = try Self.storedArchive()
        let end = try #require(Self.find(ZipSignature.endOfCentralDirectory, in: bytes))
        bytes[end + 16] = 0xFF
        bytes[end + 17] = 0xFF   // central directory offset 65535 + ...: beyond the file
        let (_, result) = try Self.open(bytes)
        guard case .corruptArchive? = Self.error(result) else {
            Issue.record("expected corruptArchive, got \(String(describing: Self.error(result)))")
            return
        }
    }

    @Test func memberThatIsNotAnArray() throws {
        let url = Scratch().url("other.zip")
        try AtomicFile.write(to: url) { sink in
            var writer = ZipWriter(path: "other.zip")
            try writer.add(name: "readme.txt", contents: Data("hi".utf8), compress: false, to: &sink)
            try writer.finish(to: &sink)
        }
        #expect(throws: FormatError.corruptArchive(path: url.relativePath, reason: "member 'readme.txt' is not a .npy file")) {
            try NpzFile(url: url)
        }
    }

    @Test func damagedArrayInsideAnIntactArchive() throws {
        let url = Scratch().url("inner.npz")
        try AtomicFile.write(to: url) { sink in
            var writer = ZipWriter(path: "inner.npz")
            try writer.add(name: "x.npy", contents: Data("not an array".utf8), compress: true, to: &sink)
            try writer.finish(to: &sink)
        }
        #expect(throws: FormatError.badMagic(path: "\(url.relativePath):x.npy", format: ".npy")) { try NpzFile(url: url) }
    }

    /// The offset of the last occurrence of a little-endian record signature.
    static func find(_ signature: UInt32, in bytes: [UInt8]) -> Int? {
        let pattern = withUnsafeBytes(of: signature.littleEndian) { Array($0) }
        return stride(from: bytes.count - 4, through: 0, by: -1).first { Array(bytes[$0..<($0 + 4)]) == pattern }
    }
}
