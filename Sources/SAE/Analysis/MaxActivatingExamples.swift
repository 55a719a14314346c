import Foundation
import Tensors

/// One of a latent's strongest activations, with the text around it.
public struct ActivatingExample: Sendable, Equatable {
    /// Token position in the activation set.
    public var token: Int
    /// Layer position (0..<L) and model layer number.
    public var layerIndex: Int, layer: Int
    /// The latent's activation there.
    public var activation: Float
    /// The surrounding tokens of the same document (nil without a token table).
    public var context: ExampleContext?
}

/// Tokens around an example and the latent's activation on each, at the example's layer.
public struct ExampleContext: Sendable, Equatable {
    /// Document of the example.
    public var document: Int
    /// Token positions shown.
    public var tokens: Range<Int>
    /// Their text.
    public var pieces: [String]
    /// The latent's activation on each of them at the example's layer (0 where not active).
    public var activations: [Float]
    /// Index of the example's token within `pieces`.
    public var focus: Int
}

/// Max-activating examples of a latent (mlsae `analysis/examples.py`).
public enum MaxActivatingExamples {
    /// The `count` (token, layer) examples where `latent` is most active, strongest first (ties
    /// by token, then layer), with `radius` tokens of context either side when the activation set
    /// has a token table.
    /// - Parameter layer: restrict to one layer position (nil: all layers).
    /// - Throws: `SAEError.outOfRange` for a bad latent, layer or count; activation errors.
    public static func find(_ sae: SparseAutoencoder, on activations: some MultiLayerActivations, latent: Int, count: Int = 10,
                            radius: Int = 8, layer: Int? = nil, tokens: Range<Int>? = nil) throws -> [ActivatingExample] {
        guard (0..<sae.latentCount).contains(latent) else {
            throw SAEError.outOfRange("latent \(latent) is not in 0..<\(sae.latentCount)")
        }
        guard count >= 1, radius >= 0 else { throw SAEError.outOfRange("count must be positive and radius non-negative") }
        if let layer, !(0..<activations.layerCount).contains(layer) {
            throw SAEError.outOfRange("layer position \(layer) is not in 0..<\(activations.layerCount)")
        }
        var best: [(activation: Float, token: Int, layer: Int)] = []
        try TokenBlocks.forEach(sae, activations, tokens: tokens ?? 0..<activations.tokenCount, reconstruct: false) { block in
            let codes = block.codes
            for token in block.tokens {
                for l in 0..<block.layers where layer == nil || layer == l {
                    let row = block.row(token: token, layer: l)
                    for slot in 0..<codes.width where codes.index(row, slot) == latent && codes.value(row, slot) > 0 {
                        insert((codes.value(row, slot), token, l), into: &best, keeping: count)
                    }
                }
            }
        }
        return try best.map { entry in
            ActivatingExample(token: entry.token, layerIndex: entry.layer, layer: activations.layerNumbers[entry.layer],
                              activation: entry.activation,
                              context: try context(sae, activations, latent: latent, token: entry.token, layer: entry.layer, radius: radius))
        }
    }

    /// Keeps `list` sorted (activation descending, then token, then layer) and at most `limit` long.
    private static func insert(_ entry: (activation: Float, token: Int, layer: Int), into list: inout [(activation: Float, token: Int, layer: Int)],
                               keeping limit: Int) {
        func before(_ a: (activation: Float, token: Int, layer: Int), _ b: (activation: Float, token: Int, layer: Int)) -> Bool {
            a.activation > b.activation || (a.activation == b.activation && (a.token, a.layer) < (b.token, b.layer))
        }
        if list.count == limit, let last = list.last, !before(entry, last) { return }
        let position = list.firstIndex { before(entry, $0) } ?? list.count
        list.insert(entry, at: position)
        if list.count > limit { list.removeLast() }
    }

    /// The context of one example: the latent's activation on the neighbouring tokens at its layer.
    private static func context(_ sae: SparseAutoencoder, _ activations: some MultiLayerActivations, latent: Int, token: Int, layer: Int,
                                radius: Int) throws -> ExampleContext? {
        guard let table = activations.tokenTable else { return nil }
        let span = table.context(of: token, radius: radius)
        let rows = span.map { ActivationRow(token: $0, layer: layer) }
        let vectors = Buffer<Float>(zeros: rows.count * sae.inputWidth)
        try activations.copyRows(rows, into: vectors.buffer)
        let codes = try sae.encode(Tensor(shape: [rows.count, sae.inputWidth]) { $0.baseAddress!.update(from: vectors.pointer, count: vectors.count) })
        let values = (0..<rows.count).map { row in codes.active(row: row).first { $0.latent == latent }?.activation ?? 0 }
        return ExampleContext(document: table.document(of: token), tokens: span, pieces: Array(table.pieces[span]), activations: values,
                              focus: token - span.lowerBound)
    }
}
