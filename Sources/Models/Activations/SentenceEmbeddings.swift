import Foundation
import Tensors

extension PretrainedModel {
    /// Sentence embeddings as sentence-transformers computes them for MiniLM: the last hidden
    /// state averaged over every token of the text (attention mask = all its tokens, special
    /// ones included), then divided by its L2 norm (floored at 1e-12, as `F.normalize`).
    ///
    /// Texts are truncated to `max_seq_length` of `sentence_bert_config.json` when the directory
    /// has one (256 for all-MiniLM-L6-v2), else to the model's maximum; empty texts still give
    /// a row (from the special tokens alone), so rows match `texts` one to one.
    /// - Parameters:
    ///   - normalize: divide by the L2 norm (sentence-transformers' `Normalize` module).
    ///   - progress, isCancelled: as in `activations(of:request:store:progress:isCancelled:)`.
    /// - Returns: [texts, C] embeddings and the truncation warnings.
    /// - Throws: `ModelError.noTokenizer`, `.noDocuments`, `.invalidArgument` (a text without any
    ///   token, which only happens for models without special tokens), `.cancelled`.
    public func sentenceEmbeddings(_ texts: [String], batchSize: Int = 32, normalize: Bool = true,
                                   progress: (WorkProgress) -> Void = { _ in },
                                   isCancelled: () -> Bool = { false }) throws -> (embeddings: Tensor, warnings: [ModelWarning]) {
        guard !texts.isEmpty else { throw ModelError.noDocuments(reason: "no texts to embed") }
        guard batchSize >= 1 else { throw ModelError.invalidArgument(name: "batch", detail: "must be at least 1, got \(batchSize)") }
        let tokenizer = try requireTokenizer()
        let maximumLength = min(sentenceEmbeddingMaximumLength ?? summary.maximumLength, summary.maximumLength)
        var encoder = DocumentEncoder(tokenizer: tokenizer, maximumLength: maximumLength, addSpecialTokens: true, tokenBudget: nil)
        let last = summary.layerCount
        var pieces: [Tensor] = []
        var tokens = 0
        for start in stride(from: 0, to: texts.count, by: batchSize) {
            if isCancelled() { throw ModelError.cancelled }
            let indices = start..<min(start + batchSize, texts.count)
            let sequences = try indices.map { index -> [Int] in
                guard let ids = encoder.encode(texts[index], index: index, skipEmpty: false) else {
                    throw ModelError.invalidArgument(name: "text \(index)", detail: "gives no tokens to embed")
                }
                return ids
            }
            let batch = try TokenBatch(sequences: sequences)
            let output = try network.forward(batch, options: ForwardOptions(hiddenStates: .only([last])))
            guard let states = output.hiddenStates[last] else { throw ModelError.invalidArgument(name: "layer", detail: "\(last) was not produced") }
            var pooled = pool(states, ranges: batch.ranges, pooling: .mean)
            if normalize { pooled = l2Normalized(pooled) }
            pieces.append(pooled)
            tokens += batch.tokenCount
            progress(WorkProgress(completed: indices.upperBound, total: texts.count, tokens: tokens))
        }
        return (Tensor.concatenateRows(pieces), encoder.warnings)
    }
}

/// Each row divided by its L2 norm (at least 1e-12), the norm accumulated in Double.
func l2Normalized(_ rows: Tensor) -> Tensor {
    let width = rows.rowWidth
    var result = rows
    result.withUnsafeMutableBufferPointer { values in
        for row in 0..<rows.rowCount {
            let x = values.baseAddress! + row * width
            var squares = 0.0
            for j in 0..<width { squares += Double(x[j]) * Double(x[j]) }
            let scale = Float(1 / max(squares.squareRoot(), 1e-12))
            for j in 0..<width { x[j] *= scale }
        }
    }
    return result
}
