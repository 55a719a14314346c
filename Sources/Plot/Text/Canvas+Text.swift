/// Where a text box sits horizontally relative to its anchor point.
public enum HorizontalAlignment: Sendable {
    case left, center, right
}

/// Where a text box sits vertically relative to its anchor point (`baseline` only for
/// horizontal text; rotated text treats it as `center`).
public enum VerticalAlignment: Sendable {
    case top, center, baseline, bottom
}

/// Text direction: left to right, or rotated a quarter turn to read bottom to top (y labels).
public enum TextRotation: Sendable {
    case horizontal
    case upward
}

extension Canvas {
    /// The pixels that `text` occupies when anchored at `point` with the given alignment and
    /// rotation (the box holds the ink and the font's line height).
    public static func box(of text: TextBitmap, at point: Point, horizontal: HorizontalAlignment,
                           vertical: VerticalAlignment, rotation: TextRotation = .horizontal) -> PixelRect {
        let w = rotation == .horizontal ? text.width : text.height
        let h = rotation == .horizontal ? text.height : text.width
        let left: Double
        switch horizontal {
        case .left: left = point.x
        case .center: left = point.x - Double(w) / 2
        case .right: left = point.x - Double(w)
        }
        let top: Double
        switch vertical {
        case .top: top = point.y
        case .center: top = point.y - Double(h) / 2
        case .baseline: top = rotation == .horizontal ? point.y - Double(text.baseline) : point.y - Double(h) / 2
        case .bottom: top = point.y - Double(h)
        }
        let x = Int(left.rounded()), y = Int(top.rounded())
        return PixelRect(minX: x, minY: y, maxX: x + w, maxY: y + h)
    }

    /// Draws `text` in `color`, anchored at `point`; returns the box it occupies (see `box(of:)`).
    @discardableResult
    public mutating func draw(_ text: TextBitmap, at point: Point, horizontal: HorizontalAlignment = .left,
                              vertical: VerticalAlignment = .baseline, rotation: TextRotation = .horizontal,
                              color: Color) -> PixelRect {
        let box = Canvas.box(of: text, at: point, horizontal: horizontal, vertical: vertical, rotation: rotation)
        let area = box.intersection(clip)
        guard !area.isEmpty, text.width > 0 else { return box }
        var coverage = [Float](repeating: 0, count: area.width)
        let width = self.width
        pixels.withUnsafeMutableBufferPointer { buffer in
            for y in area.minY..<area.maxY {
                for x in area.minX..<area.maxX {
                    // Rotated text runs bottom to top: its first column lands on the box's last row.
                    let (tx, ty) = rotation == .horizontal ? (x - box.minX, y - box.minY)
                        : (text.width - 1 - (y - box.minY), x - box.minX)
                    coverage[x - area.minX] = Float(text.coverage[ty * text.width + tx]) / 255
                }
                coverage.withUnsafeBufferPointer {
                    Canvas.blendSpan(buffer.baseAddress!, width: width, y: y, x0: area.minX, count: area.width,
                                     coverage: $0.baseAddress!, color: color)
                }
            }
        }
        return box
    }
}
