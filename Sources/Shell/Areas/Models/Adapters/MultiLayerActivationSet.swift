import Foundation
import Models
import SAE
import Synchronization

/// An activation set as the SAE module reads it (`MultiLayerActivations`): L = the recorded
/// layers (in ascending order; `layerNumbers` are their hidden-state indices), T = the set's rows
/// (tokens, or documents for a pooled set), D = the model width.
///
/// Rows are copied straight out of memory or the memory-mapped shards (`ActivationSet.copyRows`),
/// so stores larger than memory train without being loaded. The token table is built on first
/// use, from the set's token ids and the tokenizer that made them: one piece per token
/// (`TokenPieces`) with the documents' starts; for a pooled set, each row is a document and its
/// piece is the document's text.
public struct MultiLayerActivationSet: MultiLayerActivations, Sendable {
    /// The activation set.
    public let activations: ActivationSet
    /// The tokenizer of the model that recorded the set, when known.
    public let tokenizer: Tokenizer?
    private let table: LazyTokenTable

    /// Views `set`; `tokenizer` (when known) gives the token table.
    public init(_ set: ActivationSet, tokenizer: Tokenizer?) {
        self.activations = set
        self.tokenizer = tokenizer
        table = LazyTokenTable()
    }

    /// L: the recorded layers.
    public var layerCount: Int { activations.layers.count }
    /// T: the set's rows (tokens, or documents when pooled).
    public var tokenCount: Int { activations.rowCount }
    /// D: the model width.
    public var width: Int { activations.width }
    /// The hidden-state index of each stored layer (0 = embeddings).
    public var layerNumbers: [Int] { activations.layers }

    /// Token pieces and document starts (nil without a tokenizer); built once, on first use.
    public var tokenTable: TokenTable? {
        guard let tokenizer else { return nil }
        return table.value { Self.makeTable(activations, tokenizer: tokenizer) }
    }

    /// Copies the rows (token, layer position) to consecutive `width`-float slots of `buffer`.
    /// - Throws: `ModelError` when a shard cannot be read.
    public func copyRows(_ rows: [ActivationRow], into buffer: UnsafeMutableBufferPointer<Float>) throws {
        let layers = activations.layers
        try activations.copyRows(rows.map { (row: $0.token, layer: layers[$0.layer]) }, into: buffer)
    }

    static func makeTable(_ activations: ActivationSet, tokenizer: Tokenizer) -> TokenTable? {
        if activations.pooling == .none {
            return try? TokenTable(pieces: TokenPieces.pieces(activations.tokenIDs, tokenizer: tokenizer),
                                   documentStarts: Array(activations.documentOffsets.dropLast()))
        }
        let documents = (0..<activations.documentCount).map { document in
            tokenizer.decode(Array(activations.tokenIDs[activations.tokenRange(ofDocument: document)]), skipSpecialTokens: true)
        }
        return try? TokenTable(pieces: documents, documentStarts: Array(0..<activations.documentCount))
    }
}

/// A value computed once and shared by copies of the struct holding it.
final class LazyTokenTable: Sendable {
    private let stored = Mutex<TokenTable??>(nil)

    func value(_ make: () -> TokenTable?) -> TokenTable? {
        stored.withLock { cached in
            if let cached { return cached }
            let made = make()
            cached = .some(made)
            return made
        }
    }
}
