/// A legend box: one row per entry, a swatch then the label.
struct LegendBox {
    let entries: [LegendEntry]
    let labels: [TextBitmap]
    let style: ChartStyle
    /// Size in pixels.
    let width: Double, height: Double
    private let rowHeight: Double, swatchLength: Double

    init(entries: [LegendEntry], typeface: Typeface, style: ChartStyle) {
        self.entries = entries
        self.style = style
        labels = entries.map { typeface.render(TextLabel($0.label), size: style.legendSize) }
        rowHeight = Double(labels.map(\.height).max() ?? 0)
        swatchLength = style.legendSize * 2
        let textWidth = Double(labels.map(\.width).max() ?? 0)
        let gaps = style.legendSize * 0.3 * Double(max(0, entries.count - 1))
        width = 2 * style.legendPadding + swatchLength + style.legendSize * 0.6 + textWidth
        height = 2 * style.legendPadding + rowHeight * Double(entries.count) + gaps
    }

    /// The positions matplotlib's "best" legend tries, in its order of preference: upper right,
    /// upper left, lower left, lower right, centre right, centre left, lower centre, upper
    /// centre, centre (top-left corners, relative to a plot area of the given size).
    func candidates(plotWidth: Double, plotHeight: Double) -> [Point] {
        let inset = style.legendInset
        let left = inset, right = plotWidth - inset - width, center = (plotWidth - width) / 2
        let top = inset, bottom = plotHeight - inset - height, middle = (plotHeight - height) / 2
        return [Point(right, top), Point(left, top), Point(left, bottom), Point(right, bottom), Point(right, middle),
                Point(left, middle), Point(center, bottom), Point(center, top), Point(center, middle)]
    }

    /// The candidate position hiding the least drawn data: the smallest sum of the data layer's
    /// alpha under the box (ties go to the earlier, more conventional position).
    func bestPosition(over layer: Canvas) -> (position: Point, hiddenInk: Double) {
        let table = layer.alphaIntegral()
        let stride = layer.width + 1
        func ink(_ p: Point) -> Double {
            let x0 = min(max(Int(p.x.rounded()), 0), layer.width), x1 = min(max(Int((p.x + width).rounded()), 0), layer.width)
            let y0 = min(max(Int(p.y.rounded()), 0), layer.height), y1 = min(max(Int((p.y + height).rounded()), 0), layer.height)
            return table[y1 * stride + x1] - table[y0 * stride + x1] - table[y1 * stride + x0] + table[y0 * stride + x0]
        }
        let options = candidates(plotWidth: Double(layer.width), plotHeight: Double(layer.height))
        var best = options[0], bestInk = ink(options[0])
        for option in options.dropFirst() {
            let value = ink(option)
            if value < bestInk - 1e-6 { (best, bestInk) = (option, value) }
        }
        return (best, bestInk)
    }

    /// Draws the box with its top-left corner at `origin` (canvas pixels).
    func draw(on canvas: inout Canvas, at origin: Point) {
        let x = origin.x.rounded(), y = origin.y.rounded()
        let box = Rect(x: x, y: y, width: width.rounded(), height: height.rounded())
        canvas.fill(box, color: Color.white.withAlpha(0.9))
        let edge = style.spineWidth
        let h = edge / 2
        canvas.stroke([Point(box.minX + h, box.minY + h), Point(box.maxX - h, box.minY + h), Point(box.maxX - h, box.maxY - h),
                       Point(box.minX + h, box.maxY - h), Point(box.minX + h, box.minY + h)],
                      style: StrokeStyle(color: ChartStyle.legendEdge, width: edge, cap: .square))
        var rowTop = y + style.legendPadding
        for (entry, label) in zip(entries, labels) {
            let middle = rowTop + rowHeight / 2
            let swatchLeft = x + style.legendPadding
            drawSwatch(entry.swatch, on: &canvas, left: swatchLeft, middle: middle)
            canvas.draw(label, at: Point(swatchLeft + swatchLength + style.legendSize * 0.6, middle),
                        horizontal: .left, vertical: .center, color: ChartStyle.text)
            rowTop += rowHeight + style.legendSize * 0.3
        }
    }

    private func drawSwatch(_ swatch: LegendSwatch, on canvas: inout Canvas, left: Double, middle: Double) {
        let right = left + swatchLength, center = (left + right) / 2
        switch swatch {
        case let .line(color, lineStyle, lineWidth, marker):
            let width = lineWidth * style.scale
            let dash: DashPattern? = lineStyle == .dashed ? .dashed(lineWidth: width) : (lineStyle == .dotted ? .dotted(lineWidth: width) : nil)
            canvas.strokeLine(from: Point(left, middle), to: Point(right, middle), style: StrokeStyle(color: color, width: width, dash: dash))
            if let marker { canvas.drawMarker(marker, at: Point(center, middle), size: max(4, 3 * lineWidth) * style.scale, color: color) }
        case let .patch(color):
            let h = style.legendSize * 0.7
            canvas.fill(Rect(x: left, y: (middle - h / 2).rounded(), width: swatchLength, height: h.rounded()), color: color)
        case let .marker(shape, color):
            canvas.drawMarker(shape, at: Point(center, middle), size: style.legendSize * 0.6, color: color)
        }
    }
}
