import Foundation
import Tensors

/// The shape of a scatter or line marker.
public enum MarkerShape: String, CaseIterable, Sendable {
    /// A filled disc.
    case circle
    /// A filled square.
    case square
    /// A filled triangle pointing up.
    case triangle
    /// A filled square standing on a corner.
    case diamond
    /// A diagonal cross (×), stroked.
    case cross
    /// An upright cross (+), stroked.
    case plus

    /// True for the shapes drawn as outlines of strokes rather than filled areas.
    public var isStroked: Bool { self == .cross || self == .plus }

    /// Adds the marker of diameter `size` pixels centred at `center` to `rasterizer`.
    func add(center c: Point, size: Double, to rasterizer: inout CoverageRasterizer) {
        let r = size / 2
        switch self {
        case .circle:
            rasterizer.addCircle(center: c, radius: r, segments: min(64, max(12, Int((size * 2).rounded(.up)))),
                                 preservingArea: true)
        case .square:
            // Side chosen so the square looks as heavy as a circle of the same size (equal area).
            let h = r * 0.886
            rasterizer.addQuad(Point(c.x - h, c.y + h), Point(c.x + h, c.y + h), Point(c.x + h, c.y - h), Point(c.x - h, c.y - h))
        case .diamond:
            rasterizer.addQuad(Point(c.x, c.y + r), Point(c.x + r, c.y), Point(c.x, c.y - r), Point(c.x - r, c.y))
        case .triangle:
            // Equilateral, centroid at the centre, circumradius a little over r so it reads as large as a disc.
            let R = r * 1.15
            rasterizer.addPolygon([Point(c.x - R * 0.866, c.y + R / 2), Point(c.x + R * 0.866, c.y + R / 2), Point(c.x, c.y - R)])
        case .cross, .plus:
            let arm = self == .cross ? r * 0.8 : r
            let penWidth = max(1, size / 6)
            let ends: [(Point, Point)] = self == .cross
                ? [(Point(c.x - arm, c.y - arm), Point(c.x + arm, c.y + arm)), (Point(c.x - arm, c.y + arm), Point(c.x + arm, c.y - arm))]
                : [(Point(c.x - arm, c.y), Point(c.x + arm, c.y)), (Point(c.x, c.y - arm), Point(c.x, c.y + arm))]
            for (a, b) in ends { Canvas.addStroke([a, b], width: penWidth, cap: .butt, to: &rasterizer) }
        }
    }
}

/// The colours of a batch of markers: one for all, or one per marker.
public enum MarkerColors: Sendable {
    /// Every marker in this colour.
    case uniform(Color)
    /// Marker `i` in colour `i` (as many colours as markers).
    case perMarker([Color])
}

/// Coverage masks of one marker shape and size, pre-rendered at 4×4 sub-pixel offsets so that
/// many markers are blended without rasterizing each one (positions snap to 1/4 pixel).
struct MarkerStamps {
    static let subdivisions = 4

    /// One pre-rendered marker, trimmed to the pixels it touches.
    struct Mask {
        /// Offset of the mask's top-left pixel from the marker's reference pixel, and its size.
        let offsetX: Int, offsetY: Int, width: Int, height: Int
        let coverage: [Float]
    }

    /// Pixels from the reference pixel to the edge of the untrimmed square.
    let reach: Int
    /// `subdivisions²` masks, indexed by sub-pixel row × subdivisions + sub-pixel column.
    let masks: [Mask]

    init(shape: MarkerShape, size: Double) {
        reach = Int((size / 2 * 1.2).rounded(.up)) + 2
        let side = 2 * reach + 1
        var masks: [Mask] = []
        let n = MarkerStamps.subdivisions
        for sy in 0..<n {
            for sx in 0..<n {
                let center = Point(Double(reach) + Double(sx) / Double(n), Double(reach) + Double(sy) / Double(n))
                var rasterizer = CoverageRasterizer(region: PixelRect(minX: 0, minY: 0, maxX: side, maxY: side))
                shape.add(center: center, size: size, to: &rasterizer)
                var full = [Float](repeating: 0, count: side * side)
                rasterizer.finish { y, coverage in
                    for x in 0..<side { full[y * side + x] = coverage[x] }
                }
                masks.append(MarkerStamps.trimmed(full, side: side, reach: reach))
            }
        }
        self.masks = masks
    }

    /// The smallest rectangle of `full` holding all its coverage (most of the square is empty).
    private static func trimmed(_ full: [Float], side: Int, reach: Int) -> Mask {
        var minX = side, minY = side, maxX = -1, maxY = -1
        for y in 0..<side {
            for x in 0..<side where full[y * side + x] > 0 {
                minX = min(minX, x); maxX = max(maxX, x); minY = min(minY, y); maxY = max(maxY, y)
            }
        }
        guard maxX >= minX else { return Mask(offsetX: 0, offsetY: 0, width: 0, height: 0, coverage: []) }
        let width = maxX - minX + 1, height = maxY - minY + 1
        var coverage = [Float](repeating: 0, count: width * height)
        for y in 0..<height {
            for x in 0..<width { coverage[y * width + x] = full[(minY + y) * side + minX + x] }
        }
        return Mask(offsetX: minX - reach, offsetY: minY - reach, width: width, height: height, coverage: coverage)
    }
}

extension Canvas {
    /// Draws one marker of `shape` and diameter `size` pixels at `center`.
    public mutating func drawMarker(_ shape: MarkerShape, at center: Point, size: Double, color: Color) {
        guard size > 0, color.alpha > 0 else { return }
        let pad = size + 2
        rasterize(bounds: (center.x - pad, center.y - pad, center.x + pad, center.y + pad), color: color) {
            shape.add(center: center, size: size, to: &$0)
        }
    }

    /// Draws many markers of one shape and size, in order (later markers on top), with positions
    /// snapped to 1/4 pixel. Rows are split into bands drawn in parallel; every pixel still sees
    /// the markers in the given order, so the result does not depend on the thread count.
    /// - Complexity: O(n · size²) blends, divided over `Parallel.threadCount` threads.
    public mutating func drawMarkers(_ centers: [Point], shape: MarkerShape, size: Double, colors: MarkerColors) {
        guard size > 0, !centers.isEmpty, !clip.isEmpty else { return }
        if case let .perMarker(list) = colors { precondition(list.count == centers.count, "one colour per marker") }
        let stamps = MarkerStamps(shape: shape, size: size)
        let n = Double(MarkerStamps.subdivisions)
        let clip = self.clip, width = self.width
        // Quantized positions, computed once: the marker's reference pixel and which mask to use.
        var origins = [Int32](repeating: 0, count: centers.count * 3)
        for (i, c) in centers.enumerated() {
            guard c.x.isFinite, c.y.isFinite, abs(c.x) < 1e7, abs(c.y) < 1e7 else { origins[3 * i + 2] = -1; continue }
            let qx = Int((c.x * n).rounded()), qy = Int((c.y * n).rounded())
            let ix = qx >= 0 ? qx / 4 : (qx - 3) / 4, iy = qy >= 0 ? qy / 4 : (qy - 3) / 4
            origins[3 * i] = Int32(ix)
            origins[3 * i + 1] = Int32(iy)
            origins[3 * i + 2] = Int32((qy - 4 * iy) * 4 + (qx - 4 * ix))
        }
        let bands = Parallel.partition(clip.height, parts: 4 * Parallel.threadCount, minimumChunk: 32)
        pixels.withUnsafeMutableBufferPointer { buffer in
            let base = buffer.baseAddress!
            Parallel.forEach(bands.count) { band in
                let rows = bands[band]
                let bandMinY = clip.minY + rows.lowerBound, bandMaxY = clip.minY + rows.upperBound
                for i in 0..<centers.count where origins[3 * i + 2] >= 0 {
                    let mask = stamps.masks[Int(origins[3 * i + 2])]
                    let ox = Int(origins[3 * i]) + mask.offsetX, oy = Int(origins[3 * i + 1]) + mask.offsetY
                    let y0 = max(oy, bandMinY), y1 = min(oy + mask.height, bandMaxY)
                    let x0 = max(ox, clip.minX), x1 = min(ox + mask.width, clip.maxX)
                    guard y0 < y1, x0 < x1 else { continue }
                    let color: Color
                    switch colors {
                    case let .uniform(c): color = c
                    case let .perMarker(list): color = list[i]
                    }
                    mask.coverage.withUnsafeBufferPointer { coverage in
                        for y in y0..<y1 {
                            Canvas.blendSpan(base, width: width, y: y, x0: x0, count: x1 - x0,
                                             coverage: coverage.baseAddress! + (y - oy) * mask.width + (x0 - ox), color: color)
                        }
                    }
                }
            }
        }
    }
}
