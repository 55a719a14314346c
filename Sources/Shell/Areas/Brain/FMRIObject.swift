import Brain
import Foundation
import Formats
import Tensors

/// Brain responses in the workspace (kind `fmri`): subjects × repetitions of stimuli × targets,
/// the stimuli table they came with, and, for synthetic responses, the truth they were made from.
public struct FMRIObject: WorkspaceObject {
    /// The kind `fmri`.
    public static let kind = ObjectKind(
        name: "fmri", summary: "brain responses: stimuli × targets (voxels or parcels) per subject and repetition",
        exports: [.csv: "the average over subjects and repetitions: a stimulus column, then one column per target (loads back with load fmri)",
                  .json: "stimulus ids, target names, subjects with their repetition counts, where the data came from, and the known truth of synthetic responses"])

    /// The responses.
    public let responses: BrainResponses
    /// Where they came from, e.g. `BIDS data/ds000212 (12 runs)` or `responses.npy`.
    public let source: String
    /// The stimuli table given with them (texts and other columns such as groups), if any.
    public let stimuli: StimulusTable?
    /// The hidden truth of synthetic responses.
    public let truth: SyntheticTruth?

    /// Wraps responses.
    public init(_ responses: BrainResponses, source: String, stimuli: StimulusTable? = nil, truth: SyntheticTruth? = nil) {
        self.responses = responses
        self.source = source
        self.stimuli = stimuli
        self.truth = truth
    }

    /// `60 stimuli × 64 targets, 4 subjects × 2 repetitions (synthetic, ...)`.
    public var summary: String {
        let subjects = responses.subjects
        let repetitions = Set(subjects.map(\.repetitions.count))
        let repetitionText = repetitions.count == 1 ? Format.count(repetitions.first!, "repetition") : "\(repetitions.min()!)–\(repetitions.max()!) repetitions"
        return "\(BrainText.stimuli(responses.stimulusCount)) × \(Format.count(responses.targetCount, "target")), "
            + "\(Format.count(subjects.count, "subject")) × \(repetitionText) (\(source))"
    }

    /// `4 × 2 × 60 × 64` (subjects × repetitions × stimuli × targets).
    public var shape: String {
        Format.shape([responses.subjects.count, responses.minimumRepetitions, responses.stimulusCount, responses.targetCount])
    }

    /// Four bytes per response value.
    public var memoryBytes: Int {
        responses.subjects.reduce(0) { $0 + $1.repetitions.count } * responses.stimulusCount * responses.targetCount * 4
    }

    /// The summary, subjects, stimuli and targets, screening and known truth.
    public func details() -> String {
        var lines = [summary]
        lines.append("subjects: " + responses.subjects.map { "\($0.name) (\(Format.count($0.repetitions.count, "repetition")))" }.joined(separator: ", "))
        lines.append("stimuli: " + BrainText.preview(responses.stimulusIDs))
        lines.append("targets: " + BrainText.preview(responses.targetNames))
        if let stimuli { lines.append("stimuli table: \(Format.count(stimuli.ids.count, "row")); columns text" + stimuli.columns.keys.sorted().map { ", \($0)" }.joined()) }
        if let warning = screening.warning { lines.append("subject average: \(warning); brainscore drops them") }
        if let truth { lines.append(truth.table(subjects: responses.subjects.count).render()) }
        return lines.joined(separator: "\n")
    }

    /// Targets of the subject average that are NaN or constant (what `brainscore` will drop).
    public var screening: TargetScreening { TargetScreening(responses.subjectAverage) }

    /// The subject average with a stimulus column.
    public func exportCSV() throws -> Table? {
        let average = responses.subjectAverage
        let t = responses.targetCount
        let columns = average.withUnsafeBufferPointer { values in
            (0..<t).map { j in Table.Column.numbers((0..<responses.stimulusCount).map { Double(values[$0 * t + j]) }) }
        }
        return try Table(names: ["stimulus"] + responses.targetNames, columns: [.strings(responses.stimulusIDs)] + columns)
    }

    /// Ids, names, subjects, source and truth.
    public func exportJSON() throws -> JSONValue? {
        var document: [String: JSONValue] = [
            "kind": "fmri", "source": .string(source),
            "stimuli": .array(responses.stimulusIDs.map(JSONValue.string)),
            "targets": .array(responses.targetNames.map(JSONValue.string)),
            "subjects": .array(responses.subjects.map { .object(["name": .string($0.name), "repetitions": .number(Double($0.repetitions.count))]) }),
        ]
        if let truth { document["truth"] = truth.json }
        return .object(document)
    }
}

/// What synthetic responses were made from: the library's truth plus where the signal came from.
public struct SyntheticTruth: Sendable {
    /// The generator's output (hidden map, signal, per-target reliabilities and ceilings).
    public let synthetic: SyntheticResponses
    /// The workspace name of the features.
    public let featuresName: String
    /// The layer the signal was made from (index and name).
    public let layer: (index: Int, name: String)
    /// How the layer was pooled per stimulus.
    public let pooling: StimulusPooling

    /// Median of per-target values (the ceiling aggregate `brainscore` uses by default).
    static func median(_ values: [Double]) -> Double { TargetAggregate.median.apply(values) }

    /// Median single-repetition reliability, subject-mean ceiling and grand-average ceiling.
    public var medians: (single: Double, subject: Double, average: Double) {
        (Self.median(synthetic.singleRepetitionReliability), Self.median(synthetic.subjectCeiling), Self.median(synthetic.subjectAverageCeiling))
    }

    /// The known reliabilities and the best Pearson r a perfect model reaches (√reliability).
    func table(subjects: Int) -> TextTable {
        let settings = synthetic.settings
        var table = TextTable(headers: ["known truth (median over targets)", "reliability", "best attainable r"], alignments: [.left, .right, .right])
        let (single, subject, average) = medians
        table.append(["one repetition", Format.number(single), Format.number(single.squareRoot())])
        table.append(["a subject's mean of \(Format.count(settings.repetitions, "repetition"))", Format.number(subject), Format.number(subject.squareRoot())])
        table.append(["the average of all \(settings.repetitions * subjects) recordings", Format.number(average), Format.number(average.squareRoot())])
        return table
    }

    /// The truth as exported JSON.
    var json: JSONValue {
        let s = synthetic.settings
        return .object([
            "features": .string(featuresName), "layer": .number(Double(layer.index)), "layer_name": .string(layer.name),
            "pooling": .string(pooling.rawValue), "seed": .string(String(s.seed)), "sparsity": .number(s.sparsity),
            "reliability": .number(s.reliability), "reliability_spread": .number(s.reliabilitySpread),
            "single_repetition_reliability": .array(synthetic.singleRepetitionReliability.map(JSONValue.number)),
            "subject_ceiling": .array(synthetic.subjectCeiling.map(JSONValue.number)),
            "subject_average_ceiling": .array(synthetic.subjectAverageCeiling.map(JSONValue.number)),
        ])
    }
}

/// Short texts shared by the brain objects.
enum BrainText {
    /// `4`, or `4 (block4)` when the layer's name is not its index.
    static func layer(_ index: Int, _ name: String) -> String { name == String(index) ? String(index) : "\(index) (\(name))" }

    /// `1 stimulus`, `60 stimuli`.
    static func stimuli(_ count: Int) -> String { count == 1 ? "1 stimulus" : "\(count) stimuli" }

    /// `a, b, c, …, z` (the first three and the last of a long list).
    static func preview(_ items: [String]) -> String {
        items.count <= 5 ? items.joined(separator: ", ") : (items.prefix(3) + ["…", items.last!]).joined(separator: ", ")
    }
}
