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
        let image = HeatmapRows(heatmap, scale: scale)
        let x = axis(count: heatmap.columns, labels: heatmap.columnLabels, inverted: false)
        let y = axis(count: heatmap.rows, labels: heatmap.rowLabels, inverted: true)
        return PreparedPlot(x: x, y: y, colorbar: scale, skipped: skipped, grid: false) { canvas, m in
            canvas.resample(image, in: Rect(x: 0, y: 0, width: m.width, height: m.height))
        }
    }

    private static func axis(count: Int, labels: [String]?, inverted: Bool) -> AxisModel {
        var axis = AxisModel(lower: -0.5, upper: Double(count) - 0.5, scale: .linear, inverted: inverted, integerTicks: true)
        if let labels, count <= maxLabelled { axis.categories = labels.map { TextLabel($0) } }
        return axis
    }
}

/// A heatmap's rows as colours, made one row at a time through a 1024-entry lookup table
/// (NaN cells transparent), so a large matrix is never copied as colours.
struct HeatmapRows: ImageRows {
    let columns: Int, rows: Int
    let values: [Double]
    let table: [Float]
    let lower: Double, toIndex: Double

    init(_ heatmap: Heatmap, scale: ColorbarModel) {
        columns = heatmap.columns
        rows = heatmap.rows
        values = heatmap.values
        let entries = scale.colormap.lookupTable()
        table = entries.flatMap { color -> [Float] in [color.red, color.green, color.blue, 1] }
        lower = scale.lower
        toIndex = Double(entries.count - 1) / (scale.upper - scale.lower)
    }

    func withRow(_ row: Int, scratch: UnsafeMutablePointer<Float>, _ body: (UnsafePointer<Float>) -> Void) {
        let last = Double(table.count / 4 - 1)
        values.withUnsafeBufferPointer { values in
            table.withUnsafeBufferPointer { table in
                let start = row * columns
                for c in 0..<columns {
                    let v = values[start + c]
                    let out = scratch + 4 * c
                    if v.isFinite {
                        let k = 4 * Int(min(max((v - lower) * toIndex, 0), last) + 0.5)
                        out[0] = table[k]; out[1] = table[k + 1]; out[2] = table[k + 2]; out[3] = 1
                    } else {
                        out[0] = 0; out[1] = 0; out[2] = 0; out[3] = 0
                    }
                }
            }
        }
        body(scratch)
    }
}
