/// How the ends of an open line are drawn.
public enum LineCap: Sendable {
    /// The line stops exactly at its end points.
    case butt
    /// The line runs on by half its width past each end.
    case square
    /// A half disc closes each end.
    case round
}

/// A dash pattern: alternating on and off lengths in pixels, starting with "on".
public struct DashPattern: Hashable, Sendable {
    /// On/off lengths in pixels (an even count, each positive).
    public let lengths: [Double]

    /// A pattern of alternating on/off `lengths` (an odd count is repeated once, like SVG does).
    public init(_ lengths: [Double]) {
        let positive = lengths.map { max($0, 0.1) }
        self.lengths = positive.count % 2 == 1 ? positive + positive : positive
    }

    /// matplotlib's dashed line ("--"), scaled to the line width like matplotlib does.
    public static func dashed(lineWidth: Double) -> DashPattern { DashPattern([3.7, 1.6].map { $0 * max(lineWidth, 1) }) }
    /// matplotlib's dotted line (":"), scaled to the line width.
    public static func dotted(lineWidth: Double) -> DashPattern { DashPattern([1, 1.65].map { $0 * max(lineWidth, 1) }) }
}

/// The pen a line is drawn with.
public struct StrokeStyle: Sendable {
    /// Colour, alpha included.
    public var color: Color
    /// Width in pixels.
    public var width: Double
    /// Dashes, or nil for a solid line.
    public var dash: DashPattern?
    /// End caps (dashes always end butt, as in matplotlib).
    public var cap: LineCap

    /// A pen of `width` pixels in `color`; solid with butt caps unless told otherwise.
    public init(color: Color, width: Double, dash: DashPattern? = nil, cap: LineCap = .butt) {
        self.color = color
        self.width = width
        self.dash = dash
        self.cap = cap
    }
}

extension Canvas {
    /// Draws the open polyline through `points` with `style`, anti-aliased. Segments meet with
    /// round joins, and the whole line is painted once, so translucent lines stay even where
    /// segments overlap. Non-finite points are skipped.
    public mutating func stroke(_ points: [Point], style: StrokeStyle) {
        let line = points.filter { $0.x.isFinite && $0.y.isFinite }
        guard !line.isEmpty, style.width > 0, style.color.alpha > 0,
              let box = Canvas.bounds(of: line) else { return }
        let pad = style.width / 2 + 1
        let bounds = (box.minX - pad, box.minY - pad, box.maxX + pad, box.maxY + pad)
        if let dash = style.dash {
            let pieces = Canvas.dashes(of: line, pattern: dash)
            rasterize(bounds: bounds, color: style.color) { rasterizer in
                for piece in pieces { Canvas.addStroke(piece, width: style.width, cap: .butt, to: &rasterizer) }
            }
        } else {
            rasterize(bounds: bounds, color: style.color) { rasterizer in
                Canvas.addStroke(line, width: style.width, cap: style.cap, to: &rasterizer)
            }
        }
    }

    /// Draws the straight line from `a` to `b`.
    public mutating func strokeLine(from a: Point, to b: Point, style: StrokeStyle) { stroke([a, b], style: style) }

    /// Sides of the circle used for round joins and caps of a line `width` pixels wide: enough
    /// that the polygon strays from the true circle by well under a tenth of a pixel.
    static func joinSegments(width: Double) -> Int { min(48, max(8, Int((width * 2.5).rounded(.up)))) }

    /// Adds the outline of a stroked polyline: one quad per segment, a disc at each interior
    /// vertex (round join) and the caps. All pieces share one orientation, so they union.
    static func addStroke(_ line: [Point], width: Double, cap: LineCap, to rasterizer: inout CoverageRasterizer) {
        let half = width / 2
        let segments = joinSegments(width: width)
        var points = line
        if points.count == 1 || (points.count == 2 && points[0] == points[1]) {
            if cap != .butt { addCap(at: points[0], direction: (1, 0), half: half, cap: cap, segments: segments, to: &rasterizer) }
            return
        }
        if cap == .square, let first = direction(points[0], points[1]), let last = direction(points[points.count - 2], points[points.count - 1]) {
            points[0] = Point(points[0].x - first.0 * half, points[0].y - first.1 * half)
            points[points.count - 1] = Point(points[points.count - 1].x + last.0 * half, points[points.count - 1].y + last.1 * half)
        }
        for i in 0..<(points.count - 1) {
            let p = points[i], q = points[i + 1]
            guard let (dx, dy) = direction(p, q) else { continue }
            let nx = -dy * half, ny = dx * half
            rasterizer.addQuad(Point(p.x + nx, p.y + ny), Point(q.x + nx, q.y + ny),
                               Point(q.x - nx, q.y - ny), Point(p.x - nx, p.y - ny))
            if i > 0 && half > 0.3 { rasterizer.addCircle(center: p, radius: half, segments: segments) }
        }
        if cap == .round {
            rasterizer.addCircle(center: points[0], radius: half, segments: segments)
            rasterizer.addCircle(center: points[points.count - 1], radius: half, segments: segments)
        }
    }

    private static func addCap(at p: Point, direction: (Double, Double), half: Double, cap: LineCap,
                               segments: Int, to rasterizer: inout CoverageRasterizer) {
        if cap == .round {
            rasterizer.addCircle(center: p, radius: half, segments: segments)
        } else {
            rasterizer.addQuad(Point(p.x - half, p.y + half), Point(p.x + half, p.y + half),
                               Point(p.x + half, p.y - half), Point(p.x - half, p.y - half))
        }
    }

    /// The unit vector from p to q, or nil when they coincide.
    private static func direction(_ p: Point, _ q: Point) -> (Double, Double)? {
        let dx = q.x - p.x, dy = q.y - p.y
        let length = (dx * dx + dy * dy).squareRoot()
        return length > 1e-12 ? (dx / length, dy / length) : nil
    }

    /// The "on" pieces of `line` under `pattern`, measured along the line from its start.
    static func dashes(of line: [Point], pattern: DashPattern) -> [[Point]] {
        var pieces: [[Point]] = []
        var current: [Point] = [line[0]]
        var index = 0, remaining = pattern.lengths[0]
        var on = true
        for i in 0..<(line.count - 1) {
            var p = line[i]
            let q = line[i + 1]
            var length = ((q.x - p.x) * (q.x - p.x) + (q.y - p.y) * (q.y - p.y)).squareRoot()
            while length > remaining {
                let t = remaining / length
                p = Point(p.x + (q.x - p.x) * t, p.y + (q.y - p.y) * t)
                length -= remaining
                if on { current.append(p); pieces.append(current) } else { current = [p] }
                on.toggle()
                index = (index + 1) % pattern.lengths.count
                remaining = pattern.lengths[index]
            }
            remaining -= length
            if on { current.append(q) }
        }
        if on && current.count > 1 { pieces.append(current) }
        return pieces
    }
}
