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
                var series = [LineSeries(label: "loss (normalised MSE + AuxK)", x: steps, y: h.map(\.loss)),
                              LineSeries(label: "FVU (batch, mean over layers)", x: steps, y: h.map(\.fvu))]
                let aux = h.filter { $0.auxLoss > 0 }
                if !aux.isEmpty {
                    series.append(LineSeries(label: "AuxK loss (steps with dead latents)", x: aux.map { Double($0.step) }, y: aux.map(\.auxLoss),
                                             style: .dashed))
                }
                var chart = Chart(.line(series), title: "SAE training: \(object.titleWords)", xLabel: "optimizer step",
                                  yLabel: "loss / FVU (log scale)")
                chart.yScale = .log
                chart.legend = .shown
                return chart
            },
            PlotForm(kind: "dead", summary: "fraction of dead latents by step") {
                let h = try object.requireHistory()
                let window = object.state.map { " (window \($0.configuration.deadTokens) tokens)" } ?? ""
                return Chart(.line([LineSeries(x: h.map { Double($0.step) }, y: h.map(\.deadFraction))]),
                             title: "Dead latents during training\(window)", xLabel: "optimizer step", yLabel: "fraction of latents dead")
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
