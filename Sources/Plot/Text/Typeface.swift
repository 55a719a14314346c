import Foundation

/// Which font charts use for text.
public enum FontChoice: Hashable, Sendable {
    /// DejaVu Sans from the first place in `Typeface.searchPaths` that has it, else the bitmap font.
    case automatic
    /// The built-in bitmap font (identical output on every machine; used by golden tests).
    case bitmap
    /// A TrueType/OpenType file; a missing or unreadable file is an error.
    case file(String)
}

/// A font ready to measure and render text: FreeType with a TrueType file, or the built-in
/// bitmap font. Rendered labels are cached, so measuring a label and then drawing it costs one
/// rendering. Not thread-safe: one per rendering job.
public final class Typeface {
    private enum Engine {
        case freeType(FreeTypeFace)
        case bitmap
    }

    private let engine: Engine
    private var rendered: [RenderKey: TextBitmap] = [:]

    private struct RenderKey: Hashable {
        let label: TextLabel
        let size: Double
    }

    /// Where `.automatic` looks for DejaVu Sans, in order (Debian/Ubuntu's fonts-dejavu-core first).
    public static let searchPaths = [
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/TTF/DejaVuSans.ttf",
        "/usr/local/share/fonts/DejaVuSans.ttf",
        "/opt/homebrew/share/fonts/DejaVuSans.ttf",
        "/Library/Fonts/DejaVuSans.ttf",
    ]

    /// The font `choice` names.
    /// - Throws: `PlotError.fontUnreadable` for a `.file` that cannot be opened.
    public init(_ choice: FontChoice = .automatic) throws {
        switch choice {
        case .bitmap:
            engine = .bitmap
        case let .file(path):
            engine = .freeType(try FreeTypeFace(path: path))
        case .automatic:
            let found = Typeface.searchPaths.first { FileManager.default.isReadableFile(atPath: $0) }
            engine = found.flatMap { try? FreeTypeFace(path: $0) }.map(Engine.freeType) ?? .bitmap
        }
    }

    /// The font file in use, or nil for the bitmap font.
    public var fontPath: String? {
        if case let .freeType(face) = engine { return face.path }
        return nil
    }

    /// Renders `label` at `size` pixels (the em size; superscripts at 70 % of it).
    public func render(_ label: TextLabel, size: Double) -> TextBitmap {
        let key = RenderKey(label: label, size: size)
        if let cached = rendered[key] { return cached }
        let bitmap = layOut(label, size: size)
        rendered[key] = bitmap
        return bitmap
    }

    /// Width and height (ascent + descent) in pixels of `label` at `size`.
    public func measure(_ label: TextLabel, size: Double) -> (width: Int, height: Int) {
        let bitmap = render(label, size: size)
        return (bitmap.width, bitmap.height)
    }

    private func lineMetrics(_ size: Double) -> (ascent: Int, descent: Int) {
        switch engine {
        case let .freeType(face): return face.lineMetrics(pixelSize: size)
        case .bitmap: return BitmapFont.lineMetrics(scale: BitmapFont.scale(forPixelSize: size))
        }
    }

    private func glyph(_ scalar: Unicode.Scalar, _ size: Double) -> Glyph {
        switch engine {
        case let .freeType(face): return face.glyph(for: scalar, pixelSize: size)
        case .bitmap: return BitmapFont.glyph(for: scalar, scale: BitmapFont.scale(forPixelSize: size))
        }
    }

    private func kerning(_ a: Unicode.Scalar, _ b: Unicode.Scalar, _ size: Double) -> Double {
        if case let .freeType(face) = engine { return face.kerning(a, b, pixelSize: size) }
        return 0
    }

    /// Places the glyphs on a pen line (pen positions rounded to whole pixels) and copies them into
    /// one mask sized to hold both the ink and the font's line box.
    private func layOut(_ label: TextLabel, size: Double) -> TextBitmap {
        let line = lineMetrics(size)
        var placed: [(glyph: Glyph, x: Int, top: Int)] = []
        var pen = 0.0
        var minX = 0, maxX = 0, ascent = line.ascent, descent = line.descent
        for piece in label.pieces {
            let pieceSize = piece.superscript ? size * 0.7 : size
            let rise = piece.superscript ? Int((size * 0.42).rounded()) : 0
            var previous: Unicode.Scalar?
            for scalar in piece.text.unicodeScalars {
                if let previous { pen += kerning(previous, scalar, pieceSize) }
                let g = glyph(scalar, pieceSize)
                let x = Int(pen.rounded()) + g.left, top = g.top + rise
                placed.append((g, x, top))
                if g.width > 0 && g.rows > 0 {
                    minX = min(minX, x); maxX = max(maxX, x + g.width)
                    ascent = max(ascent, top); descent = max(descent, g.rows - top)
                }
                pen += g.advance
                previous = scalar
            }
        }
        maxX = max(maxX, Int(pen.rounded(.up)))
        let width = maxX - minX, height = ascent + descent
        guard width > 0 else { return .empty(ascent: ascent, descent: descent) }
        var coverage = [UInt8](repeating: 0, count: width * height)
        for (g, x, top) in placed {
            for row in 0..<g.rows {
                let y = ascent - top + row
                for column in 0..<g.width {
                    let index = y * width + (x - minX + column)
                    coverage[index] = max(coverage[index], g.coverage[row * g.width + column])
                }
            }
        }
        return TextBitmap(width: width, height: height, baseline: ascent, originX: -minX, coverage: coverage)
    }
}
