import Foundation
import Testing
import TestSupport
@testable import Plot

@Suite("PNG files")
struct PNGTests {
    func sampleCanvas(background: Color) -> Canvas {
        var canvas = Canvas(width: 37, height: 23, background: background)
        canvas.fill(Rect(x: 3.5, y: 2, width: 20, height: 10), color: Color(hex: 0x0072B2, alpha: 0.7))
        canvas.stroke([Point(0, 20), Point(36, 1)], style: StrokeStyle(color: Color(hex: 0xD55E00), width: 2.5))
        return canvas
    }

    @Test("written PNGs decode with libpng to the canvas pixels, opaque and translucent")
    func roundTrip() throws {
        let directory = Fixtures.temporaryDirectory("plot-png")
        defer { try? FileManager.default.removeItem(at: directory) }
        for (background, compression) in [(Color.white, PNGCompression.fast), (.clear, .fast), (.white, .smallest), (.clear, .smallest)] {
            let canvas = sampleCanvas(background: background)
            let url = directory.appendingPathComponent("sample.png")
            try canvas.writePNG(to: url, compression: compression)
            let decoded = try PNGImage(contentsOf: url)
            #expect(decoded.width == 37 && decoded.height == 23)
            #expect(decoded.rgba == canvas.rgba8())
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0 != "sample.png" }
        #expect(leftovers.isEmpty, "temporary files left: \(leftovers)")
    }

    @Test("the tEXt chunks follow IHDR, carry version and statement, and have valid CRCs")
    func textChunks() throws {
        let metadata = PNGMetadata.mindscope(version: "0.1.0", statement: "plot line loss title=\"Loss\"")
        let bytes = try sampleCanvas(background: .white).encodePNG(metadata: metadata)
        #expect(Array(bytes[12..<16]) == Array("IHDR".utf8))
        #expect(Array(bytes[37..<41]) == Array("tEXt".utf8), "first chunk after IHDR")
        let length = Int(PNGChunks.readBigEndian(bytes, at: 33))
        let body = String(decoding: bytes[41..<(41 + length)], as: UTF8.self)
        #expect(body == "Software\u{0}mindscope 0.1.0")
        let parsed = try PNGChunks.textEntries(in: bytes, path: "memory")
        #expect(parsed["Software"] == "mindscope 0.1.0")
        #expect(parsed["Description"] == "plot line loss title=\"Loss\"")
    }

    @Test("text beyond Latin-1 goes into an iTXt chunk and survives")
    func unicodeText() throws {
        let metadata = PNGMetadata(entries: [.init(keyword: "Description", text: "ρ by layer — Δ ≥ 0"),
                                             .init(keyword: "Title", text: "Größe")])
        let bytes = try sampleCanvas(background: .white).encodePNG(metadata: metadata)
        let parsed = try PNGChunks.textEntries(in: bytes, path: "memory")
        #expect(parsed["Description"] == "ρ by layer — Δ ≥ 0")
        #expect(parsed["Title"] == "Größe")
        let types = Set(stride(from: 0, to: bytes.count - 4, by: 1).compactMap { i -> String? in
            let slice = String(decoding: bytes[i..<(i + 4)], as: UTF8.self)
            return slice == "iTXt" || slice == "tEXt" ? slice : nil
        })
        #expect(types == ["iTXt", "tEXt"])
    }

    @Test("bad keywords, damaged files and unwritable paths are clear errors")
    func errors() throws {
        let canvas = sampleCanvas(background: .white)
        #expect(throws: PlotError.self) { try canvas.encodePNG(metadata: PNGMetadata(entries: [.init(keyword: "", text: "x")])) }
        var bytes = try canvas.encodePNG(metadata: .mindscope(version: "1", statement: "s"))
        bytes[45] ^= 0xFF
        #expect(throws: PlotError.self) { try PNGChunks.textEntries(in: bytes, path: "memory") }
        let missing = URL(fileURLWithPath: "/nonexistent-dir/figure.png")
        #expect(throws: PlotError.self) { try canvas.writePNG(to: missing) }
        #expect(throws: PlotError.self) { try PNGImage(contentsOf: missing) }
    }

    @Test("the same canvas always encodes to the same bytes")
    func deterministicEncoding() throws {
        let metadata = PNGMetadata.mindscope(version: "0.1.0", statement: "plot")
        #expect(try sampleCanvas(background: .white).encodePNG(metadata: metadata)
                == sampleCanvas(background: .white).encodePNG(metadata: metadata))
    }
}
