import Foundation
import Tensors
@testable import Plot

/// One example chart of each kind, on seeded synthetic data (titled as such: none is a result).
/// `GalleryTests` renders them; with MINDSCOPE_FIGURES_DIR set it also writes them there
/// (how `docs/figures/` is made: MINDSCOPE_FIGURES_DIR=docs/figures swift test --filter Gallery).
enum Gallery {
    static func line() -> Chart {
        var rng = SeededRNG(seed: 11)
        let steps = (0...60).map { Double($0) * 50 }
        let series = [300, 450, 600].enumerated().map { index, k -> LineSeries in
            let floor = 0.02 / Double(index + 1)
            let mean = steps.map { floor + 0.5 * exp(-$0 / (300 + 150 * Double(index))) }
            let noisy = mean.map { $0 * (1 + 0.04 * rng.normal()) }
            let spread = mean.map { $0 * 0.12 }
            return LineSeries(label: "τ = \(k)", x: steps, y: noisy, lower: zip(noisy, spread).map { $0 - $1 },
                              upper: zip(noisy, spread).map { $0 + $1 })
        }
        var chart = Chart(.line(series), title: "Synthetic: noisy exponential decays, band ±12 %", xLabel: "t",
                          yLabel: "value")
        chart.yScale = .log
        return chart
    }

    static func scatter(points: Int = 4000) -> Chart {
        var rng = SeededRNG(seed: 12)
        var x: [Double] = [], y: [Double] = [], layer: [Double] = []
        for i in 0..<points {
            let l = Double(i % 12)
            let angle = l / 12 * 2.6 + 0.3 * rng.normal()
            x.append(cos(angle) * (2 + 0.15 * l) + 0.35 * rng.normal())
            y.append(sin(angle) * (2 + 0.15 * l) + 0.35 * rng.normal())
            layer.append(l)
        }
        var chart = Chart(.scatter([ScatterSeries(x: x, y: y, values: layer, markerSize: 5)]),
                          title: "Synthetic: 4,000 points on 12 noisy arcs", xLabel: "x", yLabel: "y")
        chart.colorbarLabel = "arc"
        return chart
    }

    static func histogram() -> Chart {
        var rng = SeededRNG(seed: 13)
        let first = (0..<3000).map { _ in 0.12 + 0.09 * rng.normal() }
        let second = (0..<3000).map { _ in 0.21 + 0.11 * rng.normal() }
        var chart = Chart(.histogram(Histogram(series: [HistogramSeries(label: "N(0.12, 0.09²)", values: first),
                                                        HistogramSeries(label: "N(0.21, 0.11²)", values: second)],
                                               bins: .count(40), density: true)),
                          title: "Synthetic: 3,000 normal draws each", xLabel: "value", yLabel: "density")
        chart.legend = .shown
        return chart
    }

    static func heatmap() -> Chart {
        // Random vectors of length 200 (a, b, c, s, noise, random) and sums, multiples and
        // negations of them; the matrix is their Pearson correlation.
        var rng = SeededRNG(seed: 14)
        func vector() -> [Double] { (0..<200).map { _ in rng.normal() } }
        let (r0, r1, r2, shaping, noise, random) = (vector(), vector(), vector(), vector(), vector(), vector())
        func mix(_ terms: [(Double, [Double])]) -> [Double] {
            (0..<200).map { i in terms.reduce(0) { $0 + $1.0 * $1.1[i] } }
        }
        let rewards: [(String, [Double])] = [
            ("a", r0), ("a + 0.7s", mix([(1, r0), (0.7, shaping)])), ("2a", mix([(2, r0)])),
            ("a + 0.8noise", mix([(1, r0), (0.8, noise)])), ("b", r1), ("b + 0.7s", mix([(1, r1), (0.7, shaping)])),
            ("−a", mix([(-1, r0)])), ("c", r2), ("c + 0.8noise", mix([(1, r2), (0.8, noise)])), ("random", random),
        ]
        let names = rewards.map(\.0)
        var matrix: [Double] = []
        for (_, a) in rewards { for (_, b) in rewards { matrix.append(Statistics.pearson(a, b)) } }
        var chart = Chart(.heatmap(Heatmap(rows: names.count, columns: names.count, values: matrix, rowLabels: names, columnLabels: names)),
                          title: "Synthetic: correlations of random vectors and their mixtures")
        chart.colormap = .coolwarm
        chart.colorbarLabel = "Pearson r"
        return chart
    }

    static func largeHeatmap(size: Int = 1000) -> Chart {
        var values = [Double](repeating: 0, count: size * size)
        for r in 0..<size {
            for c in 0..<size {
                let x = Double(c) / Double(size), y = Double(r) / Double(size)
                values[r * size + c] = sin(9 * x) * cos(7 * y) + 0.5 * sin(31 * x * y)
            }
        }
        var chart = Chart(.heatmap(Heatmap(rows: size, columns: size, values: values)), title: "sin 9x · cos 7y + ½ sin 31xy on a \(size)×\(size) grid",
                          xLabel: "column", yLabel: "row")
        chart.colormap = .magma
        return chart
    }

    static func bar() -> Chart {
        // Each bar is the mean ± standard error of 20 draws from N(μ, 1), μ set per bar.
        var rng = SeededRNG(seed: 15)
        let categories = ["A", "B", "C", "D"]
        let base = [1, 2, 1.5, 1.8]
        let means: [(String, [Double])] = [0, 0.3, 0.6].map { offset in ("offset \(offset)", base.map { $0 + offset }) }
        let series = means.map { label, mu -> BarSeries in
            let samples = mu.map { m in (0..<20).map { _ in m + rng.normal() } }
            return BarSeries(label: label, values: samples.map { Statistics.mean($0) },
                             errors: samples.map { (Statistics.variance($0, correction: 1) / Double($0.count)).squareRoot() })
        }
        return Chart(.bar(BarChartData(categories: categories, series: series)),
                     title: "Synthetic: mean ± SE of 20 normal draws per bar", xLabel: "category", yLabel: "value")
    }

    static let names = ["line", "scatter", "histogram", "heatmap", "heatmap-large", "bar"]

    static func chart(_ name: String) -> Chart {
        switch name {
        case "line": return line()
        case "scatter": return scatter()
        case "histogram": return histogram()
        case "heatmap": return heatmap()
        case "heatmap-large": return largeHeatmap()
        default: return bar()
        }
    }
}
