/// A point in pixel space: x to the right, y down, (0, 0) the top-left corner of the top-left pixel.
/// Pixel (i, j) covers [i, i+1) × [j, j+1), so its centre is (i + 0.5, j + 0.5).
public struct Point: Hashable, Sendable {
    /// Horizontal and vertical position in pixels.
    public var x: Double, y: Double

    /// A point at (x, y).
    public init(_ x: Double, _ y: Double) {
        self.x = x
        self.y = y
    }
}

/// An axis-aligned rectangle in pixel space.
public struct Rect: Hashable, Sendable {
    /// Left, top, width and height in pixels (width and height non-negative).
    public var x: Double, y: Double, width: Double, height: Double

    /// A rectangle from its left-top corner and size.
    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    /// Left, right, top and bottom edges.
    public var minX: Double { x }
    public var maxX: Double { x + width }
    public var minY: Double { y }
    public var maxY: Double { y + height }
    /// The centre.
    public var center: Point { Point(x + width / 2, y + height / 2) }

    /// True when the two rectangles share some area.
    public func intersects(_ other: Rect) -> Bool {
        minX < other.maxX && other.minX < maxX && minY < other.maxY && other.minY < maxY
    }

    /// The rectangle grown by `amount` on every side.
    public func insetBy(_ amount: Double) -> Rect {
        Rect(x: x + amount, y: y + amount, width: max(0, width - 2 * amount), height: max(0, height - 2 * amount))
    }
}

/// A rectangle of whole pixels: columns `minX..<maxX`, rows `minY..<maxY`.
public struct PixelRect: Hashable, Sendable {
    /// First column and row, and one past the last.
    public var minX: Int, minY: Int, maxX: Int, maxY: Int

    /// The pixels of columns `minX..<maxX` and rows `minY..<maxY` (empty when max ≤ min).
    public init(minX: Int, minY: Int, maxX: Int, maxY: Int) {
        self.minX = minX
        self.minY = minY
        self.maxX = max(minX, maxX)
        self.maxY = max(minY, maxY)
    }

    /// Width and height in pixels.
    public var width: Int { maxX - minX }
    public var height: Int { maxY - minY }
    /// True when no pixel is inside.
    public var isEmpty: Bool { width == 0 || height == 0 }

    /// The pixels in both rectangles.
    public func intersection(_ other: PixelRect) -> PixelRect {
        PixelRect(minX: max(minX, other.minX), minY: max(minY, other.minY),
                  maxX: min(maxX, other.maxX), maxY: min(maxY, other.maxY))
    }

    /// The smallest pixel rectangle containing every pixel a shape with these bounds touches.
    static func covering(minX: Double, minY: Double, maxX: Double, maxY: Double) -> PixelRect {
        // Clamp before converting so far-away geometry cannot overflow Int.
        func clamp(_ v: Double) -> Double { min(max(v, -1e9), 1e9) }
        return PixelRect(minX: Int(clamp(minX).rounded(.down)), minY: Int(clamp(minY).rounded(.down)),
                         maxX: Int(clamp(maxX).rounded(.up)), maxY: Int(clamp(maxY).rounded(.up)))
    }
}
