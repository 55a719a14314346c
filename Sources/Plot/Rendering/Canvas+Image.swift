import Tensors

/// A grid of premultiplied RGBA colours (an image to be scaled onto a canvas), row-major.
public struct RasterImage: Sendable {
    /// Size in cells.
    public let columns: Int, rows: Int
    /// Premultiplied RGBA, four values per cell, row-major.
    public var premultiplied: [Float]

    /// An image of `columns × rows` cells, cell (c, r) coloured `color(c, r)`.
    public init(columns: Int, rows: Int, color: (Int, Int) -> Color) {
        self.columns = columns
        self.rows = rows
        var values = [Float](repeating: 0, count: columns * rows * 4)
        for r in 0..<rows {
            for c in 0..<columns {
                let k = 4 * (r * columns + c), v = color(c, r)
                values[k] = v.red * v.alpha; values[k + 1] = v.green * v.alpha
                values[k + 2] = v.blue * v.alpha; values[k + 3] = v.alpha
            }
        }
        premultiplied = values
    }

    /// An image from premultiplied RGBA values (`columns × rows × 4` of them).
    public init(columns: Int, rows: Int, premultiplied: [Float]) {
        precondition(premultiplied.count == columns * rows * 4, "\(premultiplied.count) values for \(columns)×\(rows) cells")
        self.columns = columns
        self.rows = rows
        self.premultiplied = premultiplied
    }
}

/// For each destination pixel along one axis, the source cells it overlaps and by how much.
struct ResampleWeights {
    /// Pixel `i` (from `firstPixel`) uses cells `firstCell[i] ..< firstCell[i] + counts[i]`,
    /// with weights `weights[offsets[i] ..< offsets[i] + counts[i]]`.
    var firstPixel = 0
    var firstCell: [Int] = [], counts: [Int] = [], offsets: [Int] = [], weights: [Float] = []

    /// Box-filter weights: the length of the overlap of pixel [p, p+1) with each cell, so a pixel
    /// straddling several cells averages them by area and a pixel inside one cell takes its colour.
    init(pixels: Range<Int>, origin: Double, cellSize: Double, cells: Int) {
        firstPixel = pixels.lowerBound
        for p in pixels {
            let lo = Double(p), hi = Double(p + 1)
            let first = max(0, Int(((lo - origin) / cellSize).rounded(.down)))
            let last = min(cells - 1, Int(((hi - origin) / cellSize).rounded(.up)) - 1)
            firstCell.append(first)
            offsets.append(weights.count)
            var count = 0
            if first <= last {
                for cell in first...last {
                    let a = origin + Double(cell) * cellSize, b = a + cellSize
                    weights.append(Float(max(0, min(hi, b) - max(lo, a))))
                    count += 1
                }
            }
            counts.append(count)
        }
    }
}

/// Rows of premultiplied colours to resample: an image stored as such, or values turned into
/// colours one row at a time (heatmaps), so no full-size colour copy is ever made.
protocol ImageRows {
    var columns: Int { get }
    var rows: Int { get }
    /// Calls `body` with row `row` as `columns × 4` premultiplied values, using `scratch`
    /// (room for one row) if the row has to be made.
    func withRow(_ row: Int, scratch: UnsafeMutablePointer<Float>, _ body: (UnsafePointer<Float>) -> Void)
}

extension RasterImage: ImageRows {
    func withRow(_ row: Int, scratch: UnsafeMutablePointer<Float>, _ body: (UnsafePointer<Float>) -> Void) {
        premultiplied.withUnsafeBufferPointer { body($0.baseAddress! + 4 * row * columns) }
    }
}

extension Canvas {
    /// Draws `image` scaled to fill `rect`, clipped. Each pixel gets the area-weighted average of
    /// the cells it overlaps (a box filter): large matrices shrink without aliasing, small ones grow
    /// into crisp blocks.
    /// - Complexity: O(rows × pixel width + pixel width × pixel height × overlap), parallel.
    public mutating func draw(_ image: RasterImage, in rect: Rect) { resample(image, in: rect) }

    /// The box-filter resampling behind `draw(_:in:)`. Bands of 32 pixel rows are done in
    /// parallel; each band first resamples horizontally the image rows it needs (a band border
    /// row is computed by both bands, identically), then vertically, with fixed summation order,
    /// so the result never depends on the thread count.
    func resampleWeights(_ rect: Rect, columns: Int, rows: Int) -> (PixelRect, ResampleWeights, ResampleWeights)? {
        let area = PixelRect.covering(minX: rect.minX, minY: rect.minY, maxX: rect.maxX, maxY: rect.maxY).intersection(clip)
        guard columns > 0, rows > 0, rect.width > 0, rect.height > 0, !area.isEmpty else { return nil }
        return (area, ResampleWeights(pixels: area.minX..<area.maxX, origin: rect.minX, cellSize: rect.width / Double(columns), cells: columns),
                ResampleWeights(pixels: area.minY..<area.maxY, origin: rect.minY, cellSize: rect.height / Double(rows), cells: rows))
    }

    mutating func resample<Image: ImageRows>(_ image: Image, in rect: Rect) {
        guard let (area, wx, wy) = resampleWeights(rect, columns: image.columns, rows: image.rows) else { return }
        let w = area.width, width = self.width
        let bands = (area.height + 31) / 32
        pixels.withUnsafeMutableBufferPointer { buffer in
            let base = buffer.baseAddress!
            Parallel.forEach(bands) { band in
                let first = band * 32, last = min(area.height, first + 32)
                let firstRow = wy.firstCell[first]
                let lastRow = (first..<last).map { wy.firstCell[$0] + wy.counts[$0] }.max()!
                let scratch = UnsafeMutablePointer<Float>.allocate(capacity: 4 * image.columns)
                let horizontal = UnsafeMutablePointer<Float>.allocate(capacity: max(1, lastRow - firstRow) * w * 4)
                defer { scratch.deallocate(); horizontal.deallocate() }
                for row in firstRow..<lastRow {
                    image.withRow(row, scratch: scratch) { cells in
                        let out = horizontal + 4 * (row - firstRow) * w
                        for i in 0..<w {
                            var r: Float = 0, g: Float = 0, b: Float = 0, a: Float = 0
                            let cell0 = wx.firstCell[i], offset = wx.offsets[i]
                            for j in 0..<wx.counts[i] {
                                let weight = wx.weights[offset + j], cell = cells + 4 * (cell0 + j)
                                r += weight * cell[0]; g += weight * cell[1]; b += weight * cell[2]; a += weight * cell[3]
                            }
                            out[4 * i] = r; out[4 * i + 1] = g; out[4 * i + 2] = b; out[4 * i + 3] = a
                        }
                    }
                }
                for j in first..<last {
                    let row0 = wy.firstCell[j] - firstRow, offset = wy.offsets[j]
                    let out = base + 4 * ((area.minY + j) * width + area.minX)
                    for i in 0..<w {
                        var r: Float = 0, g: Float = 0, b: Float = 0, a: Float = 0
                        for k in 0..<wy.counts[j] {
                            let weight = wy.weights[offset + k], cell = horizontal + 4 * ((row0 + k) * w + i)
                            r += weight * cell[0]; g += weight * cell[1]; b += weight * cell[2]; a += weight * cell[3]
                        }
                        let o = out + 4 * i, keep = 1 - a
                        o[0] = r + o[0] * keep; o[1] = g + o[1] * keep; o[2] = b + o[2] * keep; o[3] = a + o[3] * keep
                    }
                }
            }
        }
    }

    /// Composites `layer` over this canvas with its top-left corner at pixel (x, y), clipped.
    public mutating func draw(_ layer: Canvas, atX x: Int, y: Int) {
        let area = PixelRect(minX: x, minY: y, maxX: x + layer.width, maxY: y + layer.height).intersection(clip)
        guard !area.isEmpty else { return }
        let width = self.width
        layer.pixels.withUnsafeBufferPointer { source in
            pixels.withUnsafeMutableBufferPointer { buffer in
                let src = source.baseAddress!, base = buffer.baseAddress!
                Parallel.forRanges(area.height, minimumChunk: 16) { range in
                    for j in range {
                        let row = area.minY + j
                        let out = base + 4 * (row * width + area.minX)
                        let input = src + 4 * ((row - y) * layer.width + (area.minX - x))
                        for i in 0..<area.width {
                            let o = out + 4 * i, s = input + 4 * i, keep = 1 - s[3]
                            o[0] = s[0] + o[0] * keep; o[1] = s[1] + o[1] * keep
                            o[2] = s[2] + o[2] * keep; o[3] = s[3] + o[3] * keep
                        }
                    }
                }
            }
        }
    }

    /// Sums of alpha over rectangles, from a summed-area table of the canvas's alpha channel:
    /// how much has been drawn inside a rectangle (used to place legends over the least ink).
    func alphaIntegral() -> [Double] {
        var table = [Double](repeating: 0, count: (width + 1) * (height + 1))
        for y in 0..<height {
            var rowSum = 0.0
            for x in 0..<width {
                rowSum += Double(pixels[4 * (y * width + x) + 3])
                table[(y + 1) * (width + 1) + x + 1] = table[y * (width + 1) + x + 1] + rowSum
            }
        }
        return table
    }
}
