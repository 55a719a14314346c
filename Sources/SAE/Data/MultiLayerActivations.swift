import Foundation

/// One example of multi-layer training: the residual vector of token `token` at layer `layer`
/// (0-based positions in the activation set, not model layer numbers).
public struct ActivationRow: Hashable, Sendable {
    /// Token position in the activation set, 0..<T.
    public var token: Int
    /// Layer position in the activation set, 0..<L.
    public var layer: Int

    /// The row of `token` at `layer`.
    public init(token: Int, layer: Int) {
        self.token = token
        self.layer = layer
    }
}

/// Residual-stream vectors of L layers for T tokens, each of width D: the input of MLSAE
/// training, evaluation and analysis.
///
/// This is the whole contract between the SAE module and whoever captures activations: an
/// in-memory set (`InMemoryActivations`), a memory-mapped or streamed store on disk, or synthetic
/// data in tests. Rows are fetched by (token, layer) in any order; the training loop asks for
/// shuffled batches, evaluation and analyses for all L layers of consecutive tokens.
public protocol MultiLayerActivations {
    /// L, the number of layers stored for every token.
    var layerCount: Int { get }
    /// T, the number of tokens.
    var tokenCount: Int { get }
    /// D, the width of every vector.
    var width: Int { get }
    /// The model layer number of each stored layer (length L), for labels and for checking that an
    /// SAE is applied to the layers it was trained on.
    var layerNumbers: [Int] { get }
    /// Token text and document boundaries, when known (needed for max-activating examples in
    /// context); nil for data without text.
    var tokenTable: TokenTable? { get }

    /// Copies the vectors of `rows` into `buffer`, row i at `buffer[i·D ..< (i+1)·D]`.
    /// `buffer.count` is at least `rows.count · width`; every row is in range (callers check).
    /// - Throws: whatever reading the store can throw (e.g. a disk read error).
    func copyRows(_ rows: [ActivationRow], into buffer: UnsafeMutableBufferPointer<Float>) throws
}

extension MultiLayerActivations {
    /// Checks that an SAE fits these activations: same width, same number of layers.
    /// (Layer numbers are labels; an SAE trained on other layers may be applied deliberately.)
    /// - Throws: `SAEError.activationMismatch`.
    public func checkFits(_ configuration: SAEConfiguration) throws {
        guard width == configuration.inputWidth else {
            throw SAEError.activationMismatch("vectors have width \(width), the SAE expects \(configuration.inputWidth)")
        }
        guard layerCount == configuration.layerCount else {
            throw SAEError.activationMismatch("\(layerCount) layers stored, the SAE reads \(configuration.layerCount)")
        }
        guard tokenCount > 0 else { throw SAEError.activationMismatch("the activation set has no tokens") }
    }
}

/// The text of every token and where documents begin: the bookkeeping behind max-activating
/// examples. Tokens of one document are consecutive in the activation set.
public struct TokenTable: Sendable, Equatable {
    /// The text of each token (T entries), as the tokenizer renders it.
    public let pieces: [String]
    /// The first token of each document, ascending, starting at 0.
    public let documentStarts: [Int]

    /// A table from token texts and document start positions.
    /// - Throws: `SAEError.invalidConfiguration` when the starts are not ascending from 0 within range.
    public init(pieces: [String], documentStarts: [Int]) throws {
        guard documentStarts.first == 0 || (pieces.isEmpty && documentStarts.isEmpty) else {
            throw SAEError.invalidConfiguration("the first document must start at token 0")
        }
        guard zip(documentStarts, documentStarts.dropFirst()).allSatisfy({ $0 < $1 }),
              (documentStarts.last ?? 0) <= Swift.max(pieces.count - 1, 0) else {
            throw SAEError.invalidConfiguration("document starts must be ascending token positions below \(pieces.count)")
        }
        self.pieces = pieces
        self.documentStarts = documentStarts
    }

    /// The document holding `token` (binary search).
    public func document(of token: Int) -> Int {
        var low = 0, high = documentStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if documentStarts[middle] <= token { low = middle } else { high = middle - 1 }
        }
        return low
    }

    /// The token positions of document `document`.
    public func tokens(inDocument document: Int) -> Range<Int> {
        let end = document + 1 < documentStarts.count ? documentStarts[document + 1] : pieces.count
        return documentStarts[document]..<end
    }

    /// Up to `radius` tokens either side of `token`, within its document.
    public func context(of token: Int, radius: Int) -> Range<Int> {
        let range = tokens(inDocument: document(of: token))
        return Swift.max(range.lowerBound, token - radius)..<Swift.min(range.upperBound, token + radius + 1)
    }
}
