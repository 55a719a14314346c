import Foundation
import Testing
import TestSupport
@testable import Plot

@Suite("Gallery")
struct GalleryTests {
    @Test("every gallery chart renders, writes, and decodes with its metadata", arguments: Gallery.names)
    func galleryChart(name: String) throws {
        let chart = Gallery.chart(name)
        let rendered = try chart.render()
        #expect(rendered.canvas.width == 640 && rendered.canvas.height == 480)
        #expect(rendered.skipped.total == 0)
        let directory = ProcessInfo.processInfo.environment["MINDSCOPE_FIGURES_DIR"].map { URL(fileURLWithPath: $0) }
            ?? Fixtures.temporaryDirectory("plot-gallery")
        let url = directory.appendingPathComponent("\(name).png")
        let metadata = PNGMetadata.mindscope(version: "test", statement: "gallery \(name)")
        try rendered.writePNG(to: url, metadata: metadata)
        let decoded = try PNGImage(contentsOf: url)
        #expect(decoded.rgba == rendered.canvas.rgba8())
        #expect(decoded.metadata["Description"] == "gallery \(name)")
    }
}
