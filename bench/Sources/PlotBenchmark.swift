import Foundation
import Plot
import Tensors

/// Figure rendering and PNG encoding: a 1000×1000 heatmap (magma, colorbar) and a 100,000-point
/// scatter coloured by value (viridis, colorbar), each as an 800×600-pixel figure, beside
/// matplotlib's Agg backend drawing the same figures in the same run.
let plotBenchmark = Benchmark(name: "plot", summary: "1000×1000 heatmap and 100k-point scatter to PNG beside matplotlib") {
    let size = FigureSize(width: 800, height: 600)
    let n = 1000
    var values = [Double](repeating: 0, count: n * n)
    for r in 0..<n {
        for c in 0..<n {
            let x = Double(c) / Double(n), y = Double(r) / Double(n)
            values[r * n + c] = sin(9 * x) * cos(7 * y) + 0.5 * sin(31 * x * y)
        }
    }
    var heatmap = Chart(.heatmap(Heatmap(rows: n, columns: n, values: values)), title: "1000×1000 heatmap", xLabel: "column", yLabel: "row")
    heatmap.colormap = .magma
    heatmap.size = size

    var rng = SeededRNG(seed: 3)
    let count = 100_000
    let xs = (0..<count).map { _ in rng.normal() }, ys = (0..<count).map { _ in rng.normal() }
    let colour = zip(xs, ys).map { $0 * $1 }
    var scatter = Chart(.scatter([ScatterSeries(x: xs, y: ys, values: colour)]), title: "100,000 points", xLabel: "x", yLabel: "y")
    scatter.size = size

    let peer = runPeer("plot_matplotlib.py", ["800", "600", "\(n)", "\(count)"])
    var table = BenchTable(title: "Figures to PNG (800×600 px)", unit: "ms", peerName: "matplotlib (Agg)", higherIsBetter: false)
    if let reason = peer.note { table.note("matplotlib unavailable: \(reason)") }
    let metadata = PNGMetadata.mindscope(version: "bench", statement: "plot benchmark")
    var cpuNotes: [String] = []
    for threads in Array(Set([1, Parallel.coreCount])).sorted() {
        Parallel.setThreadCount(threads)
        let suffix = "\(threads) thread\(threads > 1 ? "s" : "")"
        for (name, chart, key) in [("heatmap 1000×1000", heatmap, "heatmap"), ("scatter 100k points", scatter, "scatter")] {
            let render = try bestTime(repeats: 7) { _ = try chart.render() }
            let full = try bestTime(repeats: 7) { _ = try chart.render().canvas.encodePNG(metadata: metadata) }
            table.add("\(name), render, \(suffix)", mindscope: render * 1000, peer: peer.value("\(key)_render"))
            table.add("\(name), render + PNG, \(suffix)", mindscope: full * 1000, peer: peer.value("\(key)_png"))
            if threads == Parallel.coreCount {
                let small = try bestTime(repeats: 7) { _ = try chart.render().canvas.encodePNG(metadata: metadata, compression: .smallest) }
                table.add("\(name), render + smallest PNG, \(suffix)", mindscope: small * 1000, peer: peer.value("\(key)_png"))
            }
            if threads == 1 {
                let cpu = try bestThreadCPUTime { _ = try chart.render().canvas.encodePNG(metadata: metadata) }
                cpuNotes.append(String(format: "%@ %.1f ms", name, cpu * 1000))
            }
        }
    }
    Parallel.setThreadCount(Parallel.coreCount)
    table.note("matplotlib runs single-threaded; its times include building the figure, as ours include layout.")
    table.note("PNG rows use libpng's fast mode (the default); \"smallest\" uses libpng's defaults, as matplotlib's Pillow does.")
    table.note("CPU time of one render + PNG on 1 thread (what an unloaded machine shows): " + cpuNotes.joined(separator: ", ") + ".")
    table.print()
}

/// The least CPU time of the calling thread over `repeats` runs of `body` (seconds): unlike wall
/// time it does not grow when other processes share the cores.
private func bestThreadCPUTime(repeats: Int = 5, _ body: () throws -> Void) rethrows -> Double {
    func now() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
    var best = Double.infinity
    for _ in 0..<repeats {
        let start = now()
        try body()
        best = min(best, now() - start)
    }
    return best
}
