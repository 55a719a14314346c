import Foundation

extension Chart {
    /// Draws the chart: validates the data, lays out axes around measured text, draws grid,
    /// data (clipped to the plot area), axes, labels, legend and colorbar.
    /// - Returns: the pixels and the count of values that could not be drawn.
    /// - Throws: `PlotError` for empty data, data with no finite values, mismatched lengths,
    ///   invalid options (size, bins, ...) and unreadable font files.
    public func render() throws -> RenderedChart {
        try size.validate()
        let typeface = try Typeface(font)
        let prepared: PreparedPlot
        switch content {
        case let .line(series): prepared = try LinePlot.prepare(series, chart: self)
        case let .scatter(series): prepared = try ScatterPlot.prepare(series, chart: self)
        case let .histogram(histogram): prepared = try HistogramPlot.prepare(histogram, chart: self)
        case let .heatmap(heatmap): prepared = try HeatmapPlot.prepare(heatmap, chart: self)
        case let .bar(data): prepared = try BarPlot.prepare(data, chart: self)
        }
        let style = ChartStyle(scale: size.scale)
        let showLegend = legend == .shown ? !prepared.legend.isEmpty : (legend == .automatic && prepared.legend.count >= 2)
        let legendBox = showLegend ? LegendBox(entries: prepared.legend, typeface: typeface, style: style) : nil
        var layout = FigureLayout(figure: size, prepared: prepared, chart: self, legend: legendBox, typeface: typeface, style: style)
        var (canvas, layer, mapping) = drawPlotArea(prepared, layout: layout, typeface: typeface, style: style)
        var legendOrigin: Point?
        if let legendBox, !layout.legendOutside {
            let best = legendBox.bestPosition(over: layer)
            // Anywhere inside would hide more than a trace of data: move the legend out.
            if best.hiddenInk > 0.002 * legendBox.width * legendBox.height {
                layout = FigureLayout(figure: size, prepared: prepared, chart: self, legend: legendBox, typeface: typeface,
                                      style: style, legendOutside: true)
                (canvas, layer, mapping) = drawPlotArea(prepared, layout: layout, typeface: typeface, style: style)
            } else {
                legendOrigin = Point(best.position.x + Double(layout.plot.minX), best.position.y + Double(layout.plot.minY))
            }
        }
        let painter = AxesPainter(layout: layout, mapping: mapping, typeface: typeface, style: style)
        var textBoxes = painter.drawAxes(on: &canvas, chart: self)
        if let legendBox {
            let origin = legendOrigin ?? Point(Double(canvas.width) - style.pad - legendBox.width, Double(layout.plot.minY))
            legendBox.draw(on: &canvas, at: origin)
            textBoxes.append(PixelRect(minX: Int(origin.x.rounded()), minY: Int(origin.y.rounded()),
                                       maxX: Int((origin.x + legendBox.width).rounded()), maxY: Int((origin.y + legendBox.height).rounded())))
        }
        if let colorbar = prepared.colorbar, let ticks = layout.colorbarTicks {
            textBoxes += painter.drawColorbar(colorbar, ticks: ticks, on: &canvas)
        }
        return RenderedChart(canvas: canvas, skipped: prepared.skipped, textBoxes: textBoxes)
    }

    /// A white figure with the grid and the data drawn into the plot area of `layout`; also
    /// returns the data layer alone (for legend placement) and the data-to-pixel mapping.
    private func drawPlotArea(_ prepared: PreparedPlot, layout: FigureLayout, typeface: Typeface,
                              style: ChartStyle) -> (Canvas, Canvas, PlotMapping) {
        var canvas = Canvas(width: size.pixelWidth, height: size.pixelHeight, background: .white)
        let plot = layout.plot
        let mapping = PlotMapping(width: Double(plot.width), height: Double(plot.height), x: prepared.x, y: prepared.y, scale: size.scale)
        if grid && prepared.grid {
            AxesPainter(layout: layout, mapping: mapping, typeface: typeface, style: style).drawGrid(on: &canvas)
        }
        var layer = Canvas(width: plot.width, height: plot.height, background: .clear)
        prepared.draw(&layer, mapping)
        canvas.draw(layer, atX: plot.minX, y: plot.minY)
        return (canvas, layer, mapping)
    }
}
