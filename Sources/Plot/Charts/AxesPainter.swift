/// Draws what surrounds the data: grid, spines, ticks, tick labels, axis labels, title, colorbar.
/// Lines are snapped to whole pixels so that 1-pixel rules stay crisp.
struct AxesPainter {
    let layout: FigureLayout
    let mapping: PlotMapping
    let typeface: Typeface
    let style: ChartStyle

    private var plot: PixelRect { layout.plot }

    /// Canvas x of data value `v` on the x axis, snapped for a line of `width` pixels.
    private func canvasX(_ v: Double, width: Double) -> Double { ChartStyle.snap(Double(plot.minX) + mapping.px(v), width: width) }
    private func canvasY(_ v: Double, width: Double) -> Double { ChartStyle.snap(Double(plot.minY) + mapping.py(v), width: width) }

    /// Light lines at the major ticks, under the data.
    func drawGrid(on canvas: inout Canvas) {
        let pen = StrokeStyle(color: ChartStyle.grid, width: style.gridWidth)
        let top = Double(plot.minY), bottom = Double(plot.maxY), left = Double(plot.minX), right = Double(plot.maxX)
        if layout.xTicks.major.count > 0 && mapping.x.categories == nil {
            for v in layout.xTicks.major {
                let x = canvasX(v, width: pen.width)
                canvas.strokeLine(from: Point(x, top), to: Point(x, bottom), style: pen)
            }
        }
        if mapping.y.categories == nil {
            for v in layout.yTicks.major {
                let y = canvasY(v, width: pen.width)
                canvas.strokeLine(from: Point(left, y), to: Point(right, y), style: pen)
            }
        }
    }

    /// Spines around the plot, ticks pointing out, tick labels, axis labels and the title.
    /// - Returns: the boxes of the text drawn (for layout checks).
    func drawAxes(on canvas: inout Canvas, chart: Chart) -> [PixelRect] {
        var boxes: [PixelRect] = []
        let w = style.spineWidth, h = w / 2
        let left = Double(plot.minX) - h, right = Double(plot.maxX) + h
        let top = Double(plot.minY) - h, bottom = Double(plot.maxY) + h
        let pen = StrokeStyle(color: ChartStyle.spine, width: w, cap: .square)
        canvas.stroke([Point(left, top), Point(right, top), Point(right, bottom), Point(left, bottom), Point(left, top)], style: pen)
        let tickPen = StrokeStyle(color: ChartStyle.spine, width: w)
        let outsideBottom = Double(plot.maxY) + w, outsideLeft = Double(plot.minX) - w
        // x ticks and labels.
        for v in layout.xTicks.minor {
            let x = canvasX(v, width: w)
            canvas.strokeLine(from: Point(x, outsideBottom), to: Point(x, outsideBottom + style.minorTickLength), style: tickPen)
        }
        for (i, v) in layout.xTicks.major.enumerated() where i % layout.xStride == 0 {
            let x = canvasX(v, width: w)
            canvas.strokeLine(from: Point(x, outsideBottom), to: Point(x, outsideBottom + style.tickLength), style: tickPen)
            let label = typeface.render(layout.xTicks.labels[i], size: style.tickSize)
            let y = outsideBottom + style.tickLength + style.tickPad
            boxes.append(canvas.draw(label, at: Point(x, y), horizontal: .center, vertical: .top,
                                     rotation: layout.xLabelsRotated ? .upward : .horizontal, color: ChartStyle.text))
        }
        // y ticks and labels.
        for v in layout.yTicks.minor {
            let y = canvasY(v, width: w)
            canvas.strokeLine(from: Point(outsideLeft, y), to: Point(outsideLeft - style.minorTickLength, y), style: tickPen)
        }
        for (i, v) in layout.yTicks.major.enumerated() where i % layout.yStride == 0 {
            let y = canvasY(v, width: w)
            canvas.strokeLine(from: Point(outsideLeft, y), to: Point(outsideLeft - style.tickLength, y), style: tickPen)
            let label = typeface.render(layout.yTicks.labels[i], size: style.tickSize)
            boxes.append(canvas.draw(label, at: Point(outsideLeft - style.tickLength - style.tickPad, y), horizontal: .right,
                                     vertical: .center, color: ChartStyle.text))
        }
        return boxes + drawTitles(on: &canvas, chart: chart)
    }

    /// Title above the plot, x label under it, y label reading upwards at the left edge; each is
    /// centred on the plot, moved inside the figure if it would stick out, and set smaller if it
    /// is wider than the figure.
    private func drawTitles(on canvas: inout Canvas, chart: Chart) -> [PixelRect] {
        var boxes: [PixelRect] = []
        let figureWidth = Double(canvas.width), figureHeight = Double(canvas.height)
        let available = figureWidth - 2 * style.pad
        if let title = chart.title {
            let bitmap = fitted(title, size: style.titleSize, within: available)
            let x = centred(Double(plot.minX + plot.maxX) / 2, width: Double(bitmap.width), within: style.pad...(figureWidth - style.pad))
            boxes.append(canvas.draw(bitmap, at: Point(x, style.pad), horizontal: .center, vertical: .top, color: ChartStyle.text))
        }
        if let xLabel = chart.xLabel {
            let bitmap = fitted(xLabel, size: style.labelSize, within: available)
            let x = centred(Double(plot.minX + plot.maxX) / 2, width: Double(bitmap.width), within: style.pad...(figureWidth - style.pad))
            boxes.append(canvas.draw(bitmap, at: Point(x, figureHeight - style.pad), horizontal: .center, vertical: .bottom,
                                     color: ChartStyle.text))
        }
        if let yLabel = chart.yLabel {
            let bitmap = fitted(yLabel, size: style.labelSize, within: figureHeight - 2 * style.pad)
            let y = centred(Double(plot.minY + plot.maxY) / 2, width: Double(bitmap.width), within: style.pad...(figureHeight - style.pad))
            boxes.append(canvas.draw(bitmap, at: Point(style.pad, y), horizontal: .left, vertical: .center, rotation: .upward,
                                     color: ChartStyle.text))
        }
        return boxes
    }

    /// `text` at `size`, or smaller (down to half) so that it fits in `width` pixels.
    private func fitted(_ text: String, size: Double, within width: Double) -> TextBitmap {
        var size = size
        var bitmap = typeface.render(TextLabel(text), size: size)
        while Double(bitmap.width) > width && size > style.tickSize * 0.5 {
            size *= 0.9
            bitmap = typeface.render(TextLabel(text), size: size)
        }
        return bitmap
    }

    /// The centre closest to `center` that keeps a box of `width` inside `bounds`.
    private func centred(_ center: Double, width: Double, within bounds: ClosedRange<Double>) -> Double {
        guard width < bounds.upperBound - bounds.lowerBound else { return (bounds.lowerBound + bounds.upperBound) / 2 }
        return min(max(center, bounds.lowerBound + width / 2), bounds.upperBound - width / 2)
    }

    /// The colour scale right of the plot: a gradient bar, its ticks and labels, and its label.
    /// - Returns: the boxes of the text drawn.
    func drawColorbar(_ colorbar: ColorbarModel, ticks: AxisTicks, on canvas: inout Canvas) -> [PixelRect] {
        var boxes: [PixelRect] = []
        let w = style.spineWidth
        let x0 = (Double(plot.maxX) + style.colorbarGap).rounded(), barWidth = style.colorbarWidth.rounded()
        let top = Double(plot.minY), bottom = Double(plot.maxY)
        let steps = 512
        let gradient = RasterImage(columns: 1, rows: steps) { _, row in
            colorbar.colormap.color(at: 1 - (Double(row) + 0.5) / Double(steps))
        }
        canvas.draw(gradient, in: Rect(x: x0, y: top, width: barWidth, height: bottom - top))
        let h = w / 2
        canvas.stroke([Point(x0 - h, top - h), Point(x0 + barWidth + h, top - h), Point(x0 + barWidth + h, bottom + h),
                       Point(x0 - h, bottom + h), Point(x0 - h, top - h)],
                      style: StrokeStyle(color: ChartStyle.spine, width: w, cap: .square))
        let outside = x0 + barWidth + w
        var labelRight = outside + style.tickLength + style.tickPad
        for (value, text) in zip(ticks.major, ticks.labels) {
            let t = (value - colorbar.lower) / (colorbar.upper - colorbar.lower)
            let y = ChartStyle.snap(bottom - t * (bottom - top), width: w)
            canvas.strokeLine(from: Point(outside, y), to: Point(outside + style.tickLength, y), style: StrokeStyle(color: ChartStyle.spine, width: w))
            let label = typeface.render(text, size: style.tickSize)
            let box = canvas.draw(label, at: Point(outside + style.tickLength + style.tickPad, y), horizontal: .left, vertical: .center,
                                  color: ChartStyle.text)
            labelRight = max(labelRight, Double(box.maxX))
            boxes.append(box)
        }
        if let text = colorbar.label {
            let label = fitted(text, size: style.labelSize, within: bottom - top)
            boxes.append(canvas.draw(label, at: Point(labelRight + style.labelPad, (top + bottom) / 2), horizontal: .left,
                                     vertical: .center, rotation: .upward, color: ChartStyle.text))
        }
        return boxes
    }
}
