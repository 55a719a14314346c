import Foundation
import Formats
import Plot
import Tensors

/// Sentence embeddings (kind `embeddings`): one row per text, as sentence-transformers computes
/// them, with the texts they came from.
public struct EmbeddingsObject: WorkspaceObject {
    /// The kind `embeddings`.
    public static let kind = ObjectKind(
        name: "embeddings", summary: "a matrix of sentence embeddings, one row per text",
        saveFormat: ".npy (float32 [texts, width]); a path ending in .csv writes the table of the CSV export",
        saveExtension: "npy",
        exports: [.csv: "one row per text: text, then d0, d1, ... (the embedding)",
                  .json: #"{"texts": [...], "embeddings": [[...], ...], "model": ..., "normalized": ...}"#])

    /// [texts, width].
    public let matrix: Tensor
    /// The text of each row.
    public let texts: [String]
    /// The model's name.
    public let modelName: String
    /// Whether the rows were divided by their L2 norm.
    public let normalized: Bool

    /// Wraps embeddings of `texts`.
    public init(matrix: Tensor, texts: [String], modelName: String, normalized: Bool) {
        self.matrix = matrix
        self.texts = texts
        self.modelName = modelName
        self.normalized = normalized
    }

    /// `4 texts × 384 from all-MiniLM-L6-v2, L2-normalised`.
    public var summary: String {
        "\(Format.count(texts.count, "text")) × \(matrix.shape[1]) from \(modelName)" + (normalized ? ", L2-normalised" : "")
    }
    /// `4 × 384`.
    public var shape: String { Format.shape(matrix.shape) }
    /// Four bytes per number, plus the texts.
    public var memoryBytes: Int { matrix.count * 4 + texts.reduce(0) { $0 + $1.utf8.count + 16 } }

    /// The summary, the first values of each row and its norm.
    public func details() -> String {
        var table = TextTable(headers: ["#", "text", "norm", "first values"], alignments: [.right, .left, .right, .left])
        for row in 0..<min(texts.count, 20) {
            let values = matrix.row(row).scalars
            let norm = values.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
            table.append([String(row), TokensObject.quoted(texts[row], limit: 40), Format.number(norm),
                          values.prefix(4).map { Format.number(Double($0)) }.joined(separator: " ") + " …"])
        }
        return summary + "\n" + table.render() + (texts.count > 20 ? "\n…" : "")
    }

    /// `.npy` (float32), or the CSV table for a `.csv`/`.tsv` path.
    public func save(to url: URL) throws {
        switch url.pathExtension.lowercased() {
        case "npy": try Npy.write(NpyArray(matrix), to: url)
        case "csv", "tsv": try table().write(to: url)
        default:
            throw ShellError(.fileError(path: url.lastPathComponent, reason: "embeddings are saved as .npy (the matrix) or .csv (texts and values)"))
        }
    }

    /// Texts and rows.
    public func exportJSON() throws -> JSONValue? {
        .object(["texts": .array(texts.map { .string($0) }),
                 "embeddings": .array((0..<matrix.shape[0]).map { row in .array(matrix.row(row).scalars.map { .number(Double($0)) }) }),
                 "model": .string(modelName), "normalized": .bool(normalized)])
    }

    /// text, d0, d1, ...
    public func exportCSV() throws -> Table? { try table() }

    func table() throws -> Table {
        let width = matrix.shape[1]
        let values = matrix.scalars
        let columns = (0..<width).map { j in Table.Column.numbers((0..<texts.count).map { Double(values[$0 * width + j]) }) }
        return try Table(names: ["text"] + (0..<width).map { "d\($0)" }, columns: [.strings(texts)] + columns)
    }

    /// `similarity`: the cosine similarity of every pair of texts as a heatmap (coolwarm, −1 to 1).
    public var plotForms: [PlotForm] {
        let object = self
        return [PlotForm(kind: "similarity", summary: "cosine similarity of every pair of texts") {
            let cosines = Tensor.cosineSimilarities(object.matrix, object.matrix)
            let labels = object.texts.map { TokensObject.shortened($0, limit: 30) }
            var heatmap = Heatmap(rows: object.texts.count, columns: object.texts.count, values: cosines.scalars.map(Double.init),
                                  rowLabels: labels, columnLabels: labels)
            heatmap.valueRange = -1...1
            var chart = Chart(.heatmap(heatmap), title: "Cosine similarity of \(object.modelName) sentence embeddings")
            chart.colormap = .coolwarm
            chart.colorbarLabel = "cosine similarity"
            return chart
        }]
    }
}
