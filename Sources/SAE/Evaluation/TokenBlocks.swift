import Foundation
import Tensors

/// One block of consecutive tokens run through the SAE, all L layers of each: row
/// (t − tokens.lowerBound)·L + l holds token t at layer l.
struct EncodedBlock {
    let tokens: Range<Int>
    let layers: Int
    let forward: SAEForward
    var rows: Int { tokens.count * layers }
    /// The row of token `token` (absolute) at layer `layer`.
    @inline(__always) func row(token: Int, layer: Int) -> Int { (token - tokens.lowerBound) * layers + layer }
    var codes: SparseCodes { forward.codes(rows: rows) }
}

/// Streams an activation set through an SAE in blocks of consecutive tokens.
enum TokenBlocks {
    /// Target rows per block (tokens per block = this / L, at least 1).
    static let rowsPerBlock = 1024

    /// Runs `sae` over `tokens` of `activations`, calling `body` once per block in token order.
    /// - Throws: `SAEError.activationMismatch`/`.outOfRange`, read errors, or what `body` throws.
    static func forEach(_ sae: SparseAutoencoder, _ activations: some MultiLayerActivations, tokens: Range<Int>, reconstruct: Bool,
                        _ body: (EncodedBlock) throws -> Void) throws {
        try activations.checkFits(sae.configuration)
        guard tokens.lowerBound >= 0, tokens.upperBound <= activations.tokenCount, !tokens.isEmpty else {
            throw SAEError.outOfRange("tokens \(tokens.lowerBound)..<\(tokens.upperBound) are not within the \(activations.tokenCount) tokens of the activation set")
        }
        let layers = activations.layerCount
        let tokensPerBlock = Swift.max(1, rowsPerBlock / layers)
        let forward = SAEForward(capacity: tokensPerBlock * layers, configuration: sae.configuration)
        var rowList: [ActivationRow] = []
        try sae.withParameterPointers { pointers in
            for start in stride(from: tokens.lowerBound, to: tokens.upperBound, by: tokensPerBlock) {
                let block = start..<Swift.min(tokens.upperBound, start + tokensPerBlock)
                rowList.removeAll(keepingCapacity: true)
                for token in block { for layer in 0..<layers { rowList.append(ActivationRow(token: token, layer: layer)) } }
                try activations.copyRows(rowList, into: forward.input.buffer)
                forward.run(rows: rowList.count, configuration: sae.configuration, parameters: pointers, reconstruct: reconstruct)
                try body(EncodedBlock(tokens: block, layers: layers, forward: forward))
            }
        }
    }
}
