import Brain
import Foundation
import Formats
import Tensors

/// A plain feature matrix in the workspace (kind `matrix`): one row per stimulus, scored by
/// `brainscore` as a single layer.
public struct MatrixObject: WorkspaceObject, StimulusFeaturesSource {
    /// The kind `matrix`.
    public static let kind = ObjectKind(
        name: "matrix", summary: "a feature matrix, one row per stimulus (scored as one layer)",
        exports: [.csv: "a stimulus column (when the rows have ids), then one column per feature"])

    /// The features.
    public let matrix: FeatureMatrix
    /// The file it was read from (for the summary).
    public let source: String

    /// Wraps a feature matrix.
    public init(_ matrix: FeatureMatrix, source: String) {
        self.matrix = matrix
        self.source = source
    }

    /// `60 stimuli × 384 features (features.npy)`.
    public var summary: String {
        "\(BrainText.stimuli(matrix.stimulusCount)) × \(Format.count(matrix.values.shape[1], "feature")) (\(source)"
            + (matrix.stimulusIDs == nil ? ")" : ", with stimulus ids)")
    }

    /// `60 × 384`.
    public var shape: String { Format.shape(matrix.values.shape) }
    /// Four bytes per value.
    public var memoryBytes: Int { matrix.values.count * 4 }

    /// The matrix as one scoring layer.
    public var stimulusFeatures: any StimulusFeatures { matrix }

    /// The values with the stimulus ids, when known.
    public func exportCSV() throws -> Table? {
        let (s, f) = (matrix.values.shape[0], matrix.values.shape[1])
        let columns = matrix.values.withUnsafeBufferPointer { values in
            (0..<f).map { j in Table.Column.numbers((0..<s).map { Double(values[$0 * f + j]) }) }
        }
        let names = (0..<f).map { "f\($0)" }
        guard let ids = matrix.stimulusIDs else { return try Table(names: names, columns: columns) }
        return try Table(names: ["stimulus"] + names, columns: [.strings(ids)] + columns)
    }
}

/// A stimuli table in the workspace (kind `stimuli`): the texts shown, by id, with other columns.
public struct StimuliObject: WorkspaceObject {
    /// The kind `stimuli`.
    public static let kind = ObjectKind(
        name: "stimuli", summary: "the stimuli shown: an id and a text per row, with other columns (condition, label, story)",
        exports: [.csv: "one row per stimulus: id, text, then the other columns"])

    /// The table.
    public let table: StimulusTable
    /// The file it was read from.
    public let source: String

    /// Wraps a stimuli table.
    public init(_ table: StimulusTable, source: String) {
        self.table = table
        self.source = source
    }

    /// `400 stimuli with text, label (moral-scenarios.csv)`.
    public var summary: String {
        "\(BrainText.stimuli(table.ids.count)) with text" + table.columns.keys.sorted().map { ", \($0)" }.joined() + " (\(source))"
    }

    /// `400 rows`.
    public var shape: String { Format.count(table.ids.count, "row") }
    /// The characters of the texts, roughly.
    public var memoryBytes: Int { table.texts.reduce(0) { $0 + $1.utf8.count + 16 } + table.ids.reduce(0) { $0 + $1.utf8.count + 16 } }

    /// The summary and the first rows.
    public func details() -> String {
        var text = TextTable(headers: ["id", "text"] + table.columns.keys.sorted())
        for row in 0..<min(5, table.ids.count) {
            let shown = table.texts[row].count > 60 ? String(table.texts[row].prefix(59)) + "…" : table.texts[row]
            text.append([table.ids[row], shown] + table.columns.keys.sorted().map { table.columns[$0]![row] })
        }
        return summary + "\n" + text.render() + (table.ids.count > 5 ? "\n… \(table.ids.count - 5) more" : "")
    }

    /// Ids, texts and the other columns.
    public func exportCSV() throws -> Table? {
        let others = table.columns.keys.sorted()
        return try Table(names: ["id", "text"] + others,
                         columns: [.strings(table.ids), .strings(table.texts)] + others.map { .strings(table.columns[$0]!) })
    }
}

/// A workspace object `brainscore` and `fmri synthetic` can take as FEATURES: a plain matrix, or
/// a model's activation set (layer by layer).
public protocol StimulusFeaturesSource {
    /// The features, layer by layer, one row per stimulus.
    var stimulusFeatures: any StimulusFeatures { get }
}

/// The object kinds that can be FEATURES.
enum FeatureKinds {
    static let names = [MatrixObject.kind.name]

    /// The features of a bound FEATURES object.
    static func features(of named: NamedObject) throws -> any StimulusFeatures {
        guard let source = named.object as? StimulusFeaturesSource else {
            throw ShellError(.wrongKind(name: named.name, kind: named.object.objectKind.name, expected: names))
        }
        return source.stimulusFeatures
    }
}
