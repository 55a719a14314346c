import Plot
import SAE

extension SAEObject {
    /// `line`: loss and FVU by step (log scale); `dead`: the fraction of dead latents by step.
    public var plotForms: [PlotForm] {
        let object = self
        return [
            PlotForm(kind: "line", summary: "training loss and FVU by step (log scale)") {
                let h = try object.requireHistory()
                let steps = h.map { Double($0.step) }
                let aux = h.filter { $0.auxLoss > 0 }
                var chart: Chart
                if aux.isEmpty {
                    // AuxK never ran (no latent was dead), so the loss is the FVU: one line, said in the labels.
                    chart = Chart(.line([LineSeries(x: steps, y: h.map(\.fvu))]),
                                  title: "SAE training: \(object.titleWords) (no dead latents: loss = FVU)", xLabel: "optimizer step",
                                  yLabel: "loss = FVU, batch mean over layers (log scale)")
                } else {
                    chart = Chart(.line([LineSeries(label: "loss (FVU + AuxK)", x: steps, y: h.map(\.loss)),
                                         LineSeries(label: "FVU", x: steps, y: h.map(\.fvu)),
                                         LineSeries(label: "AuxK loss", x: aux.map { Double($0.step) }, y: aux.map(\.auxLoss), style: .dashed)]),
                                  title: "SAE training: \(object.titleWords)", xLabel: "optimizer step", yLabel: "loss / FVU, batch mean over layers (log scale)")
                    chart.legend = .shown
                }
                chart.yScale = .log
                return chart
            },
            PlotForm(kind: "dead", summary: "fraction of dead latents by step") {
                let h = try object.requireHistory()
                let window = object.state.map { "window \($0.configuration.deadTokens) tokens" } ?? ""
                let none = h.allSatisfy { $0.deadFraction == 0 } ? "none at any step, " : ""
                var chart = Chart(.line([LineSeries(x: h.map { Double($0.step) }, y: h.map(\.deadFraction))]),
                                  title: "Dead latents during training (\(none)\(window))", xLabel: "optimizer step", yLabel: "fraction of latents dead")
                // A fraction: the axis starts at 0, and spans 0...1 when nothing was ever dead.
                chart.yIncludes = none.isEmpty ? [0] : [0, 1]
                return chart
            },
        ]
    }

    /// `6144 latents, k=32, 7 layers` for titles.
    var titleWords: String {
        let c = sae.configuration
        return "\(c.latentCount) latents, k=\(c.k), \(Format.count(c.layerCount, "layer"))"
    }

    /// The history, or an error saying there is none.
    func requireHistory() throws -> [TrainingRecord] {
        guard !history.isEmpty else {
            throw ShellError(.failed("this SAE has no training history (it was loaded without one); nothing to plot"))
        }
        return history
    }
}
