import Foundation
import Testing
@testable import Plot

/// The fonts available here: always the bitmap font, and DejaVu Sans when it is installed.
func availableTypefaces() throws -> [(String, Typeface)] {
    var faces = [("bitmap", try Typeface(.bitmap))]
    let automatic = try Typeface(.automatic)
    if automatic.fontPath != nil { faces.append(("FreeType", automatic)) }
    return faces
}

@Suite("Text")
struct TextTests {
    @Test("text produces ink, and only inside its measured box, horizontal and rotated")
    func inkInsideMeasuredBox() throws {
        for (name, typeface) in try availableTypefaces() {
            for label: TextLabel in ["Hg|jy 0.25", "Wq_(", .power(base: "10", exponent: "−3")] {
                for rotation in [TextRotation.horizontal, .upward] {
                    let bitmap = typeface.render(label, size: 18)
                    var canvas = Canvas(width: 200, height: 200, background: .clear)
                    let box = canvas.draw(bitmap, at: Point(100, 100), horizontal: .center, vertical: .center,
                                          rotation: rotation, color: .black)
                    let measured = typeface.measure(label, size: 18)
                    #expect(box.width == (rotation == .horizontal ? measured.width : measured.height))
                    var inside: Float = 0, outside: Float = 0
                    for y in 0..<200 {
                        for x in 0..<200 {
                            let a = canvas.pixels[4 * (y * 200 + x) + 3]
                            if (box.minX..<box.maxX).contains(x) && (box.minY..<box.maxY).contains(y) { inside += a } else { outside += a }
                        }
                    }
                    #expect(inside > 20, "\(name) '\(label)' \(rotation): no ink")
                    #expect(outside == 0, "\(name) '\(label)' \(rotation): ink outside the box")
                }
            }
        }
    }

    @Test("longer text measures wider; bigger text measures taller")
    func measurementsGrow() throws {
        for (name, typeface) in try availableTypefaces() {
            let short = typeface.measure("12", size: 14), long = typeface.measure("12345", size: 14)
            let big = typeface.measure("12", size: 40)
            #expect(long.width > short.width, "\(name)")
            #expect(big.height > short.height && big.width > short.width, "\(name)")
        }
    }

    @Test("the bitmap font draws a known glyph exactly")
    func bitmapGlyph() throws {
        let bitmap = try Typeface(.bitmap).render("L", size: 11)
        #expect(bitmap.width == 6 && bitmap.height == 11 && bitmap.baseline == 8)
        // "L": a vertical bar in the first column over 7 rows, and a bottom bar of 5 pixels.
        for row in 0..<bitmap.height {
            let ink = (0..<bitmap.width).map { bitmap.coverage[row * bitmap.width + $0] == 255 ? "#" : "." }.joined()
            let expected = row < 1 || row > 7 ? "......" : (row == 7 ? "#####." : "#.....")
            #expect(ink == expected, "row \(row)")
        }
    }

    @Test("the bitmap font has a distinct glyph for every printable ASCII character")
    func bitmapTableComplete() {
        #expect(BitmapFont.patterns.count == 95)
        #expect(BitmapFont.patterns.allSatisfy { $0.count == 9 })
        #expect(Set(BitmapFont.patterns.dropFirst()).count == 94)
        #expect(BitmapFont.asciiStandIn("\u{2212}") == "-")
    }

    @Test("a missing font file is an error; automatic falls back to a working font")
    func missingFont() throws {
        #expect(throws: PlotError.self) { try Typeface(.file("/nonexistent/font.ttf")) }
        #expect(try Typeface(.automatic).measure("x", size: 12).width > 0)
    }
}
