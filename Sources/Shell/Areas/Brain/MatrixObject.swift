import Brain
import Foundation
import Formats
import Tensors

/// Features computed elsewhere in the workspace (kind `matrix`): one matrix (scored as a single
/// layer) or several named layers over the same stimuli (an .npz, or one file per layer).
public struct MatrixObject: WorkspaceObject, StimulusFeaturesSource {
    /// The kind `matrix`.
    public static let kind = ObjectKind(
        name: "matrix", summary: "features, one row per stimulus: one matrix (scored as one layer) or named layers",
        exports: [.csv: "a single matrix: a stimulus column (when the rows have ids), then one column per feature"])

    /// The layers (one for a plain matrix).
    public let layers: FeatureLayers
    /// True when one matrix was read (results are laid out without a layer list).
    public let isPlainMatrix: Bool
    /// The file(s) it was read from (for the summary).
    public let source: String

    /// Wraps features.
    public init(_ layers: FeatureLayers, plain: Bool, source: String) {
        self.layers = layers
        isPlainMatrix = plain && layers.matrices.count == 1
        self.source = source
    }

    /// `60 stimuli × 384 features (features.npy)` or `60 stimuli, 7 layers of 384 features (acts.npz)`.
    public var summary: String {
        let widths = Set(layers.matrices.map { $0.shape[1] })
        let width = widths.count == 1 ? Format.count(widths.first!, "feature") : "\(widths.min()!)–\(widths.max()!) features"
        let ids = layers.stimulusIDs == nil ? "" : ", with stimulus ids"
        if isPlainMatrix { return "\(BrainText.stimuli(layers.stimulusCount)) × \(width) (\(source)\(ids))" }
        return "\(BrainText.stimuli(layers.stimulusCount)), \(Format.count(layers.matrices.count, "layer")) of \(width) (\(source)\(ids))"
    }

    /// `60 × 384` or `7 × 60 × 384` (layers × stimuli × features, the widest layer).
    public var shape: String {
        let width = layers.matrices.map { $0.shape[1] }.max() ?? 0
        return isPlainMatrix ? Format.shape([layers.stimulusCount, width]) : Format.shape([layers.matrices.count, layers.stimulusCount, width])
    }

    /// Four bytes per value.
    public var memoryBytes: Int { layers.matrices.reduce(0) { $0 + $1.count * 4 } }

    /// The summary and the layers.
    public func details() -> String {
        guard !isPlainMatrix else { return summary }
        return summary + "\nlayers: " + layers.layerNames.enumerated().map { "\($0.offset) \($0.element) (\(layers.matrices[$0.offset].shape[1]))" }.joined(separator: ", ")
    }

    /// A single matrix scores as a plain matrix; several as layers.
    public func stimulusFeatures() throws -> any StimulusFeatures {
        guard isPlainMatrix else { return layers }
        return try FeatureMatrix(layers.matrices[0], name: layers.layerNames[0], stimulusIDs: layers.stimulusIDs)
    }

    /// The values with the stimulus ids, when known (a single matrix only).
    public func exportCSV() throws -> Table? {
        guard isPlainMatrix else { return nil }
        let values = layers.matrices[0]
        let (s, f) = (values.shape[0], values.shape[1])
        let columns = values.withUnsafeBufferPointer { buffer in
            (0..<f).map { j in Table.Column.numbers((0..<s).map { Double(buffer[$0 * f + j]) }) }
        }
        let names = (0..<f).map { "f\($0)" }
        guard let ids = layers.stimulusIDs else { return try Table(names: names, columns: columns) }
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
    /// - Throws: when the object cannot be viewed as per-stimulus features.
    func stimulusFeatures() throws -> any StimulusFeatures
}

/// The object kinds that can be FEATURES.
enum FeatureKinds {
    static let names = [ActivationsObject.kind.name, MatrixObject.kind.name]

    /// The features of a bound FEATURES object.
    static func features(of named: NamedObject) throws -> any StimulusFeatures {
        guard let source = named.object as? StimulusFeaturesSource else {
            throw ShellError(.wrongKind(name: named.name, kind: named.object.objectKind.name, expected: names))
        }
        return try source.stimulusFeatures()
    }
}
