import Foundation
/// Exact-area anti-aliasing for filled shapes, the method of Agg and font-rs: every edge adds the
/// signed area it sweeps to an accumulation grid, and a running sum along each row turns those
/// differences into the fraction of each pixel inside the shape (non-zero winding, clamped to 1).
///
/// Shapes added to one rasterizer are unioned, not blended twice, as long as they share an
/// orientation; `addCircle` and the stroker keep to the orientation of `addQuad`.
/// Geometry outside `region` is clipped exactly: edges left of it still count (their winding
/// reaches into the region), edges right of, above or below it do not.
struct CoverageRasterizer {
    /// The pixels this rasterizer computes coverage for.
    let region: PixelRect
    private var cells: [Float]
    /// Two spare columns: a sub-piece in the last column writes its remainder one column further.
    private let stride: Int

    /// A rasterizer for the pixels of `region` (which must not be empty).
    init(region: PixelRect) {
        self.region = region
        stride = region.width + 2
        cells = [Float](repeating: 0, count: stride * region.height)
    }

    /// Adds the closed polygon through `points` (the last point joins the first).
    mutating func addPolygon(_ points: [Point]) {
        guard points.count > 2 else { return }
        for i in points.indices { addEdge(points[i], points[(i + 1) % points.count]) }
    }

    /// Adds the quadrilateral a-b-c-d; strokes add their segments this way.
    mutating func addQuad(_ a: Point, _ b: Point, _ c: Point, _ d: Point) {
        addEdge(a, b); addEdge(b, c); addEdge(c, d); addEdge(d, a)
    }

    /// Adds a disc as a polygon with `segments` sides, oriented like the quads the stroker emits.
    /// With `preservingArea` the polygon's radius is raised so its area equals the disc's (an
    /// inscribed polygon would make small markers visibly lighter); joins keep the exact radius
    /// so they never bulge past the line's edges.
    mutating func addCircle(center: Point, radius requested: Double, segments: Int, preservingArea: Bool = false) {
        let step = 2 * Double.pi / Double(segments)
        let radius = preservingArea ? requested * (step / sin(step)).squareRoot() : requested
        var previous = Point(center.x + radius, center.y)
        for k in 1...segments {
            let angle = -2 * Double.pi * Double(k) / Double(segments)
            let next = k == segments ? Point(center.x + radius, center.y)
                : Point(center.x + radius * cos(angle), center.y + radius * sin(angle))
            addEdge(previous, next)
            previous = next
        }
    }

    /// Adds one directed edge.
    mutating func addEdge(_ a: Point, _ b: Point) {
        let width = Double(region.width), height = Double(region.height)
        var x0 = a.x - Double(region.minX), y0 = a.y - Double(region.minY)
        var x1 = b.x - Double(region.minX), y1 = b.y - Double(region.minY)
        guard x0.isFinite, y0.isFinite, x1.isFinite, y1.isFinite, y0 != y1 else { return }
        var sign: Double = 1
        if y0 > y1 { swap(&x0, &x1); swap(&y0, &y1); sign = -1 }
        guard y1 > 0, y0 < height else { return }
        let slope = (x1 - x0) / (y1 - y0)
        if y0 < 0 { x0 -= y0 * slope; y0 = 0 }
        if y1 > height { x1 = x0 + (height - y0) * slope; y1 = height }
        // x is monotonic along the edge: cut it where it crosses x = 0 and x = width, in order.
        var xa = x0, ya = y0
        if slope != 0 {
            let (first, second) = slope > 0 ? (0.0, width) : (width, 0.0)
            cut(at: first, x0: x0, y0: y0, y1: y1, slope: slope, sign: sign, xa: &xa, ya: &ya)
            cut(at: second, x0: x0, y0: y0, y1: y1, slope: slope, sign: sign, xa: &xa, ya: &ya)
        }
        addPiece(xa, ya, x1, y1, sign)
    }

    /// Emits the part of the edge before it crosses the vertical line x = `boundary`, if it does.
    private mutating func cut(at boundary: Double, x0: Double, y0: Double, y1: Double, slope: Double,
                              sign: Double, xa: inout Double, ya: inout Double) {
        let yc = y0 + (boundary - x0) / slope
        guard yc > ya && yc < y1 else { return }
        addPiece(xa, ya, boundary, yc, sign)
        xa = boundary
        ya = yc
    }

    /// A piece of an edge lying wholly left of, inside, or right of the region (ya < yb).
    private mutating func addPiece(_ xa: Double, _ ya: Double, _ xb: Double, _ yb: Double, _ sign: Double) {
        let width = Double(region.width)
        let middle = (xa + xb) / 2
        if middle >= width { return }
        let slope = (xb - xa) / (yb - ya)
        var row = Int(ya.rounded(.down))
        let lastRow = min(Int(yb.rounded(.up)) - 1, region.height - 1)
        while row <= lastRow {
            let top = max(ya, Double(row)), bottom = min(yb, Double(row + 1))
            if bottom > top {
                if middle <= 0 {
                    cells[row * stride] += Float(sign * (bottom - top))
                } else {
                    let xTop = min(max(xa + (top - ya) * slope, 0), width)
                    let xBottom = min(max(xa + (bottom - ya) * slope, 0), width)
                    addRowPiece(row, xTop, xBottom, (bottom - top) * sign)
                }
            }
            row += 1
        }
    }

    /// Spreads the signed height `dy` of an edge piece within one row over the cells it crosses:
    /// in each cell the piece covers (1 - f) of the cell to its right, f being its mean offset.
    private mutating func addRowPiece(_ row: Int, _ xStart: Double, _ xEnd: Double, _ dy: Double) {
        let base = row * stride
        let low = min(xStart, xEnd), high = max(xStart, xEnd)
        var column = Int(low.rounded(.down))
        if high - low < 1e-12 {
            let f = low - Double(column)
            cells[base + column] += Float(dy * (1 - f))
            cells[base + column + 1] += Float(dy * f)
            return
        }
        let dyPerX = dy / (high - low)
        var x = low
        while x < high {
            let next = min(Double(column + 1), high)
            let pieceDy = (next - x) * dyPerX
            let f = (x + next) / 2 - Double(column)
            cells[base + column] += Float(pieceDy * (1 - f))
            cells[base + column + 1] += Float(pieceDy * f)
            x = next
            column += 1
        }
    }

    /// Turns the accumulated areas into coverage and hands each row to `body(y, coverage)`, where
    /// `y` is the canvas row and `coverage` holds `region.width` values in 0...1.
    mutating func finish(_ body: (Int, UnsafePointer<Float>) -> Void) {
        let width = region.width, stride = stride
        cells.withUnsafeMutableBufferPointer { cells in
            for row in 0..<region.height {
                let line = cells.baseAddress! + row * stride
                var sum: Float = 0
                for column in 0..<width {
                    sum += line[column]
                    line[column] = min(abs(sum), 1)
                }
                body(region.minY + row, UnsafePointer(line))
            }
        }
    }
}
