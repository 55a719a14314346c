import Foundation

/// Where everything goes: the plot area and the ticks that fit it. Margins are measured from
/// the actual text (tick labels, axis labels, title, colorbar labels), and the layout is
/// repeated until tick labels neither overlap nor stick out of the figure.
struct FigureLayout {
    /// The plot area in whole pixels.
    var plot = PixelRect(minX: 0, minY: 0, maxX: 1, maxY: 1)
    var xTicks = AxisTicks(major: [], labels: []), yTicks = AxisTicks(major: [], labels: [])
    /// Category labels on x read upwards when they do not fit side by side.
    var xLabelsRotated = false
    /// Only every n-th category label is shown when they are too many to read.
    var xStride = 1, yStride = 1
    var colorbarTicks: AxisTicks?
    /// True when the legend is too big for the plot area and sits to its right.
    var legendOutside = false

    /// - Parameter legendOutside: put the legend right of the plot even if it would fit inside
    ///   (the renderer asks for this when every place inside would hide data).
    init(figure size: FigureSize, prepared: PreparedPlot, chart: Chart, legend: LegendBox?,
         typeface: Typeface, style: ChartStyle, legendOutside forced: Bool = false) {
        let width = Double(size.pixelWidth), height = Double(size.pixelHeight)
        let tickHeight = Double(typeface.measure("0", size: style.tickSize).height)
        let labelHeight = Double(typeface.measure("Xg", size: style.labelSize).height)
        let titleHeight = chart.title.map { _ in Double(typeface.measure("Xg", size: style.titleSize).height) }
        let top = style.pad + (titleHeight.map { $0 + style.titlePad } ?? tickHeight / 2)
        let xLabelSpace = chart.xLabel == nil ? 0 : labelHeight + style.labelPad
        let yLabelSpace = chart.yLabel == nil ? 0 : labelHeight + style.labelPad
        var extraLeft = 0.0, extraRight = 0.0
        for _ in 0..<6 {
            let xLabelWidths = prepared.x.categories.map { $0.map { Double(typeface.measure($0, size: style.tickSize).width) } }
            let xTickSpace = xLabelsRotated ? (xLabelWidths?.max() ?? tickHeight) : tickHeight
            let bottom = style.pad + xLabelSpace + xTickSpace + style.tickPad + style.tickLength + style.spineWidth
            let plotHeight = max(20, height - top - bottom)
            (yTicks, yStride) = verticalTicks(prepared.y, length: plotHeight, tickHeight: tickHeight, style: style)
            let yTickWidth = shownLabels(yTicks, stride: yStride).map { Double(typeface.measure($0, size: style.tickSize).width) }.max() ?? 0
            let left = style.pad + yLabelSpace + yTickWidth + style.tickPad + style.tickLength + style.spineWidth + extraLeft
            var right = style.pad + extraRight
            if let colorbar = prepared.colorbar {
                let ticks = AxisModel(lower: colorbar.lower, upper: colorbar.upper, scale: .linear)
                    .ticks(maxIntervals: max(1, min(10, Int(plotHeight / (tickHeight * 2.5)))))
                colorbarTicks = ticks
                let labelWidth = ticks.labels.map { Double(typeface.measure($0, size: style.tickSize).width) }.max() ?? 0
                right += style.colorbarGap + style.colorbarWidth + style.tickLength + style.tickPad + labelWidth
                    + (colorbar.label == nil ? 0 : style.labelPad + labelHeight)
            }
            if let legend {
                let roughWidth = width - left - right
                legendOutside = forced || legend.height > plotHeight - 2 * style.legendInset || legend.width > 0.45 * roughWidth
                if legendOutside { right += legend.width + style.legendInset }
            }
            let plotWidth = max(20, width - left - right)
            plot = PixelRect(minX: Int(left.rounded()), minY: Int(top.rounded()),
                             maxX: Int((left + plotWidth).rounded()), maxY: Int((top + plotHeight).rounded()))
            let fit = horizontalTicks(prepared.x, length: Double(plot.width), typeface: typeface, style: style)
            (xTicks, xStride) = (fit.ticks, fit.stride)
            if fit.needsRotation && !xLabelsRotated { xLabelsRotated = true; continue }
            // Horizontal tick labels are centred on their ticks: make room for the outermost halves.
            guard !xLabelsRotated, let first = fit.positions.first, let last = fit.positions.last else { break }
            let overflowLeft = fit.widths.first! / 2 - first - (left - style.pad)
            let overflowRight = fit.widths.last! / 2 - (Double(plot.width) - last) - (right - style.pad)
            guard overflowLeft > 0.5 || overflowRight > 0.5 else { break }
            extraLeft += max(0, overflowLeft.rounded(.up))
            extraRight += max(0, overflowRight.rounded(.up))
        }
    }

    /// The labels drawn when only every `stride`-th is shown.
    func shownLabels(_ ticks: AxisTicks, stride: Int) -> [TextLabel] {
        ticks.labels.enumerated().filter { $0.offset % stride == 0 }.map(\.element)
    }

    /// y ticks: about one per 2.5 label heights, at most 10 intervals; category axes show every
    /// label that fits.
    private func verticalTicks(_ axis: AxisModel, length: Double, tickHeight: Double, style: ChartStyle) -> (AxisTicks, Int) {
        if let categories = axis.categories {
            let stride = max(1, Int((Double(categories.count) * tickHeight * 1.15 / length).rounded(.up)))
            return (axis.ticks(maxIntervals: 1), stride)
        }
        return (axis.ticks(maxIntervals: max(1, min(10, Int(length / (tickHeight * 2.5))))), 1)
    }

    private struct HorizontalFit {
        var ticks: AxisTicks
        var stride = 1
        var needsRotation = false
        /// Pixel positions (from the plot's left edge) and widths of the shown labels.
        var positions: [Double] = [], widths: [Double] = []
    }

    /// x ticks: the most (up to 10 intervals) whose labels keep a gap between them; category
    /// labels that cannot sit side by side ask for rotation, and are thinned if even rotated
    /// they would overlap.
    private func horizontalTicks(_ axis: AxisModel, length: Double, typeface: Typeface, style: ChartStyle) -> HorizontalFit {
        let mapping = PlotMapping(width: length, height: 1, x: axis, y: axis, scale: style.scale)
        func measure(_ ticks: AxisTicks, stride: Int) -> HorizontalFit {
            var fit = HorizontalFit(ticks: ticks, stride: stride)
            for (i, tick) in ticks.major.enumerated() where i % stride == 0 {
                fit.positions.append(mapping.px(tick))
                fit.widths.append(Double(typeface.measure(ticks.labels[i], size: style.tickSize).width))
            }
            return fit
        }
        func overlaps(_ fit: HorizontalFit) -> Bool {
            zip(fit.positions.indices.dropFirst(), fit.positions.indices).contains { next, previous in
                abs(fit.positions[next] - fit.positions[previous]) < (fit.widths[next] + fit.widths[previous]) / 2 + style.labelGap
            }
        }
        if let categories = axis.categories {
            let ticks = axis.ticks(maxIntervals: 1)
            let fit = measure(ticks, stride: 1)
            guard overlaps(fit) || xLabelsRotated else { return fit }
            let tickHeight = Double(typeface.measure("0", size: style.tickSize).height)
            var rotated = measure(ticks, stride: max(1, Int((Double(categories.count) * tickHeight * 1.15 / length).rounded(.up))))
            rotated.needsRotation = true
            return rotated
        }
        var intervals = max(1, min(10, Int(length / (style.tickSize * 3.5))))
        var fit = measure(axis.ticks(maxIntervals: intervals), stride: 1)
        while overlaps(fit) && intervals > 1 {
            intervals -= 1
            fit = measure(axis.ticks(maxIntervals: intervals), stride: 1)
        }
        return fit
    }
}
