import Foundation
import Tensors
@testable import Plot

/// One example chart of each kind, on seeded synthetic data shaped like mindscope's results.
/// `GalleryTests` renders them; with MINDSCOPE_FIGURES_DIR set it also writes them there
/// (how `docs/figures/` is made: MINDSCOPE_FIGURES_DIR=docs/figures swift test --filter Gallery).
enum Gallery {
    static func line() -> Chart {
        var rng = SeededRNG(seed: 11)
        let steps = (0...60).map { Double($0) * 50 }
        let series = [16, 32, 64].enumerated().map { index, k -> LineSeries in
            let floor = 0.02 / Double(index + 1)
            let mean = steps.map { floor + 0.5 * exp(-$0 / (300 + 150 * Double(index))) }
            let noisy = mean.map { $0 * (1 + 0.04 * rng.normal()) }
            let spread = mean.map { $0 * 0.12 }
            return LineSeries(label: "k = \(k)", x: steps, y: noisy, lower: zip(noisy, spread).map { $0 - $1 },
                              upper: zip(noisy, spread).map { $0 + $1 })
        }
        var chart = Chart(.line(series), title: "TopK SAE training loss (mean ± sd over 5 seeds)", xLabel: "step",
                          yLabel: "normalised MSE")
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
                          title: "Residual-stream activations, PCA (coloured by layer)", xLabel: "PC 1", yLabel: "PC 2")
        chart.colorbarLabel = "layer"
        return chart
    }

    static func histogram() -> Chart {
        var rng = SeededRNG(seed: 13)
        let ridge = (0..<3000).map { _ in 0.12 + 0.09 * rng.normal() }
        let finetuned = (0..<3000).map { _ in 0.21 + 0.11 * rng.normal() }
        var chart = Chart(.histogram(Histogram(series: [HistogramSeries(label: "pretrained", values: ridge),
                                                        HistogramSeries(label: "fine-tuned on ETHICS", values: finetuned)],
                                               bins: .count(40), density: true)),
                          title: "Voxel-wise encoding correlation", xLabel: "Pearson r", yLabel: "density")
        chart.legend = .shown
        return chart
    }

    static func heatmap() -> Chart {
        // Rewards as vectors over 200 transitions: shaped, scaled, noisy and negated variants of
        // three base rewards, plus an unrelated one; the matrix is their Pearson correlation.
        var rng = SeededRNG(seed: 14)
        func vector() -> [Double] { (0..<200).map { _ in rng.normal() } }
        let (r0, r1, r2, shaping, noise, random) = (vector(), vector(), vector(), vector(), vector(), vector())
        func mix(_ terms: [(Double, [Double])]) -> [Double] {
            (0..<200).map { i in terms.reduce(0) { $0 + $1.0 * $1.1[i] } }
        }
        let rewards: [(String, [Double])] = [
            ("R₀", r0), ("R₀+shaping", mix([(1, r0), (0.7, shaping)])), ("2·R₀", mix([(2, r0)])),
            ("R₀+noise", mix([(1, r0), (0.8, noise)])), ("R₁", r1), ("R₁+shaping", mix([(1, r1), (0.7, shaping)])),
            ("−R₀", mix([(-1, r0)])), ("R₂", r2), ("R₂+noise", mix([(1, r2), (0.8, noise)])), ("random", random),
        ]
        let names = rewards.map(\.0)
        var matrix: [Double] = []
        for (_, a) in rewards { for (_, b) in rewards { matrix.append(Statistics.pearson(a, b)) } }
        var chart = Chart(.heatmap(Heatmap(rows: names.count, columns: names.count, values: matrix, rowLabels: names, columnLabels: names)),
                          title: "Correlation between reward functions")
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
        var chart = Chart(.heatmap(Heatmap(rows: size, columns: size, values: values)), title: "\(size)×\(size) matrix",
                          xLabel: "column", yLabel: "row")
        chart.colormap = .magma
        return chart
    }

    static func bar() -> Chart {
        let groups = ["layers 1–2", "layers 3–4", "layers 5–6", "pooled"]
        let series = [
            BarSeries(label: "MiniLM", values: [0.21, 0.34, 0.29, 0.31], errors: [0.03, 0.04, 0.035, 0.02]),
            BarSeries(label: "MiniLM + ETHICS", values: [0.22, 0.39, 0.36, 0.37], errors: [0.03, 0.03, 0.04, 0.025]),
            BarSeries(label: "MiniLM + fMRI", values: [0.25, 0.43, 0.41, 0.42], errors: [0.035, 0.04, 0.03, 0.02]),
        ]
        return Chart(.bar(BarChartData(categories: groups, series: series)), title: "BrainScore by layer group",
                     yLabel: "BrainScore (Pearson r)")
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
