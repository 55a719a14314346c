import Foundation
import Formats
import Plot
import SAE

/// The result of `eval sae` (kind `sae-eval`): metrics per layer and their mean, and ΔCE/KL per
/// layer when measured.
public struct SAEEvaluationObject: WorkspaceObject {
    /// The kind `sae-eval`.
    public static let kind = ObjectKind(
        name: "sae-eval", summary: "an SAE's reconstruction metrics per layer and their mean, with ΔCE/KL for decoder models",
        exports: [.json: "{\"layers\": [{\"layer\", \"fvu\", \"mse\", \"l0\", \"l1\", \"dead_fraction\", \"cosine_similarity\" (+ \"clean_loss\", \"patched_loss\", \"delta_loss\", \"kl_divergence\")}, ...], \"mean\": {... the same keys without layer}}",
                  .csv: "one row per layer, then the mean: layer, fvu, mse, l0, l1, dead_fraction, cosine_similarity (+ delta_loss, kl_divergence)"])

    /// The library's evaluation.
    public let evaluation: SAEEvaluation
    /// ΔCE/KL per layer (nil when not measured).
    let downstream: [DownstreamLayerMetrics]?
    /// Documents ΔCE/KL were measured on.
    let documents: Int
    /// Workspace names, for titles.
    let saeName: String, actsName: String

    init(_ evaluation: SAEEvaluation, downstream: [DownstreamLayerMetrics]?, documents: Int, saeName: String, actsName: String) {
        self.evaluation = evaluation
        self.downstream = downstream
        self.documents = documents
        self.saeName = saeName
        self.actsName = actsName
    }

    /// `sae on acts: FVU 0.123, L0 32, dead 0.05 over 7 layers × 9876 tokens`.
    public var summary: String {
        let m = evaluation.mean
        var text = "\(saeName) on \(actsName): FVU \(Format.number(m.fvu)), L0 \(Format.number(m.l0, significant: 3)), "
            + "dead \(Format.number(m.deadFraction, significant: 3)) over \(Format.count(evaluation.layers.count, "layer")) × "
            + Format.count(evaluation.tokens, "token")
        if let downstream, !downstream.isEmpty {
            text += ", mean ΔCE \(Format.number(Self.mean(downstream.map(\.deltaLoss)))) nats"
        }
        return text
    }

    /// `7 layers`.
    public var shape: String { Format.count(evaluation.layers.count, "layer") }
    /// A few numbers per layer.
    public var memoryBytes: Int { 8 * 12 * (evaluation.layers.count + 1) }
    /// The table `eval sae` printed.
    public func details() -> String { summary + "\n" + table().render() }

    /// The metric of each layer and the mean.
    func table() -> TextTable {
        var headers = ["layer", "FVU", "MSE", "L0", "L1", "dead", "cosine"]
        if downstream != nil { headers += ["ΔCE", "KL"] }
        var table = TextTable(headers: headers, alignments: [.left] + Array(repeating: .right, count: headers.count - 1))
        func cells(_ m: LayerMetrics) -> [String] {
            [Format.number(m.fvu), Format.number(m.mse), Format.number(m.l0), Format.number(m.l1), Format.number(m.deadFraction, significant: 3),
             Format.number(m.cosineSimilarity)]
        }
        for (index, layer) in evaluation.layers.enumerated() {
            var row = ["\(layer.layer ?? index)"] + cells(layer)
            if let downstream { row += [Format.number(downstream[index].deltaLoss), Format.number(downstream[index].klDivergence)] }
            table.append(row)
        }
        var mean = ["mean"] + cells(evaluation.mean)
        if let downstream { mean += [Format.number(Self.mean(downstream.map(\.deltaLoss))), Format.number(Self.mean(downstream.map(\.klDivergence)))] }
        table.append(mean)
        return table
    }

    /// The documented layout: `{"layers": [...], "mean": {...}}`, nothing else.
    public func exportJSON() throws -> JSONValue? {
        let layers = evaluation.layers.enumerated().map { index, layer -> JSONValue in
            var members = Self.members(layer)
            members["layer"] = .number(Double(layer.layer ?? index))
            if let row = downstream?[index] {
                members["clean_loss"] = .number(row.cleanLoss)
                members["patched_loss"] = .number(row.patchedLoss)
                members["delta_loss"] = .number(row.deltaLoss)
                members["kl_divergence"] = .number(row.klDivergence)
            }
            return .object(members)
        }
        var mean = Self.members(evaluation.mean)
        if let downstream {
            for (key, values) in [("clean_loss", downstream.map(\.cleanLoss)), ("patched_loss", downstream.map(\.patchedLoss)),
                                  ("delta_loss", downstream.map(\.deltaLoss)), ("kl_divergence", downstream.map(\.klDivergence))] {
                mean[key] = .number(Self.mean(values))
            }
        }
        return .object(["layers": .array(layers), "mean": .object(mean)])
    }

    /// One row per layer, then `mean`.
    public func exportCSV() throws -> Table? {
        let rows = evaluation.layers + [evaluation.mean]
        var names = ["layer", "fvu", "mse", "l0", "l1", "dead_fraction", "cosine_similarity"]
        var columns: [Table.Column] = [.strings(evaluation.layers.enumerated().map { "\($0.element.layer ?? $0.offset)" } + ["mean"])]
        for key in [\LayerMetrics.fvu, \.mse, \.l0, \.l1, \.deadFraction, \.cosineSimilarity] { columns.append(.numbers(rows.map { $0[keyPath: key] })) }
        if let downstream {
            names += ["delta_loss", "kl_divergence"]
            columns.append(.numbers(downstream.map(\.deltaLoss) + [Self.mean(downstream.map(\.deltaLoss))]))
            columns.append(.numbers(downstream.map(\.klDivergence) + [Self.mean(downstream.map(\.klDivergence))]))
        }
        return try Table(names: names, columns: columns)
    }

    static func members(_ m: LayerMetrics) -> [String: JSONValue] {
        ["fvu": .number(m.fvu), "mse": .number(m.mse), "l0": .number(m.l0), "l1": .number(m.l1),
         "dead_fraction": .number(m.deadFraction), "cosine_similarity": .number(m.cosineSimilarity)]
    }

    static func mean(_ values: [Double]) -> Double { values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count) }

    /// `bar`: FVU by layer; `line`: FVU, dead fraction and cosine by layer; `downstream`: ΔCE and KL.
    public var plotForms: [PlotForm] {
        let object = self
        let layers = evaluation.layers.enumerated().map { Double($0.element.layer ?? $0.offset) }
        var forms = [
            PlotForm(kind: "bar", summary: "FVU by layer") {
                let data = BarChartData(categories: layers.map { String(Int($0)) },
                                        series: [BarSeries(label: "FVU", values: object.evaluation.layers.map(\.fvu))])
                return Chart(.bar(data), title: "SAE \(object.saeName) on \(object.actsName): FVU by layer (mean \(Format.number(object.evaluation.mean.fvu, significant: 3)))",
                             xLabel: "layer (hidden state, 0 = embeddings)", yLabel: "fraction of variance unexplained")
            },
            PlotForm(kind: "line", summary: "FVU, dead fraction and cosine similarity by layer") {
                let e = object.evaluation.layers
                var chart = Chart(.line([LineSeries(label: "FVU", x: layers, y: e.map(\.fvu), marker: .circle),
                                         LineSeries(label: "dead fraction", x: layers, y: e.map(\.deadFraction), marker: .square),
                                         LineSeries(label: "cosine(x, reconstruction)", x: layers, y: e.map(\.cosineSimilarity), marker: .triangle)]),
                                  title: "SAE \(object.saeName) on \(object.actsName): metrics by layer",
                                  xLabel: "layer (hidden state, 0 = embeddings)", yLabel: "value")
                chart.legend = .shown
                return chart
            },
        ]
        if let downstream {
            forms.append(PlotForm(kind: "downstream", summary: "ΔCE and KL by layer (nats)") {
                Chart(.line([LineSeries(label: "ΔCE (patched − clean)", x: layers, y: downstream.map(\.deltaLoss), marker: .circle),
                             LineSeries(label: "KL(patched ‖ clean)", x: layers, y: downstream.map(\.klDivergence), marker: .square)]),
                      title: "Splicing \(object.saeName) into each layer (\(Format.count(object.documents, "document")))",
                      xLabel: "layer (hidden state, 0 = embeddings)", yLabel: "nats")
            })
        }
        return forms
    }
}
