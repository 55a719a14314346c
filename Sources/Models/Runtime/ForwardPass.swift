import Foundation
import Tensors

/// A choice of hidden-state indices.
public enum LayerSelection: Sendable, Equatable {
    case all
    case none
    case only(Set<Int>)

    /// Whether index `layer` is selected.
    public func contains(_ layer: Int) -> Bool {
        switch self {
        case .all: return true
        case .none: return false
        case let .only(layers): return layers.contains(layer)
        }
    }
}

/// What a forward pass keeps.
public struct ForwardOptions: Sendable, Equatable {
    /// Hidden states to return, numbered as Hugging Face's `output_hidden_states`: 0 is the
    /// embedding output, i the output of block i; for decoders the last one (L) is after the
    /// final LayerNorm.
    public var hiddenStates: LayerSelection
    /// Decoders only: the raw residual stream, 0 = embeddings and i = after block i (so entry L
    /// is before the final LayerNorm). Entries below L are the same tensors as the hidden states.
    public var residualStream: LayerSelection
    /// Decoders only: next-token logits [T, V].
    public var logits: Bool

    /// - Parameters: see the properties; the default keeps every hidden state and nothing else.
    public init(hiddenStates: LayerSelection = .all, residualStream: LayerSelection = .none, logits: Bool = false) {
        self.hiddenStates = hiddenStates
        self.residualStream = residualStream
        self.logits = logits
    }
}

/// The result of a forward pass over a packed batch; every tensor is [T, ·] in batch row order.
public struct ForwardOutput: Sendable {
    /// Selected hidden states by index, each [T, C].
    public var hiddenStates: [Int: Tensor] = [:]
    /// Selected residual-stream entries by index (decoders), each [T, C].
    public var residualStream: [Int: Tensor] = [:]
    /// Logits [T, V] when asked for (decoders).
    public var logits: Tensor?

    public init() {}
}

/// A loaded transformer.
public protocol TransformerModel: Sendable {
    /// Which architecture this is.
    var architecture: Architecture { get }
    /// Sizes and parameter count.
    var summary: ModelSummary { get }
    /// Runs the model on a packed batch.
    /// - Throws: `ModelError` for ids outside the vocabulary, sequences longer than the model's
    ///   maximum, or a selection the model cannot provide.
    func forward(_ batch: TokenBatch, options: ForwardOptions) throws -> ForwardOutput
}

/// Sizes of a model, for `show MODEL` and for callers that size buffers.
public struct ModelSummary: Sendable, Equatable {
    public let architecture: Architecture
    public let layerCount: Int
    public let hiddenSize: Int
    public let headCount: Int
    public let feedForwardSize: Int
    public let vocabularySize: Int
    public let maximumLength: Int
    public let parameterCount: Int

    /// Number of hidden states (L + 1: the embeddings and one per block).
    public var hiddenStateCount: Int { layerCount + 1 }
    /// Valid hidden-state indices.
    public var hiddenStateRange: ClosedRange<Int> { 0...layerCount }
}

/// Owned scratch memory for one forward pass, freed when the pass ends.
final class ScratchBuffer {
    let pointer: UnsafeMutablePointer<Float>
    let count: Int

    init(_ count: Int) {
        self.count = count
        pointer = UnsafeMutablePointer<Float>.allocate(capacity: max(count, 1))
    }

    deinit { pointer.deallocate() }
}

/// A [rows, width] buffer that becomes a `Tensor` without copying.
struct ActivationBuffer {
    let storage: TensorStorage
    let rows: Int
    let width: Int

    init(rows: Int, width: Int) {
        storage = TensorStorage(uninitializedCapacity: rows * width)
        self.rows = rows
        self.width = width
    }

    var pointer: UnsafeMutablePointer<Float> { storage.base }
    var tensor: Tensor { Tensor(shape: [rows, width], storage: storage) }
}
