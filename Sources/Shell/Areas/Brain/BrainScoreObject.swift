import Brain
import Foundation
import Formats

/// A BrainScore result in the workspace (kind `brainscore`): every layer × subject score with
/// per-target values, the ceiling, tests and intervals, and the settings.
public struct BrainScoreObject: WorkspaceObject {
    /// The kind `brainscore`.
    public static let kind = ObjectKind(
        name: "brainscore", summary: "scores of model layers against brain responses, per layer × subject × target",
        exports: [.json: "the layout of docs/brainscore.md: settings, per-layer and per-subject scores, per-target values, ceiling, tests, warnings (keys sorted)",
                  .csv: "one row per layer × subject: score, normalised score, ceiling, error, R² mean (karpov2024), permutation p, interval, dropped targets"])

    /// The result.
    public let result: BrainScoreResult
    /// The workspace names of the features and responses scored (labels in tables and figures).
    public let featuresName: String
    /// The workspace name of the responses.
    public let responsesName: String
    /// The known truth when the responses are synthetic.
    public let truth: SyntheticTruth?
    /// What the layers are, for figure axes: `hidden state (0 = embeddings)` for an activation set.
    public let layerAxis: String

    /// Wraps a result; `layerAxis` names the layers on figure axes.
    public init(_ result: BrainScoreResult, features: String, responses: String, truth: SyntheticTruth?, layerAxis: String = "layer") {
        self.result = result
        featuresName = features
        responsesName = responses
        self.truth = truth
        self.layerAxis = layerAxis
    }

    /// `ridge of acts against brain: best layer 4 (layer 4) 0.41 ± 0.012 over 4 subjects`.
    public var summary: String {
        let metric = result.options.metric.rawValue
        var text = "\(metric) of \(featuresName) against \(responsesName): "
        if let best = result.bestLayer {
            if !result.isPlainMatrix { text += "best layer \(BrainText.layer(best.index, best.name)) " }
            text += Format.number(best.score) + (best.standardError.map { " ± \(Format.number($0, significant: 2))" } ?? "")
            text += " over \(Format.count(best.subjects.count, "subject"))"
        } else {
            text += "no finite score"
        }
        if !result.isComplete { text += " (stopped early: \(Format.count(result.layers.count, "layer")) scored)" }
        return text
    }

    /// `7 layers × 4 subjects × 64 targets`.
    public var shape: String {
        "\(Format.count(result.layers.count, "layer")) × \(Format.count(result.layers.first?.subjects.count ?? 0, "subject")) × \(Format.count(result.targetNames.count, "target"))"
    }

    /// Per-target values and RDMs, 8 bytes each.
    public var memoryBytes: Int {
        result.layers.reduce(0) { total, layer in
            total + layer.subjects.reduce(0) { sum, subject in
                var count = subject.perTarget.count
                if case let .rsa(r) = subject.detail { count += r.modelRDM.count + r.brainRDM.count }
                return sum + 8 * count
            }
        }
    }

    /// The tables `brainscore` printed.
    public func details() -> String {
        ([summary] + BrainScoreReport(object: self).sections()).joined(separator: "\n")
    }

    /// The documented layout (docs/brainscore.md), keys sorted as every export is.
    public func exportJSON() throws -> JSONValue? { BrainJSON.value(result.json) }

    /// One row per layer × subject.
    public func exportCSV() throws -> Table? { try BrainScoreReport(object: self).longTable() }
}

/// Conversion of the Brain module's ordered JSON to the shell's export value.
enum BrainJSON {
    static func value(_ json: ResultJSON) -> JSONValue {
        switch json {
        case let .number(value): return .number(value)
        case let .integer(value): return .number(Double(value))
        case let .string(value): return .string(value)
        case let .bool(value): return .bool(value)
        case .null: return .null
        case let .array(values): return .array(values.map(value))
        case let .object(pairs): return .object(Dictionary(pairs.map { ($0.0, value($0.1)) }, uniquingKeysWith: { first, _ in first }))
        }
    }
}
