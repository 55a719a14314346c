import Tensors

/// Heatmaps: cell (r, c) spans [c − ½, c + ½] × [r − ½, r + ½] with row 0 at the top (like
/// matplotlib's imshow); names label rows and columns when there are few enough to read,
/// otherwise indices get ordinary integer ticks. NaN cells stay blank.
enum HeatmapPlot {
    /// The most rows or columns that are labelled one by one.
    static let maxLabelled = 40

    static func prepare(_ heatmap: Heatmap, chart: Chart) throws -> PreparedPlot {
        guard heatmap.rows > 0, heatmap.columns > 0 else { throw PlotError.emptyData(what: "the heatmap matrix") }
        guard heatmap.values.count == heatmap.rows * heatmap.columns else {
            throw PlotError.mismatchedLengths(what: "the \(heatmap.rows)×\(heatmap.columns) heatmap matrix",
                                              expected: heatmap.rows * heatmap.columns, actual: heatmap.values.count)
        }
        if let labels = heatmap.rowLabels, labels.count != heatmap.rows {
            throw PlotError.mismatchedLengths(what: "the heatmap row labels", expected: heatmap.rows, actual: labels.count)
        }
        if let labels = heatmap.columnLabels, labels.count != heatmap.columns {
            throw PlotError.mismatchedLengths(what: "the heatmap column labels", expected: heatmap.columns, actual: labels.count)
        }
        guard chart.xScale == .linear, chart.yScale == .linear else {
            throw PlotError.invalidOption(name: "log", value: chart.xScale == .log ? "x" : "y", reason: "heatmap axes hold rows and columns")
        }
        if let range = heatmap.valueRange, !(range.lowerBound.isFinite && range.upperBound.isFinite && range.lowerBound < range.upperBound) {
            throw PlotError.invalidOption(name: "range", value: "\(range)", reason: "the value range must be finite and not empty")
        }
        var skipped = SkippedValues()
        var values = DataRange()
        for v in heatmap.values { if v.isFinite { values.include(v) } else { skipped.nonFinite += 1 } }
        guard !values.isEmpty else { throw PlotError.noFiniteValues(what: "the heatmap matrix") }
        let scale = ScatterPlot.colorScale(values, colormap: chart.colormap ?? .viridis, label: chart.colorbarLabel,
                                           fixed: heatmap.valueRange)
        let image = rasterImage(heatmap, scale: scale)
        let x = axis(count: heatmap.columns, labels: heatmap.columnLabels, inverted: false)
        let y = axis(count: heatmap.rows, labels: heatmap.rowLabels, inverted: true)
        return PreparedPlot(x: x, y: y, colorbar: scale, skipped: skipped, grid: false) { canvas, m in
            canvas.draw(image, in: Rect(x: 0, y: 0, width: m.width, height: m.height))
        }
    }

    private static func axis(count: Int, labels: [String]?, inverted: Bool) -> AxisModel {
        var axis = AxisModel(lower: -0.5, upper: Double(count) - 0.5, scale: .linear, inverted: inverted, integerTicks: true)
        if let labels, count <= maxLabelled { axis.categories = labels.map { TextLabel($0) } }
        return axis
    }

    /// The matrix as premultiplied colours through a 1024-entry lookup table (NaN: transparent).
    /// - Complexity: O(rows × columns), split over rows in parallel.
    static func rasterImage(_ heatmap: Heatmap, scale: ColorbarModel) -> RasterImage {
        let table: [Float] = scale.colormap.lookupTable().flatMap { color -> [Float] in [color.red, color.green, color.blue, 1] }
        let count = heatmap.rows * heatmap.columns
        let premultiplied = [Float](unsafeUninitializedCapacity: 4 * count) { out, initialized in
            heatmap.values.withUnsafeBufferPointer { values in
                Parallel.forRanges(count, minimumChunk: 65_536) { range in
                    for i in range {
                        let v = values[i]
                        if v.isFinite {
                            let k = 4 * scale.tableIndex(v, size: 1024)
                            out[4 * i] = table[k]; out[4 * i + 1] = table[k + 1]; out[4 * i + 2] = table[k + 2]; out[4 * i + 3] = 1
                        } else {
                            out[4 * i] = 0; out[4 * i + 1] = 0; out[4 * i + 2] = 0; out[4 * i + 3] = 0
                        }
                    }
                }
            }
            initialized = 4 * count
        }
        return RasterImage(columns: heatmap.columns, rows: heatmap.rows, premultiplied: premultiplied)
    }
}
