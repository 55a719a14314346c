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
private struct ResampleWeights {
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

extension Canvas {
    /// Draws `image` scaled to fill `rect`, clipped. Each pixel gets the area-weighted average of
    /// the cells it overlaps (a box filter): large matrices shrink without aliasing, small ones grow
    /// into crisp blocks. Rows are resampled in parallel, each pixel by a fixed sum order.
    /// - Complexity: O(rows × pixel width + pixel width × pixel height × overlap), parallel.
    public mutating func draw(_ image: RasterImage, in rect: Rect) {
        guard image.columns > 0, image.rows > 0, rect.width > 0, rect.height > 0 else { return }
        let area = PixelRect.covering(minX: rect.minX, minY: rect.minY, maxX: rect.maxX, maxY: rect.maxY).intersection(clip)
        guard !area.isEmpty else { return }
        let wx = ResampleWeights(pixels: area.minX..<area.maxX, origin: rect.minX,
                                 cellSize: rect.width / Double(image.columns), cells: image.columns)
        let wy = ResampleWeights(pixels: area.minY..<area.maxY, origin: rect.minY,
                                 cellSize: rect.height / Double(image.rows), cells: image.rows)
        // Only the image rows some pixel row needs are resampled horizontally.
        let usedRows = (wy.firstCell.first ?? 0)..<((wy.firstCell.last ?? 0) + (wy.counts.last ?? 0))
        guard !usedRows.isEmpty else { return }
        let w = area.width
        var horizontal = [Float](repeating: 0, count: usedRows.count * w * 4)
        image.premultiplied.withUnsafeBufferPointer { source in
            horizontal.withUnsafeMutableBufferPointer { out in
                let src = source.baseAddress!, dst = out.baseAddress!
                Parallel.forRanges(usedRows.count, minimumChunk: 8) { range in
                    for k in range {
                        let row = src + 4 * (usedRows.lowerBound + k) * image.columns
                        for i in 0..<w {
                            var r: Float = 0, g: Float = 0, b: Float = 0, a: Float = 0
                            let first = wx.firstCell[i], offset = wx.offsets[i]
                            for j in 0..<wx.counts[i] {
                                let weight = wx.weights[offset + j], cell = row + 4 * (first + j)
                                r += weight * cell[0]; g += weight * cell[1]; b += weight * cell[2]; a += weight * cell[3]
                            }
                            let o = dst + 4 * (k * w + i)
                            o[0] = r; o[1] = g; o[2] = b; o[3] = a
                        }
                    }
                }
            }
        }
        let width = self.width
        horizontal.withUnsafeBufferPointer { source in
            pixels.withUnsafeMutableBufferPointer { buffer in
                let src = source.baseAddress!, base = buffer.baseAddress!
                Parallel.forRanges(area.height, minimumChunk: 8) { range in
                    for j in range {
                        let first = wy.firstCell[j] - usedRows.lowerBound, offset = wy.offsets[j]
                        let out = base + 4 * ((area.minY + j) * width + area.minX)
                        for i in 0..<w {
                            var r: Float = 0, g: Float = 0, b: Float = 0, a: Float = 0
                            for k in 0..<wy.counts[j] {
                                let weight = wy.weights[offset + k], cell = src + 4 * ((first + k) * w + i)
                                r += weight * cell[0]; g += weight * cell[1]; b += weight * cell[2]; a += weight * cell[3]
                            }
                            let o = out + 4 * i, keep = 1 - a
                            o[0] = r + o[0] * keep; o[1] = g + o[1] * keep; o[2] = b + o[2] * keep; o[3] = a + o[3] * keep
                        }
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
