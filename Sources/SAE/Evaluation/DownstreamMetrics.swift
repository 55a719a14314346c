import Foundation
import Tensors

/// A decoder language model opened at its residual stream: what ΔCE and KL need from the
/// Models module. Two closures, so any architecture (GPT-NeoX, GPT-2) or a hand-made function in
/// a test can provide them.
public struct ResidualStreamModel {
    /// The residual stream of one sequence at each layer the SAE reads, in the SAE's layer order:
    /// L tensors of shape [T, D] for T tokens.
    public var residuals: (_ tokens: [Int]) throws -> [Tensor]
    /// The logits [T, V] of the sequence when the residual stream at layer position `layer` is
    /// replaced by `residual` ([T, D]) and the remaining layers, the final norm and the LM head run.
    public var logitsFromLayer: (_ layer: Int, _ residual: Tensor, _ tokens: [Int]) throws -> Tensor

    /// A model from its two hooks.
    public init(residuals: @escaping (_ tokens: [Int]) throws -> [Tensor],
                logitsFromLayer: @escaping (_ layer: Int, _ residual: Tensor, _ tokens: [Int]) throws -> Tensor) {
        self.residuals = residuals
        self.logitsFromLayer = logitsFromLayer
    }
}

/// The effect on the model's predictions of splicing the SAE's reconstruction into one layer.
public struct DownstreamLayerMetrics: Codable, Sendable, Equatable {
    /// Model layer number.
    public var layer: Int
    /// Mean next-token cross-entropy of the clean run (nats).
    public var cleanLoss: Double
    /// Mean next-token cross-entropy with the layer's residual stream replaced by its reconstruction.
    public var patchedLoss: Double
    /// patchedLoss − cleanLoss (mlsae `LayerwiseLossDelta`).
    public var deltaLoss: Double
    /// Mean over positions of KL(P_patched ‖ P_clean) (nats), the direction of mlsae's
    /// `LayerwiseLogitKLDiv`; averaged per position rather than summed per sequence.
    public var klDivergence: Double

    enum CodingKeys: String, CodingKey {
        case layer
        case cleanLoss = "clean_loss"
        case patchedLoss = "patched_loss"
        case deltaLoss = "delta_loss"
        case klDivergence = "kl_divergence"
    }
}

/// ΔCE and KL per layer: replace a layer's residual stream by the SAE's reconstruction, run the
/// rest of the model, compare with the clean run.
public enum DownstreamMetrics {
    /// Evaluates `sae` spliced into `model` on `sequences` (token ids, each at least 2 long).
    /// Losses are averaged over all predicted positions of all sequences (T − 1 per sequence),
    /// the KL over all positions (T per sequence).
    /// `afterSequence` is called with the number of sequences done after each one (for a progress
    /// bar); what it throws (a cancellation) ends the evaluation.
    /// - Throws: `SAEError.downstreamMismatch` for hooks returning wrong shapes or a sequence too
    ///   short, `.activationMismatch`, what the hooks throw, or what `afterSequence` throws.
    public static func evaluate(_ sae: SparseAutoencoder, model: ResidualStreamModel, sequences: [[Int]],
                                afterSequence: (_ sequencesDone: Int) throws -> Void = { _ in }) throws -> [DownstreamLayerMetrics] {
        let layers = sae.configuration.layerCount
        var clean = 0.0, patched = [Double](repeating: 0, count: layers), kl = patched
        var predicted = 0, positions = 0
        for (index, tokens) in sequences.enumerated() {
            guard tokens.count >= 2 else { throw SAEError.downstreamMismatch("a sequence of \(tokens.count) token(s) has nothing to predict") }
            let residuals = try model.residuals(tokens)
            guard residuals.count == layers else {
                throw SAEError.downstreamMismatch("\(residuals.count) residual streams for an SAE reading \(layers) layers")
            }
            let cleanLogits = try checkedLogits(model, layer: 0, residuals[0], tokens)
            clean += crossEntropySum(cleanLogits, tokens)
            let cleanLog = logSoftmaxRows(cleanLogits)
            for layer in 0..<layers {
                let logits = try checkedLogits(model, layer: layer, sae.reconstruct(residuals[layer]), tokens)
                guard logits.shape == cleanLogits.shape else {
                    throw SAEError.downstreamMismatch("logits of shape \(logits.shape) after patching, \(cleanLogits.shape) clean")
                }
                patched[layer] += crossEntropySum(logits, tokens)
                kl[layer] += klSum(logSoftmaxRows(logits), from: cleanLog)
            }
            predicted += tokens.count - 1
            positions += tokens.count
            try afterSequence(index + 1)
        }
        let numbers = sae.configuration.layers
        return (0..<layers).map { layer in
            let cleanLoss = clean / Double(predicted), patchedLoss = patched[layer] / Double(predicted)
            return DownstreamLayerMetrics(layer: numbers[layer], cleanLoss: cleanLoss, patchedLoss: patchedLoss,
                                          deltaLoss: patchedLoss - cleanLoss, klDivergence: kl[layer] / Double(positions))
        }
    }

    private static func checkedLogits(_ model: ResidualStreamModel, layer: Int, _ residual: Tensor, _ tokens: [Int]) throws -> Tensor {
        let logits = try model.logitsFromLayer(layer, residual, tokens)
        guard logits.rank == 2, logits.shape[0] == tokens.count, logits.shape[1] > 0 else {
            throw SAEError.downstreamMismatch("logits of shape \(logits.shape) for \(tokens.count) tokens")
        }
        if let bad = tokens.first(where: { $0 < 0 || $0 >= logits.shape[1] }) {
            throw SAEError.downstreamMismatch("token id \(bad) outside the vocabulary of \(logits.shape[1])")
        }
        return logits
    }

    /// log softmax of each row, in Double.
    static func logSoftmaxRows(_ logits: Tensor) -> [[Double]] {
        (0..<logits.rowCount).map { row in
            let values = logits.row(row).scalars.map(Double.init)
            let peak = values.max() ?? 0
            let logTotal = log(values.reduce(0) { $0 + exp($1 - peak) }) + peak
            return values.map { $0 - logTotal }
        }
    }

    /// Σ over positions t < T − 1 of −log p_t(token_{t+1}).
    static func crossEntropySum(_ logits: Tensor, _ tokens: [Int]) -> Double {
        let logProbabilities = logSoftmaxRows(logits)
        return (0..<(tokens.count - 1)).reduce(0) { $0 - logProbabilities[$1][tokens[$1 + 1]] }
    }

    /// Σ over positions of KL(P ‖ Q) = Σ_v p_v (log p_v − log q_v), with P given by `logP`.
    static func klSum(_ logP: [[Double]], from logQ: [[Double]]) -> Double {
        zip(logP, logQ).reduce(0) { total, rows in
            total + zip(rows.0, rows.1).reduce(0) { $0 + exp($1.0) * ($1.0 - $1.1) }
        }
    }
}
