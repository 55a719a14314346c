import Foundation
import Formats
import Models

/// A checkpoint loaded for inference (kind `model`): the network with its weights memory-mapped,
/// and its tokenizer when the directory has one.
public struct ModelObject: WorkspaceObject {
    /// The kind `model`.
    public static let kind = ObjectKind(
        name: "model", summary: "a transformer checkpoint loaded for inference (weights memory-mapped)",
        exports: [.json: "architecture, layers, width, heads, feed-forward width, vocabulary, maximum length, parameters, directory and tokenizer"])

    /// The loaded checkpoint.
    public let model: PretrainedModel
    /// The directory as the user wrote it (for messages and metadata).
    public let path: String

    /// Wraps a loaded model.
    public init(_ model: PretrainedModel, path: String) {
        self.model = model
        self.path = path
    }

    /// `BERT, 6 layers, width 384, 22.7M parameters`.
    public var summary: String {
        let sizes = model.summary
        return "\(sizes.architecture.displayName), \(Format.count(sizes.layerCount, "layer")), width \(sizes.hiddenSize), "
            + "\(ModelObject.parameters(sizes.parameterCount)) parameters"
    }

    /// `6 layers × 384`.
    public var shape: String { "\(Format.count(model.summary.layerCount, "layer")) × \(model.summary.hiddenSize)" }
    /// The weights as Float (mapped from the checkpoint, paged in as the forward pass reads them).
    public var memoryBytes: Int { model.summary.parameterCount * MemoryLayout<Float>.size }

    /// Everything `show` says about the model.
    public func details() -> String {
        var table = TextTable(columns: 2)
        for (key, value) in facts() { table.append([key, value]) }
        return "\(model.name) (\(path))\n" + table.render()
    }

    /// The rows of `show`, also the fields of the JSON export.
    func facts() -> [(String, String)] {
        let sizes = model.summary
        var rows: [(String, String)] = [
            ("architecture", "\(sizes.architecture.displayName) (\(sizes.architecture.modelType)), \(sizes.architecture.isDecoder ? "decoder" : "encoder")"),
            ("layers", "\(sizes.layerCount) (hidden states 0...\(sizes.layerCount), 0 = embeddings)"),
            ("width", "\(sizes.hiddenSize)"),
            ("heads", "\(sizes.headCount) of width \(sizes.hiddenSize / max(sizes.headCount, 1))"),
            ("feed-forward", "\(sizes.feedForwardSize)"),
            ("vocabulary", "\(sizes.vocabularySize)"),
            ("maximum length", "\(sizes.maximumLength) tokens" + (model.sentenceEmbeddingMaximumLength.map { " (sentence embeddings: \($0))" } ?? "")),
            ("parameters", "\(ModelObject.grouped(sizes.parameterCount)) (\(Format.bytes(memoryBytes)) as Float)"),
        ]
        rows.append(("tokenizer", model.tokenizer.map { TokenizerObject.describe($0) } ?? "none (load tokenizer FILE, or load model DIR tokenizer=FILE)"))
        return rows
    }

    /// The sizes as numbers, the rest as text.
    public func exportJSON() throws -> JSONValue? {
        let sizes = model.summary
        return .object([
            "name": .string(model.name), "directory": .string(path),
            "architecture": .string(sizes.architecture.modelType), "decoder": .bool(sizes.architecture.isDecoder),
            "layers": .number(Double(sizes.layerCount)), "width": .number(Double(sizes.hiddenSize)),
            "heads": .number(Double(sizes.headCount)), "feed_forward": .number(Double(sizes.feedForwardSize)),
            "vocabulary": .number(Double(sizes.vocabularySize)), "maximum_length": .number(Double(sizes.maximumLength)),
            "parameters": .number(Double(sizes.parameterCount)),
            "tokenizer": model.tokenizer.map { .string(TokenizerObject.describe($0)) } ?? .null,
        ])
    }

    /// `22.7M`, `110M`, `1.2B`.
    static func parameters(_ count: Int) -> String {
        let value = Double(count)
        if value >= 1e9 { return Format.number(value / 1e9, significant: 3) + "B" }
        if value >= 1e6 { return Format.number(value / 1e6, significant: 3) + "M" }
        if value >= 1e3 { return Format.number(value / 1e3, significant: 3) + "k" }
        return String(count)
    }

    /// `22,713,216`.
    static func grouped(_ count: Int) -> String {
        let digits = Array(String(count))
        var text = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { text.append(",") }
            text.append(digit)
        }
        return text
    }
}
