/// A line of text to draw, made of pieces that are either normal or superscript (for tick labels
/// such as 10⁻³ that need a raised exponent with any font, the bitmap one included).
public struct TextLabel: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// One run of text and whether it is set as a superscript.
    public struct Piece: Hashable, Sendable {
        /// The characters of this run.
        public var text: String
        /// True for a smaller, raised run.
        public var superscript: Bool
    }

    /// The runs, left to right.
    public var pieces: [Piece]

    /// Plain text.
    public init(_ text: String) { pieces = [Piece(text: text, superscript: false)] }

    /// Plain text (string literals become labels).
    public init(stringLiteral value: String) { self.init(value) }

    /// `base` followed by a superscript `exponent`, as in 10⁻³ or 2×10⁶.
    public static func power(base: String, exponent: String) -> TextLabel {
        var label = TextLabel(base)
        label.pieces.append(Piece(text: exponent, superscript: true))
        return label
    }

    /// The text with exponents written after `^` (for messages and tests).
    public var description: String {
        pieces.map { $0.superscript ? "^" + $0.text : $0.text }.joined()
    }

    /// True when there is nothing to draw.
    public var isEmpty: Bool { pieces.allSatisfy { $0.text.isEmpty } }
}

/// A rendered line of text: a coverage mask and where its pen origin and baseline lie in it.
public struct TextBitmap: Sendable {
    /// Size of the mask in pixels; the mask contains all ink and the font's full line height.
    public let width: Int, height: Int
    /// Rows from the top of the mask down to the baseline.
    public let baseline: Int
    /// Columns from the left of the mask to where the pen started.
    public let originX: Int
    /// Coverage per pixel (0 = none, 255 = full), row-major.
    public let coverage: [UInt8]

    /// The empty bitmap of a blank label of the given line height.
    static func empty(ascent: Int, descent: Int) -> TextBitmap {
        TextBitmap(width: 0, height: ascent + descent, baseline: ascent, originX: 0, coverage: [])
    }
}

/// One glyph as a font engine renders it: a coverage mask and its placement on the baseline.
struct Glyph {
    /// Mask size in pixels.
    var width: Int, rows: Int
    /// Offset of the mask's left column from the pen, and of its top row above the baseline.
    var left: Int, top: Int
    /// Pen advance in pixels.
    var advance: Double
    /// Coverage 0...255, row-major.
    var coverage: [UInt8]
}
