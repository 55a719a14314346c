import Foundation
import Tensors

/// The result of recording activations: the set and what the user should be told.
public struct ActivationRun: Sendable {
    /// The recorded set (partial when `wasCancelled`).
    public let set: ActivationSet
    /// Truncated and skipped documents, a reached token budget.
    public let warnings: [ModelWarning]
    /// True when the run was cancelled and `set` holds the documents finished before
    /// (`set.isComplete == false`); only with `keepPartialOnCancel`.
    public let wasCancelled: Bool

    /// A run's result.
    public init(set: ActivationSet, warnings: [ModelWarning], wasCancelled: Bool = false) {
        self.set = set
        self.warnings = warnings
        self.wasCancelled = wasCancelled
    }
}

extension PretrainedModel {
    /// Records the activations of `documents`, batch by batch.
    ///
    /// Each document is tokenized (special tokens per `request.addSpecialTokens`), truncated to
    /// the maximum length, and run through the model in batches of `request.batchSize`
    /// documents. Documents without tokens of their own are skipped (warning); recording stops
    /// at the token budget (warning). With `store`, rows go to safetensors shards in that
    /// directory as they come (sets larger than memory); otherwise they stay in memory.
    ///
    /// - Parameters:
    ///   - progress: called after every batch with documents read and tokens recorded.
    ///   - isCancelled: polled before every batch; when it returns true the store (if any) is
    ///     closed with what was recorded (`isComplete == false`) and `ModelError.cancelled` thrown.
    ///   - keepPartialOnCancel: on cancellation, return the documents finished so far instead of
    ///     throwing (`wasCancelled`, `set.isComplete == false`; in memory or in the closed store).
    ///     Cancelled before any document was finished, it throws `.cancelled` all the same.
    /// - Throws: `ModelError.noTokenizer`, `.layerOutOfRange`, `.poolingNeedsEncoder`,
    ///   `.invalidArgument`, `.noDocuments`, `.storeExists`, `.cancelled`, `.format`.
    public func activations(of documents: [String], request: ActivationRequest = ActivationRequest(), store: URL? = nil,
                            progress: (WorkProgress) -> Void = { _ in }, isCancelled: () -> Bool = { false },
                            keepPartialOnCancel: Bool = false) throws -> ActivationRun {
        try request.validate(for: self)
        let tokenizer = try requireTokenizer()
        let layers = try request.resolvedLayers(for: summary)
        guard !documents.isEmpty else { throw ModelError.noDocuments(reason: "the corpus is empty") }
        let maximumLength = min(request.maximumLength ?? summary.maximumLength, summary.maximumLength)
        let specials = request.addSpecialTokens ? tokenizer.postProcessor.addedTokenCount(pair: false) : 0
        guard maximumLength > specials else {
            throw ModelError.invalidArgument(name: "max_length", detail: "\(maximumLength) leaves no room besides the \(specials) special tokens")
        }
        var encoder = DocumentEncoder(tokenizer: tokenizer, maximumLength: maximumLength,
                                      addSpecialTokens: request.addSpecialTokens, tokenBudget: request.tokenBudget)
        let layout = ActivationLayout(layers: layers, width: summary.hiddenSize, pooling: request.pooling, scalar: request.scalar,
                                      metadata: request.metadata.merging(["model": name, "architecture": summary.architecture.modelType,
                                                 "source": request.source.rawValue, "max_length": "\(maximumLength)",
                                                 "special_tokens": "\(request.addSpecialTokens)"]) { _, own in own })
        var sink: any ActivationSink = try store.map { try StoreSink(layout: layout, directory: $0, shardBytes: request.shardBytes) } ?? MemorySink(layout: layout)
        let selection = LayerSelection.only(Set(layers))
        let options = request.source == .hiddenStates ? ForwardOptions(hiddenStates: selection)
                                                      : ForwardOptions(hiddenStates: .none, residualStream: selection)
        var next = 0, tokens = 0, stored = 0
        while next < documents.count && !encoder.budgetSpent {
            if isCancelled() {
                return try Self.stop(&sink, documentsStored: stored, keepPartial: keepPartialOnCancel, warnings: encoder.warnings)
            }
            var batch: [(index: Int, ids: [Int])] = []
            while batch.count < request.batchSize && next < documents.count && !encoder.budgetSpent {
                if let ids = encoder.encode(documents[next], index: next, skipEmpty: true) { batch.append((next, ids)) }
                next += 1
            }
            guard !batch.isEmpty else { continue }
            let tokenBatch = try TokenBatch(sequences: batch.map(\.ids))
            let output = try network.forward(tokenBatch, options: options)
            var rows: [Int: Tensor] = [:]
            for layer in layers {
                let states = request.source == .hiddenStates ? output.hiddenStates[layer] : output.residualStream[layer]
                guard let states else { throw ModelError.invalidArgument(name: "layer", detail: "\(layer) was not produced") }
                rows[layer] = pool(states, ranges: tokenBatch.ranges, pooling: request.pooling)
            }
            try sink.append(rows: rows, documents: batch)
            tokens += tokenBatch.tokenCount
            stored += batch.count
            progress(WorkProgress(completed: next, total: documents.count, tokens: tokens))
        }
        guard stored > 0 else {
            if let storeSink = sink as? StoreSink { try storeSink.discard() }
            throw ModelError.noDocuments(reason: "all \(documents.count) documents are empty")
        }
        var warnings = encoder.warnings
        if let budget = request.tokenBudget, encoder.budgetSpent, next < documents.count {
            warnings.append(.tokenBudgetReached(budget: budget, documentsRead: next, documentsTotal: documents.count))
        }
        return ActivationRun(set: try sink.finish(complete: true), warnings: warnings)
    }

    /// Ends a cancelled run: removes a store that received nothing, otherwise closes the sink
    /// with what was finished, then returns it (`keepPartial`) or throws `.cancelled`.
    private static func stop(_ sink: inout any ActivationSink, documentsStored: Int, keepPartial: Bool,
                             warnings: [ModelWarning]) throws -> ActivationRun {
        if documentsStored == 0, let storeSink = sink as? StoreSink {
            try storeSink.discard()
            throw ModelError.cancelled
        }
        let partial = try sink.finish(complete: false)
        guard keepPartial, documentsStored > 0 else { throw ModelError.cancelled }
        return ActivationRun(set: partial, warnings: warnings, wasCancelled: true)
    }
}
