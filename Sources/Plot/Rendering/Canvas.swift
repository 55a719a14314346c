import Tensors

/// An RGBA raster that charts are drawn on.
///
/// Pixels are stored as premultiplied-alpha `Float` (red·α, green·α, blue·α, α), so translucent
/// shapes composite exactly and the order of drawing is the only thing that decides a pixel;
/// `rgba8()` rounds to the 8-bit straight-alpha bytes PNG files hold. Every drawing call is
/// clipped to `clip`. Parallel drawing (markers, images, layers) splits the canvas into bands of
/// rows, and each pixel still sees its operations in the same order, so the bytes never depend on
/// the thread count.
public struct Canvas: Sendable {
    /// Size in pixels.
    public let width: Int, height: Int
    /// Premultiplied RGBA, row-major, four values per pixel.
    var pixels: [Float]
    /// Drawing outside this rectangle leaves pixels untouched; always within the canvas.
    public var clip: PixelRect {
        didSet { clip = clip.intersection(bounds) }
    }

    /// A canvas of `width × height` pixels (each at least 1) filled with `background`.
    public init(width: Int, height: Int, background: Color = .white) {
        precondition(width > 0 && height > 0, "canvas of \(width)×\(height) pixels")
        self.width = width
        self.height = height
        let a = background.alpha
        let pixel = [background.red * a, background.green * a, background.blue * a, a]
        pixels = [Float](unsafeUninitializedCapacity: width * height * 4) { buffer, count in
            for i in 0..<(width * height) {
                buffer[4 * i] = pixel[0]; buffer[4 * i + 1] = pixel[1]
                buffer[4 * i + 2] = pixel[2]; buffer[4 * i + 3] = pixel[3]
            }
            count = width * height * 4
        }
        clip = PixelRect(minX: 0, minY: 0, maxX: width, maxY: height)
    }

    /// The whole canvas.
    public var bounds: PixelRect { PixelRect(minX: 0, minY: 0, maxX: width, maxY: height) }

    /// The pixel at column `x`, row `y`, as 8-bit straight-alpha RGBA.
    public subscript(x: Int, y: Int) -> RGBA8 {
        precondition(x >= 0 && x < width && y >= 0 && y < height, "pixel (\(x), \(y)) outside \(width)×\(height)")
        let i = 4 * (y * width + x)
        return Canvas.straight(pixels[i], pixels[i + 1], pixels[i + 2], pixels[i + 3])
    }

    /// Every pixel as 8-bit straight-alpha RGBA, row-major (`width × height × 4` bytes).
    /// - Complexity: O(width × height), split over `Parallel.threadCount` threads.
    public func rgba8() -> [UInt8] {
        let count = width * height
        return [UInt8](unsafeUninitializedCapacity: count * 4) { bytes, initialized in
            pixels.withUnsafeBufferPointer { source in
                let out = bytes.baseAddress!, src = source.baseAddress!
                Parallel.forRanges(count, minimumChunk: 16_384) { range in
                    for i in range {
                        let p = Canvas.straight(src[4 * i], src[4 * i + 1], src[4 * i + 2], src[4 * i + 3])
                        out[4 * i] = p.red; out[4 * i + 1] = p.green; out[4 * i + 2] = p.blue; out[4 * i + 3] = p.alpha
                    }
                }
            }
            initialized = count * 4
        }
    }

    /// True when every pixel is fully opaque (the PNG can then drop its alpha channel).
    public var isOpaque: Bool {
        pixels.withUnsafeBufferPointer { p in
            var i = 3
            while i < p.count { if p[i] < 1 - 0.5 / 255 { return false }; i += 4 }
            return true
        }
    }

    /// Rounds one premultiplied pixel to straight-alpha bytes.
    @inline(__always)
    static func straight(_ r: Float, _ g: Float, _ b: Float, _ a: Float) -> RGBA8 {
        @inline(__always) func byte(_ v: Float) -> UInt8 { UInt8(min(max(v, 0), 1) * 255 + 0.5) }
        guard a > 0 else { return RGBA8(0, 0, 0, 0) }
        if a >= 1 { return RGBA8(byte(r), byte(g), byte(b), 255) }
        let inverse = 1 / a
        return RGBA8(byte(r * inverse), byte(g * inverse), byte(b * inverse), byte(a))
    }

    /// Blends `color` over `count` pixels of row `y` starting at column `x0`, pixel `i` with
    /// weight `coverage[i]`. The caller keeps the span inside the canvas.
    @inline(__always)
    static func blendSpan(_ pixels: UnsafeMutablePointer<Float>, width: Int, y: Int, x0: Int, count: Int,
                          coverage: UnsafePointer<Float>, color: Color) {
        let a = color.alpha, r = color.red * a, g = color.green * a, b = color.blue * a
        var p = pixels + 4 * (y * width + x0)
        for i in 0..<count {
            let c = coverage[i]
            if c > 0 {
                let s = c, keep = 1 - a * c
                p[0] = r * s + p[0] * keep
                p[1] = g * s + p[1] * keep
                p[2] = b * s + p[2] * keep
                p[3] = a * s + p[3] * keep
            }
            p += 4
        }
    }

    /// Fills `rect` with `color`; pixels the rectangle only partly covers get that fraction.
    public mutating func fill(_ rect: Rect, color: Color) {
        guard rect.width > 0, rect.height > 0, color.alpha > 0 else { return }
        let area = PixelRect.covering(minX: rect.minX, minY: rect.minY, maxX: rect.maxX, maxY: rect.maxY)
            .intersection(clip)
        guard !area.isEmpty else { return }
        var columnCoverage = [Float](repeating: 0, count: area.width)
        for i in 0..<area.width {
            let x = Double(area.minX + i)
            columnCoverage[i] = Float(max(0, min(x + 1, rect.maxX) - max(x, rect.minX)))
        }
        var rowCoverage = [Float](repeating: 0, count: area.width)
        let width = self.width
        pixels.withUnsafeMutableBufferPointer { buffer in
            for y in area.minY..<area.maxY {
                let fy = Float(max(0, min(Double(y + 1), rect.maxY) - max(Double(y), rect.minY)))
                for i in 0..<area.width { rowCoverage[i] = columnCoverage[i] * fy }
                rowCoverage.withUnsafeBufferPointer {
                    Canvas.blendSpan(buffer.baseAddress!, width: width, y: y, x0: area.minX, count: area.width,
                                     coverage: $0.baseAddress!, color: color)
                }
            }
        }
    }

    /// Fills the union of `polygons` (each closed, non-zero winding) with `color`, anti-aliased.
    /// Overlaps are painted once, so a translucent colour does not darken where polygons meet,
    /// provided they share an orientation (all clockwise or all counter-clockwise).
    public mutating func fill(polygons: [[Point]], color: Color) {
        let all = polygons.joined()
        guard color.alpha > 0, let bounds = Canvas.bounds(of: all) else { return }
        rasterize(bounds: bounds, color: color) { rasterizer in
            for polygon in polygons { rasterizer.addPolygon(polygon) }
        }
    }

    /// Fills one polygon (closed, non-zero winding) with `color`, anti-aliased.
    public mutating func fill(polygon: [Point], color: Color) { fill(polygons: [polygon], color: color) }

    /// Runs `build` on a rasterizer covering `bounds ∩ clip` and blends `color` by its coverage.
    mutating func rasterize(bounds: (minX: Double, minY: Double, maxX: Double, maxY: Double), color: Color,
                            _ build: (inout CoverageRasterizer) -> Void) {
        let region = PixelRect.covering(minX: bounds.minX, minY: bounds.minY, maxX: bounds.maxX, maxY: bounds.maxY)
            .intersection(clip)
        guard !region.isEmpty else { return }
        var rasterizer = CoverageRasterizer(region: region)
        build(&rasterizer)
        let width = self.width
        pixels.withUnsafeMutableBufferPointer { buffer in
            rasterizer.finish { y, coverage in
                Canvas.blendSpan(buffer.baseAddress!, width: width, y: y, x0: region.minX, count: region.width,
                                 coverage: coverage, color: color)
            }
        }
    }

    /// The bounding box of finite points, or nil when there are none.
    static func bounds<S: Sequence>(of points: S) -> (minX: Double, minY: Double, maxX: Double, maxY: Double)?
    where S.Element == Point {
        var minX = Double.infinity, minY = Double.infinity, maxX = -Double.infinity, maxY = -Double.infinity
        for p in points where p.x.isFinite && p.y.isFinite {
            minX = min(minX, p.x); maxX = max(maxX, p.x)
            minY = min(minY, p.y); maxY = max(maxY, p.y)
        }
        return minX <= maxX ? (minX, minY, maxX, maxY) : nil
    }
}
