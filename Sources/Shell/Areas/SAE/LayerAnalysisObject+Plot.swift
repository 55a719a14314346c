import Plot
import SAE

extension LayerAnalysisObject {
    /// `heatmap` (latents × layers p(l), sorted by mean layer), `hist` (mean layer), `line`
    /// (adjacent-layer cosine similarity), `norms` (residual norms by layer).
    public var plotForms: [PlotForm] {
        let object = self
        var forms = [
            PlotForm(kind: "heatmap", summary: "p(l) of every active latent (rows, sorted by mean layer) × layers (magma)") {
                let order = object.distributions.latentsByMeanLayer()
                guard !order.isEmpty else { throw ShellError(.failed("no latent was active: nothing to draw")) }
                let columns = object.layerCount
                var values = [Double](repeating: 0, count: order.count * columns)
                for (row, latent) in order.enumerated() {
                    for (column, p) in (object.distributions.probabilities(latent: latent) ?? []).enumerated() { values[row * columns + column] = p }
                }
                var heatmap = Heatmap(rows: order.count, columns: columns, values: values,
                                      columnLabels: object.distributions.layerNumbers.map(String.init))
                heatmap.valueRange = 0...1
                var chart = Chart(.heatmap(heatmap), title: object.title("Latents by layer"),
                                  xLabel: "layer (hidden state, 0 = embeddings)", yLabel: "\(order.count) active latents, sorted by mean layer")
                chart.colormap = .magma
                chart.colorbarLabel = "p(layer | latent)"
                return chart
            },
            PlotForm(kind: "hist", summary: "histogram of the latents' mean layers") {
                let numbers = object.distributions.layerNumbers
                let means = (0..<object.distributions.latentCount).compactMap { object.distributions.meanLayer(latent: $0) }
                    .map { position in Self.layerNumber(at: position, numbers) }
                let first = Double(numbers.first ?? 0), last = Double(numbers.last ?? 0)
                let edges = stride(from: first - 0.5, through: last + 0.5, by: 0.25).map { $0 }
                return Chart(.histogram(Histogram(values: means, bins: edges.count > 1 ? .edges(edges) : .automatic)),
                             title: object.title("Mean layer of \(means.count) active latents"),
                             xLabel: "mean layer Σ l·p(l) (hidden state)", yLabel: "latents")
            },
        ]
        if let geometry, geometry.adjacentCosine.count >= 1 {
            forms.append(PlotForm(kind: "line", summary: "cosine similarity of adjacent layers' residual vectors (centred), mean ± sd") {
                let x = geometry.layerNumbers.dropLast().map(Double.init), c = geometry.adjacentCosine
                let series = LineSeries(label: "mean ± sd over tokens", x: Array(x), y: c.map(\.mean), lower: c.map { $0.mean - $0.std },
                                        upper: c.map { $0.mean + $0.std }, marker: .circle)
                var chart = Chart(.line([series]), title: object.actsTitle("Adjacent-layer cosine similarity (centred)"),
                                  xLabel: "layer l (compared with l + 1)", yLabel: "cos(x_l − mean_l, x_l+1 − mean_l+1)")
                chart.legend = .shown  // one series, but the band needs saying
                return chart
            })
            forms.append(PlotForm(kind: "norms", summary: "residual-stream norm by layer, mean ± sd") {
                let x = geometry.layerNumbers.map(Double.init), n = geometry.norms
                let series = LineSeries(label: "mean ± sd over tokens", x: x, y: n.map(\.mean), lower: n.map { $0.mean - $0.std },
                                        upper: n.map { $0.mean + $0.std }, marker: .circle)
                var chart = Chart(.line([series]), title: object.actsTitle("Residual-stream norm by layer"),
                                  xLabel: "layer (hidden state, 0 = embeddings)", yLabel: "L2 norm")
                chart.legend = .shown
                return chart
            })
        }
        return forms
    }

    /// `Latents by layer — sae on acts` (with the document when one was analysed).
    func title(_ what: String) -> String {
        if let prompt { return "\(what): \(saeName) on \"\(Self.clipped(prompt, 40))\"" }
        return "\(what): \(saeName) on \(actsName)" + (document.map { ", document \($0.index)" } ?? "")
    }

    /// `Residual-stream norm by layer: acts` (the geometry does not depend on the SAE).
    func actsTitle(_ what: String) -> String {
        if let prompt { return "\(what): \"\(Self.clipped(prompt, 40))\"" }
        return "\(what): \(actsName)" + (document.map { ", document \($0.index)" } ?? "")
    }

    /// The model layer number at a (fractional) layer position, interpolating between numbers.
    static func layerNumber(at position: Double, _ numbers: [Int]) -> Double {
        guard numbers.count > 1 else { return Double(numbers.first ?? 0) }
        let low = min(numbers.count - 2, max(0, Int(position.rounded(.down))))
        return Double(numbers[low]) + (position - Double(low)) * Double(numbers[low + 1] - numbers[low])
    }
}
