import Foundation
import Testing
import Tensors
import TestSupport
@testable import Plot

/// FNV-1a, 64 bits: a stable hash of pixel bytes for golden checks.
func fnv1a(_ bytes: [UInt8]) -> UInt64 {
    bytes.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
}

@Suite("Charts")
struct ChartTests {
    /// The golden chart: two lines, a band, title, labels, legend, bitmap font, 320×240.
    static func goldenChart() -> Chart {
        let x = (0..<25).map { Double($0) * 0.5 }
        let a = x.map { 1.5 + sin($0 * 0.8) }, b = x.map { 0.2 * $0 - 0.4 }
        var chart = Chart(.line([LineSeries(label: "sin", x: x, y: a, lower: a.map { $0 - 0.3 }, upper: a.map { $0 + 0.3 }),
                                 LineSeries(label: "ramp", x: x, y: b, style: .dashed)]),
                          title: "Golden", xLabel: "time (s)", yLabel: "value")
        chart.size = FigureSize(width: 320, height: 240)
        chart.font = .bitmap
        return chart
    }

    @Test("golden: a simple chart drawn with the bitmap font has pinned pixels")
    func golden() throws {
        // The hash covers decoded pixels, not PNG bytes (another zlib may compress differently)
        // and uses the bitmap font, not FreeType (whose hinting and rasterizer vary by version).
        let rendered = try Self.goldenChart().render()
        if let directory = ProcessInfo.processInfo.environment["MINDSCOPE_FIGURES_DIR"] {
            try rendered.writePNG(to: URL(fileURLWithPath: directory).appendingPathComponent("golden.png"))
        }
        let hash = fnv1a(rendered.canvas.rgba8())
        #expect(hash == ChartTests.goldenHash, "golden hash changed: \(String(hash, radix: 16)); look at the image before updating it")
    }
    static let goldenHash: UInt64 = 0x2b6e_e233_cfb7_1b77

    @Test("whole charts are byte-identical on 1, 2 and 3 threads")
    func deterministicAcrossThreads() throws {
        var chart = Gallery.scatter(points: 30_000)
        chart.font = .bitmap
        let heatmap = Gallery.largeHeatmap(size: 300)
        var outputs: [[UInt8]] = []
        for threads in [1, 2, 3] {
            Parallel.setThreadCount(threads)
            outputs.append(try chart.render().canvas.encodePNG() + heatmap.render().canvas.encodePNG())
        }
        Parallel.setThreadCount(Parallel.coreCount)
        #expect(outputs[0] == outputs[1])
        #expect(outputs[0] == outputs[2])
    }

    @Test("tick labels, titles and legends never overlap and stay inside the figure", arguments: Gallery.names)
    func layoutHasNoOverlaps(name: String) throws {
        for font in [FontChoice.automatic, .bitmap] {
            for size in [FigureSize(), FigureSize(width: 360, height: 260), FigureSize(width: 640, height: 480, scale: 2)] {
                var chart = Gallery.chart(name)
                chart.font = font
                chart.size = size
                let rendered = try chart.render()
                let boxes = rendered.textBoxes
                #expect(boxes.count >= 5)
                for (i, box) in boxes.enumerated() {
                    #expect(box.intersection(rendered.canvas.bounds) == box, "\(name) \(font) \(size): box \(box) is clipped")
                    for other in boxes[(i + 1)...] where !box.intersection(other).isEmpty {
                        Issue.record("\(name) \(font) \(size): \(box) overlaps \(other)")
                    }
                }
            }
        }
    }

    @Test("the legend goes where it hides the least data")
    func legendAvoidsData() throws {
        // Lines across the top of the plot and one along the bottom: the legend belongs in between.
        let x = (0...50).map(Double.init)
        var series = (0..<3).map { k in LineSeries(label: "series \(k)", x: x, y: x.map { 8 + Double(k) * 0.6 + sin($0 / 3) * 0.5 }) }
        series.append(LineSeries(label: "floor", x: [0, 50], y: [0, 0]))
        var chart = Chart(.line(series))
        chart.font = .bitmap
        let rendered = try chart.render()
        let legend = try #require(rendered.textBoxes.last)
        let height = Double(rendered.canvas.height)
        #expect(Double(legend.minY) > height * 0.3 && Double(legend.maxY) < height * 0.8, "legend at \(legend) covers lines")
        // Drawn over the same chart without the legend, the box would hide nothing but grid.
        chart.legend = .hidden
        let bare = try chart.render().canvas
        var inked = 0
        for y in legend.minY..<legend.maxY {
            for x in legend.minX..<legend.maxX where bare[x, y].blue < 200 && bare[x, y] != RGBA8(226, 226, 226) { inked += 1 }
        }
        #expect(inked == 0, "\(inked) data pixels under the legend")
    }

    @Test("yIncludes widens a line chart's y axis: a constant zero fraction spans 0...1, not -0.5...0.5")
    func yIncludesWidensTheAxis() throws {
        var chart = Chart(.line([LineSeries(y: [0, 0, 0])]))
        let plain = try LinePlot.prepare([LineSeries(y: [0, 0, 0])], chart: chart).y
        #expect(plain.lower < 0)
        chart.yIncludes = [0, 1]
        let widened = try LinePlot.prepare([LineSeries(y: [0, 0, 0])], chart: chart).y
        #expect(widened.lower == -0.05 && widened.upper == 1.05)
        chart.yScale = .log
        let logged = try LinePlot.prepare([LineSeries(y: [2, 3])], chart: chart).y
        #expect(logged.lower < 1 && logged.upper > 3, "on a log axis 0 is left out and 1 still counts")
    }

    @Test("NaN and infinite values are skipped and counted; log axes skip non-positive values")
    func skippedValues() throws {
        let y = [1, .nan, 3, .infinity, 5, -2, 7]
        var chart = Chart(.line([LineSeries(y: y)]))
        chart.font = .bitmap
        #expect(try chart.render().skipped == SkippedValues(nonFinite: 2))
        chart.yScale = .log
        let logged = try chart.render().skipped
        #expect(logged == SkippedValues(nonFinite: 2, nonPositiveOnLogAxis: 1))
        #expect(logged.summary == "skipped 2 NaN/infinite, 1 non-positive (log axis) values")
        let scatter = Chart(.scatter([ScatterSeries(x: [1, 2, 3, 4], y: [1, .nan, 2, 3], values: [0, 1, .nan, 2])]))
        #expect(try scatter.render().skipped.nonFinite == 2)
        let heat = Chart(.heatmap(Heatmap(rows: 2, columns: 2, values: [1, .nan, 3, 4])))
        #expect(try heat.render().skipped.nonFinite == 1)
        let histogram = Chart(.histogram(Histogram(values: [0.5, 1.5, 9, .nan], bins: .edges([0, 1, 2]))))
        #expect(try histogram.render().skipped == SkippedValues(nonFinite: 1, outsideBins: 1))
    }

    @Test("bad data and options are clear errors with fixed messages")
    func errors() {
        let cases: [(Chart, String)] = [
            (Chart(.line([])), "the line chart has no values to plot"),
            (Chart(.line([LineSeries(label: "loss", y: [])])), "line series 'loss' has no values to plot"),
            (Chart(.line([LineSeries(x: [1, 2], y: [1, 2, 3])])), "x of line series 1 has 2 values but 3 were expected"),
            (Chart(.line([LineSeries(y: [.nan, .infinity])])),
             "line series 1 has no finite values to plot (every value is NaN, infinite or not positive on a log axis)"),
            (Chart(.scatter([ScatterSeries(x: [1, 2], y: [1])])), "y of scatter series 1 has 1 values but 2 were expected"),
            (Chart(.histogram(Histogram(values: [1, 2], bins: .count(0)))), "bins=0 is not accepted: the bin count must be 1 to 100000"),
            (Chart(.heatmap(Heatmap(rows: 2, columns: 3, values: [1, 2, 3]))),
             "the 2×3 heatmap matrix has 3 values but 6 were expected"),
            (Chart(.bar(BarChartData(categories: ["a", "b"], series: [BarSeries(values: [1])]))),
             "bar series 1 has 1 values but 2 were expected"),
        ]
        for (chart, message) in cases {
            do {
                _ = try chart.render()
                Issue.record("no error for: \(message)")
            } catch {
                #expect("\(error)" == message)
            }
        }
        var tooSmall = Chart(.line([LineSeries(y: [1, 2])]))
        tooSmall.size = FigureSize(width: 10, height: 480)
        #expect(throws: PlotError.invalidOption(name: "width", value: "10.0", reason: "the width must be 160 to 10000 points")) {
            try tooSmall.render()
        }
    }

    @Test("names typed by users become enums, with a suggestion when misspelt")
    func parsing() throws {
        #expect(try Colormap(named: "Viridis") == .viridis)
        #expect(try Colormap(named: "magma_r") == Colormap(.magma, reversed: true))
        #expect(try ChartKind(parsing: "hist") == .histogram)
        #expect(try AxisScale(parsing: "log") == .log)
        do {
            _ = try Colormap(named: "viridas")
            Issue.record("viridas accepted")
        } catch {
            #expect("\(error)" == "unknown colormap 'viridas' (did you mean viridis?); known: viridis, magma, coolwarm")
        }
        #expect(throws: PlotError.self) { try ChartKind(parsing: "pie") }
    }

    @Test("colormaps match matplotlib's tables within one 8-bit step")
    func colormapsMatchMatplotlib() throws {
        let data = try Data(contentsOf: Fixtures.url("plot/colormaps.json"))
        let json = try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
        for name in Colormap.Name.allCases {
            let table = try #require(json[name.rawValue] as? [[Double]])
            #expect(table.count == 256)
            var worst = 0.0
            for (i, expected) in table.enumerated() {
                let c = Colormap(name).color(at: Double(i) / 255)
                worst = max(worst, abs(Double(c.red) - expected[0]), abs(Double(c.green) - expected[1]), abs(Double(c.blue) - expected[2]))
            }
            #expect(worst * 255 < 1, "\(name): worst difference \(worst * 255)/255")
        }
        #expect(Colormap(.viridis, reversed: true).color(at: 0) == Colormap.viridis.color(at: 1))
    }

    @Test("diverging colormaps put 0 at their centre")
    func divergingCentre() throws {
        var chart = Chart(.heatmap(Heatmap(rows: 1, columns: 3, values: [-1, 0, 4])))
        chart.colormap = .coolwarm
        chart.font = .bitmap
        let rendered = try chart.render()
        let layout = rendered.canvas
        // The middle cell (value 0) has coolwarm's centre colour.
        let centre = RGBA8(Colormap.coolwarm.color(at: 0.5))
        let y = layout.height / 2
        let found = (0..<layout.width).contains { x in
            let p = layout[x, y]
            return abs(Int(p.red) - Int(centre.red)) <= 1 && abs(Int(p.green) - Int(centre.green)) <= 1 && abs(Int(p.blue) - Int(centre.blue)) <= 1
        }
        #expect(found, "no pixel of the centre colour \(centre) on row \(y)")
    }

    @Test("the default colour cycle has 12 clearly different colours")
    func colourCycle() {
        let colors = ColorCycle.colors
        #expect(colors.count == 12)
        for i in colors.indices {
            for j in colors.indices where j > i {
                let d = abs(colors[i].red - colors[j].red) + abs(colors[i].green - colors[j].green) + abs(colors[i].blue - colors[j].blue)
                #expect(d > 0.25, "colours \(i) and \(j) are too close")
            }
        }
    }

    @Test("scale 2 doubles the pixels of the same figure")
    func highDPI() throws {
        var chart = Self.goldenChart()
        chart.size = FigureSize(width: 320, height: 240, scale: 2)
        let canvas = try chart.render().canvas
        #expect(canvas.width == 640 && canvas.height == 480)
    }
}
