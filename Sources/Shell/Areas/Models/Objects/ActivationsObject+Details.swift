import Foundation
import Formats
import Models
import Plot

extension ActivationsObject {
    /// Layers, documents, tokens, width, pooling, storage, memory and disk, what recorded it.
    public func details() -> String {
        var table = TextTable(columns: 2)
        for (key, value) in facts() { table.append([key, value]) }
        return summary + "\n" + table.render()
    }

    func facts() -> [(String, String)] {
        let lengths = (0..<set.documentCount).map { set.tokenRange(ofDocument: $0).count }
        let meta = set.metadata
        var rows: [(String, String)] = []
        let source = meta["source"] == ActivationSource.residualStream.rawValue ? "residual stream" : "hidden states"
        if let model = meta["model"] {
            rows.append(("model", "\(model) (\(meta["architecture"] ?? "?")), \(source)"))
        }
        rows.append(("layers", set.layers.map(String.init).joined(separator: " ") + " (0 = embeddings)"))
        let skipped = (set.documentIndices.last.map { $0 + 1 } ?? 0) - set.documentCount
        var documents = "\(set.documentCount)"
        if let corpus = corpusName ?? meta["corpus"] { documents += " of \(corpus)" }
        if let first = set.documentIndices.first, let last = set.documentIndices.last {
            documents += " (entries \(first)...\(last)" + (skipped > 0 ? ", \(skipped) empty skipped)" : ")")
        }
        rows.append(("documents", documents))
        if let shortest = lengths.min(), let longest = lengths.max() {
            let mean = Double(set.tokenCount) / Double(max(1, lengths.count))
            rows.append(("tokens", "\(set.tokenCount) (per document \(shortest) to \(longest), mean \(Format.number(mean, significant: 3)))"))
        }
        let rowWords = set.pooling == .none ? "one per token" : "one per document, pool=\(set.pooling.rawValue)"
        rows.append(("rows", "\(set.rowCount) per layer (\(rowWords))"))
        rows.append(("width", "\(set.width)"))
        rows.append(("dtype", set.scalar.rawValue))
        if let length = meta["max_length"] {
            rows.append(("tokenized", "at most \(length) tokens per document, special tokens \(meta["special_tokens"] == "false" ? "left out" : "added")"))
        }
        rows.append(("storage", placeWords + (set.isComplete ? "" : ", partial: the run was stopped before the end")))
        rows.append(("memory", Format.bytes(memoryBytes) + (storage == .memory ? "" : " (rows memory-mapped, read on demand)")))
        if let disk = diskBytes { rows.append(("disk", Format.bytes(disk))) }
        rows.append(("tokenizer", tokenizer.map { TokenizerObject.describe($0) } ?? "unknown (load activations FILE tokenizer=MODEL to show text)"))
        return rows
    }

    /// The layout and bookkeeping, without the vectors.
    public func exportJSON() throws -> JSONValue? {
        func numbers(_ values: [Int]) -> JSONValue { .array(values.map { .number(Double($0)) }) }
        return .object([
            "layers": numbers(set.layers), "width": .number(Double(set.width)), "pooling": .string(set.pooling.rawValue),
            "dtype": .string(set.scalar.rawValue), "documents": .number(Double(set.documentCount)),
            "tokens": .number(Double(set.tokenCount)), "rows": .number(Double(set.rowCount)), "complete": .bool(set.isComplete),
            "token_ids": numbers(set.tokenIDs), "doc_offsets": numbers(set.documentOffsets), "doc_indices": numbers(set.documentIndices),
            "metadata": .object(set.metadata.mapValues { .string($0) }),
        ])
    }

    /// Row-norm statistics per layer.
    public func exportCSV() throws -> Table? { try normTable() }

    /// `norms`: the mean L2 norm of the rows at each layer, with a band of ± one standard deviation.
    public var plotForms: [PlotForm] {
        let object = self
        return [PlotForm(kind: "norms", summary: "mean L2 norm of the rows at each layer, ± one standard deviation") {
            let table = try object.normTable()
            let means = try table.numbers(named: "mean_norm"), deviations = try table.numbers(named: "sd_norm")
            let series = LineSeries(label: "mean ± sd", x: try table.numbers(named: "layer"), y: means,
                                    lower: zip(means, deviations).map { $0 - $1 }, upper: zip(means, deviations).map { $0 + $1 }, marker: .circle)
            let rows = object.set.pooling == .none ? "token" : "document (pool=\(object.set.pooling.rawValue))"
            let model = object.set.metadata["model"].map { " (\($0))" } ?? ""
            return Chart(.line([series]), title: "Norms of \(rows) vectors by layer, mean ± 1 SD\(model)",
                         xLabel: "layer (hidden state, 0 = embeddings)", yLabel: "L2 norm")
        }]
    }

    /// layer, rows, mean_norm, sd_norm: streamed in batches, accumulated in Double.
    func normTable() throws -> Table {
        var means: [Double] = [], deviations: [Double] = []
        for layer in set.layers {
            var sum = 0.0, squares = 0.0
            try ModelCalls.run(at: nil) {
                try set.forEachBatch(layer: layer, batchSize: 4096) { _, rows in
                    rows.withUnsafeBufferPointer { values in
                        for row in 0..<rows.rowCount {
                            var norm = 0.0
                            for j in 0..<set.width { norm += Double(values[row * set.width + j]) * Double(values[row * set.width + j]) }
                            sum += norm.squareRoot()
                            squares += norm
                        }
                    }
                }
            }
            let count = Double(set.rowCount), mean = sum / count
            means.append(mean)
            deviations.append(count > 1 ? max(0, (squares - count * mean * mean) / (count - 1)).squareRoot() : 0)
        }
        return try Table(names: ["layer", "rows", "mean_norm", "sd_norm"],
                         columns: [.numbers(set.layers.map(Double.init)), .numbers(set.layers.map { _ in Double(set.rowCount) }),
                                   .numbers(means), .numbers(deviations)])
    }
}
