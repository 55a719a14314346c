import Foundation

/// How per-token activations become one row per document.
public enum Pooling: String, CaseIterable, Sendable {
    /// One row per token.
    case none
    /// The mean over all tokens of the document, special tokens included (as sentence-transformers).
    case mean
    /// The last token (the one a causal model has read everything before).
    case last
    /// The first token (`[CLS]`/`<s>`); encoders only.
    case cls
}

/// Element type activations are kept in.
public enum ActivationScalar: String, CaseIterable, Sendable {
    case f32, f16

    /// Bytes per element.
    public var byteSize: Int { self == .f32 ? 4 : 2 }
}

/// Which vectors of a decoder are recorded (for encoders both are the same).
public enum ActivationSource: String, CaseIterable, Sendable {
    /// Hugging Face hidden states: index L is after the final LayerNorm.
    case hiddenStates
    /// The raw residual stream: index L is the last block's output, before the final LayerNorm.
    case residualStream
}

/// What to record from a model over a corpus.
public struct ActivationRequest: Sendable, Equatable {
    /// Hidden-state indices (0 = embeddings, L = last block); `.all` means 0...L.
    public var layers: LayerSelection
    public var pooling: Pooling
    public var source: ActivationSource
    /// Longest document in tokens (special tokens included); longer ones are truncated with a
    /// warning. Nil: the model's maximum. Never more than the model's maximum.
    public var maximumLength: Int?
    /// Stop after this many tokens in total (the last document is cut to fit); nil: no limit.
    public var tokenBudget: Int?
    /// Documents per forward pass.
    public var batchSize: Int
    public var scalar: ActivationScalar
    /// Add the tokenizer's special tokens (`[CLS] … [SEP]`).
    public var addSpecialTokens: Bool
    /// Approximate size of each shard of an activation store, in bytes.
    public var shardBytes: Int
    /// Facts added to the set's metadata (e.g. the corpus it came from); the keys the collection
    /// writes itself (`model`, `architecture`, `source`, `max_length`, `special_tokens`) win.
    public var metadata: [String: String]

    /// - Parameters: see the properties.
    public init(layers: LayerSelection = .all, pooling: Pooling = .none, source: ActivationSource = .hiddenStates,
                maximumLength: Int? = nil, tokenBudget: Int? = nil, batchSize: Int = 32, scalar: ActivationScalar = .f32,
                addSpecialTokens: Bool = true, shardBytes: Int = 256 << 20, metadata: [String: String] = [:]) {
        self.layers = layers
        self.pooling = pooling
        self.source = source
        self.maximumLength = maximumLength
        self.tokenBudget = tokenBudget
        self.batchSize = batchSize
        self.scalar = scalar
        self.addSpecialTokens = addSpecialTokens
        self.shardBytes = shardBytes
        self.metadata = metadata
    }

    /// The sorted layer indices for a model, checked against its range.
    /// - Throws: `ModelError.layerOutOfRange` naming the valid range.
    public func resolvedLayers(for summary: ModelSummary) throws -> [Int] {
        switch layers {
        case .all: return Array(summary.hiddenStateRange)
        case .none: throw ModelError.invalidArgument(name: "layers", detail: "no layer selected")
        case let .only(selected):
            guard !selected.isEmpty else { throw ModelError.invalidArgument(name: "layers", detail: "no layer selected") }
            if let bad = selected.sorted().first(where: { !summary.hiddenStateRange.contains($0) }) {
                throw ModelError.layerOutOfRange(layer: bad, available: summary.hiddenStateRange)
            }
            return selected.sorted()
        }
    }

    /// Checks the options that do not depend on the corpus.
    func validate(for model: PretrainedModel) throws {
        guard batchSize >= 1 else { throw ModelError.invalidArgument(name: "batch", detail: "must be at least 1, got \(batchSize)") }
        if let maximumLength, maximumLength < 1 {
            throw ModelError.invalidArgument(name: "max_length", detail: "must be at least 1, got \(maximumLength)")
        }
        if let tokenBudget, tokenBudget < 1 {
            throw ModelError.invalidArgument(name: "max_tokens", detail: "must be at least 1, got \(tokenBudget)")
        }
        if pooling == .cls && model.network.architecture.isDecoder {
            throw ModelError.poolingNeedsEncoder(pooling: pooling.rawValue, modelType: model.network.architecture.modelType)
        }
        _ = try resolvedLayers(for: model.summary)
    }
}

/// Progress of a long loop, reported after each step.
public struct WorkProgress: Sendable, Equatable {
    /// Units done and the total (documents for activation and embedding runs).
    public let completed: Int
    public let total: Int
    /// Tokens processed so far.
    public let tokens: Int
}
