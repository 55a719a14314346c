import Brain
import Foundation
import Formats
import Plot

/// Several BrainScore results side by side (kind `brainscores`), made by `combine`, for figures
/// with one line or bar group per model (or per metric, to see them agree on a layer).
public struct BrainScoreSetObject: WorkspaceObject {
    /// The kind `brainscores`.
    public static let kind = ObjectKind(
        name: "brainscores", summary: "brainscore results side by side (one line or bar group per result)",
        exports: [.csv: "one row per result × layer × subject, with a result column",
                  .json: "the results in order, each as {\"name\", \"result\"} with the brainscore layout"])

    /// The results with their workspace names, in the order given.
    public let members: [(name: String, object: BrainScoreObject)]

    /// `2 results of ridge: tuned, base` or `3 results: r (ridge), l (linear), c (cka)`.
    public var summary: String {
        guard isMixed else {
            return "\(Format.count(members.count, "result")) of \(first.result.options.metric.rawValue): " + members.map(\.name).joined(separator: ", ")
        }
        return "\(Format.count(members.count, "result")): " + members.map(label).joined(separator: ", ")
    }

    /// True when the results are of different metrics.
    var isMixed: Bool { Set(members.map { $0.object.result.options.metric }).count > 1 }

    /// The legend label of a member: its name, and its metric when metrics differ.
    func label(_ member: (name: String, object: BrainScoreObject)) -> String {
        let metric = member.object.result.options.metric.rawValue
        return isMixed && member.name != metric ? "\(member.name) (\(metric))" : member.name
    }

    /// True when every result scored the same responses (so one ceiling and truth apply to all).
    var sharesResponses: Bool { Set(members.map(\.object.responsesName)).count == 1 }

    /// The y-axis label: the metric's, or a generic one when metrics differ.
    var scoreLabel: String { isMixed ? "score (metric in the legend)" : BrainScorePlots.scoreLabel(first.result) }

    /// `3 results`.
    public var shape: String { Format.count(members.count, "result") }
    /// The members' memory.
    public var memoryBytes: Int { members.reduce(0) { $0 + $1.object.memoryBytes } }

    /// Each member's summary.
    public func details() -> String {
        ([summary] + members.map { "  \($0.name): \($0.object.summary)" }).joined(separator: "\n")
    }

    /// Members' long tables with a `result` column in front.
    public func exportCSV() throws -> Table? {
        var names: [String] = [], tables: [Table] = []
        for member in members {
            let table = try BrainScoreReport(object: member.object).longTable()
            tables.append(table)
            names += Array(repeating: member.name, count: table.rowCount)
        }
        guard let first = tables.first else { return nil }
        let columns = first.columns.indices.map { index -> Table.Column in
            switch first.columns[index] {
            case .numbers: return .numbers(tables.flatMap { table -> [Double] in if case let .numbers(v) = table.columns[index] { return v } else { return [] } })
            case .strings: return .strings(tables.flatMap { table -> [String] in if case let .strings(v) = table.columns[index] { return v } else { return [] } })
            }
        }
        return try Table(names: ["result"] + first.names, columns: [.strings(names)] + columns)
    }

    /// The members in order.
    public func exportJSON() throws -> JSONValue? {
        .object(["kind": "brainscores",
                 "results": .array(members.map { .object(["name": .string($0.name), "result": BrainJSON.value($0.object.result.json)]) })])
    }

    /// `layers` (one line per result) and `bars` (grouped by layer, or the best layer of each).
    public var plotForms: [PlotForm] {
        [PlotForm(kind: "layers", summary: "score by layer, one line per result with its band, ceilings dashed") { try self.layersChart() },
         PlotForm(kind: "bars", summary: "score per layer, one bar per result, error bars ± SEM (or the single subject's interval)") { try self.barsChart(best: false) },
         PlotForm(kind: "best", summary: "each result's best layer, with error bars") { try self.barsChart(best: true) }]
    }

    var first: BrainScoreObject { members[0].object }

    func layersChart() throws -> Chart {
        let indices = members.flatMap { $0.object.result.layers.map(BrainScorePlots.position) }
        guard Set(indices).count > 1 else { throw ShellError(.failed("the results have one layer each: plot bars instead")) }
        let descriptions = Set(members.map { BrainScorePlots.lineDescription($0.object.result) ?? "" })
        let shared = descriptions.count == 1 ? descriptions.first! : nil
        let lines = members.enumerated().map { index, member in
            BrainScorePlots.layerLine(member.object.result, label: label(member), describe: shared == nil, color: ColorCycle.color(index))
        }
        let references = isMixed || !sharesResponses ? [] : BrainScorePlots.referenceLines(first, from: indices.min()!, to: indices.max()!)
        let against = sharesResponses ? " against \(first.responsesName)" : ""
        let title = "\(isMixed ? "scores" : first.result.options.metric.rawValue) by layer\(against)"
            + (shared.flatMap { $0.isEmpty ? nil : " (\($0))" } ?? "")
        return Chart(.line(lines + references), title: title, xLabel: first.layerAxis, yLabel: scoreLabel)
    }

    func barsChart(best: Bool) throws -> Chart {
        func bar(_ layer: LayerScore?) -> (Double, Double) {
            guard let layer else { return (.nan, .nan) }
            let band = BrainScorePlots.band(layer)
            return (layer.score, band.map { ($0.upper - $0.lower) / 2 } ?? .nan)
        }
        let data: BarChartData
        if best {
            let values = members.map { bar($0.object.result.bestLayer) }
            let categories = members.map { member in
                member.object.result.bestLayer.map { member.object.result.isPlainMatrix ? label(member) : "\(label(member)), layer \(BrainText.layer($0.index, $0.name))" } ?? label(member)
            }
            data = BarChartData(categories: categories, series: [BarSeries(values: values.map(\.0), errors: values.map(\.1))])
        } else {
            let layers = Array(Set(members.flatMap { $0.object.result.layers.map(\.index) })).sorted()
            data = BarChartData(categories: layers.map { first.result.isPlainMatrix && layers.count == 1 ? "features" : "layer \($0)" },
                                series: members.map { member in
                                    let values = layers.map { index in bar(member.object.result.layers.first { $0.index == index }) }
                                    return BarSeries(label: label(member), values: values.map(\.0), errors: values.map(\.1))
                                })
        }
        let against = sharesResponses ? " against \(first.responsesName)" : ""
        return Chart(.bar(data), title: best ? "best layer of each result\(against)"
                                             : "\(isMixed ? "scores" : first.result.options.metric.rawValue) per layer\(against)",
                     xLabel: best ? nil : first.layerAxis, yLabel: best && isMixed ? "score (metric in each label)" : scoreLabel)
    }
}

/// `combine R1 R2 ...`: results side by side, for figures.
enum CombineCommand {
    static let results = Positional.objects("RESULTS", help: "two or more brainscore results")

    static let command = Command(
        "combine", summary: "Put brainscore results side by side for figures (one line or bar group each).",
        parameters: [results], result: .object(BrainScoreSetObject.kind),
        examples: ["models = combine minilm random", "combine base tuned shuffled"],
        discussion: """
        Each result keeps its workspace name as its label (with its metric when metrics differ). The ceiling and known truth \
        drawn are the first result's, and only when every result has the same metric and responses.
        """
    ) { arguments, _ in
        let named = try arguments[results]
        var members: [(name: String, object: BrainScoreObject)] = []
        for item in named {
            guard let object = item.object as? BrainScoreObject else {
                throw ShellError(.wrongKind(name: item.name, kind: item.object.objectKind.name, expected: [BrainScoreObject.kind.name]), at: arguments.span(of: results))
            }
            members.append((item.name, object))
        }
        guard members.count >= 2 else { throw arguments.error(results, "needs at least two results") }
        return .object(BrainScoreSetObject(members: members))
    }
}
