import Foundation
import Testing
import Tensors
import TestSupport
@testable import Formats

/// NIfTI-1 reading against files written byte by byte in Python, the writer round trip, and every
/// malformed-file error.
@Suite struct NIfTITests {
    struct Expected: Decodable {
        let dims: [Int]
        let tr: Double?
        let values: [Double]
        let big_endian: Bool
    }

    static let expected: [String: Expected] = {
        let data = try! Data(contentsOf: Fixtures.url("nifti/expected.json"))
        return try! JSONDecoder().decode([String: Expected].self, from: data)
    }()

    @Test(arguments: expected.keys.sorted())
    func readsPythonWrittenFiles(name: String) throws {
        let expected = try #require(Self.expected[name])
        let image = try NIfTI.read(Fixtures.url("nifti/\(name)"))
        #expect(image.header.dimensions == expected.dims)
        #expect(image.header.bigEndian == expected.big_endian)
        #expect(image.repetitionTime == expected.tr)
        #expect(image.values.shape == [expected.dims.count > 3 ? expected.dims[3] : 1, 12])
        let values = image.values.scalars.map(Double.init)
        #expect(zip(values, expected.values).allSatisfy { abs($0 - $1) < 1e-6 }, "\(name)")
        #expect(image.header.description == "mindscope fixture")
    }

    @Test(arguments: NIfTIHeader.Datatype.allCases, [false, true])
    func writerRoundTripsEveryDatatypeAndByteOrder(datatype: NIfTIHeader.Datatype, bigEndian: Bool) throws {
        let raw = (0..<24).map { Double($0 * 5 % 120) }
        let volume = NIfTIWriter.Volume(dimensions: [2, 2, 3, 2], spacing: [3, 3, 3, 0.8], datatype: datatype, rawValues: raw, slope: 2, intercept: 1)
        let directory = Fixtures.temporaryDirectory("nifti")
        defer { try? FileManager.default.removeItem(at: directory) }
        for name in ["image.nii", "image.nii.gz"] {
            let url = directory.appendingPathComponent(name)
            try NIfTIWriter.write(volume, to: url, bigEndian: bigEndian)
            let image = try NIfTI.read(url)
            #expect(image.header.datatype == datatype && image.header.bigEndian == bigEndian)
            #expect(image.values.scalars == raw.map { Float($0) * 2 + 1 }, "\(datatype) \(name)")
            #expect(image.repetitionTime.map { abs($0 - 0.8) < 1e-6 } == true)
        }
    }

    @Test func slopeZeroMeansUnscaled() throws {
        let data = try NIfTIWriter.encode(.init(dimensions: [2, 1, 1], datatype: .int16, rawValues: [7, -2], slope: 0, intercept: 5))
        #expect(try NIfTI.decode(data, path: "x.nii").values.scalars == [7, -2])
    }

    @Test func truncatedDataIsAnError() throws {
        let data = try Data(contentsOf: Fixtures.url("nifti/int16_le.nii"))
        #expect(throws: NIfTIError.truncatedData(path: "t.nii", expected: 72, available: 67)) {
            try NIfTI.decode(data.prefix(data.count - 5), path: "t.nii")
        }
        #expect(NIfTIError.truncatedData(path: "t.nii", expected: 72, available: 67).description
                == "t.nii: truncated data block: the dimensions need 72 bytes after vox_offset, the file has 67")
        let compressed = try Data(contentsOf: Fixtures.url("nifti/float32_ms_be.nii.gz"))
        #expect(throws: NIfTIError.self) { try NIfTI.decode(compressed.prefix(compressed.count / 2), path: "t.nii.gz") }
        #expect(throws: NIfTIError.truncatedHeader(path: "t.nii", size: 100)) { try NIfTI.decode(data.prefix(100), path: "t.nii") }
    }

    @Test func malformedHeadersAreErrors() throws {
        let original = try Data(contentsOf: Fixtures.url("nifti/int16_le.nii"))
        func patched(_ offset: Int, _ bytes: [UInt8]) -> Data {
            var copy = original
            for (i, byte) in bytes.enumerated() { copy[offset + i] = byte }
            return copy
        }
        #expect(throws: NIfTIError.inconsistentDimensions(path: "p", dims: [9, 2, 3, 2, 3, 1, 1, 1])) { try NIfTI.decode(patched(40, [9, 0]), path: "p") }
        #expect(throws: NIfTIError.inconsistentDimensions(path: "p", dims: [4, 2, 0, 2, 3, 1, 1, 1])) { try NIfTI.decode(patched(44, [0, 0]), path: "p") }
        #expect(throws: NIfTIError.notNIfTI(path: "p", sizeofHeader: 349)) { try NIfTI.decode(patched(0, [0x5d, 1]), path: "p") }
        #expect(throws: NIfTIError.unsupportedMagic(path: "p", magic: "ni1")) { try NIfTI.decode(patched(344, Array("ni1".utf8)), path: "p") }
        #expect(throws: NIfTIError.unsupportedDatatype(path: "p", code: 32)) { try NIfTI.decode(patched(70, [32, 0]), path: "p") }
        #expect(throws: NIfTIError.bitpixMismatch(path: "p", datatype: "int16", bitpix: 32)) { try NIfTI.decode(patched(72, [32, 0]), path: "p") }
        #expect(NIfTIError.unsupportedMagic(path: "p", magic: "ni1").description
                == "p: a NIfTI-1 header/image pair (.hdr + .img) is not supported; convert it to a single .nii file")
    }
}
