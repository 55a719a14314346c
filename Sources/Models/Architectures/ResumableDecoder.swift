import Foundation
import Tensors

/// A decoder whose forward pass can start part-way, from a given residual-stream entry or hidden
/// state: what splicing an edited activation into the model needs (an SAE's reconstruction for
/// ΔCE and KL, activation patching, steering).
///
/// Starting at layer l with the state the normal forward produced there gives the normal outputs
/// for every index ≥ l (tested to 1e-6 for every l of GPT-2 and GPT-NeoX).
public protocol ResumableDecoder: TransformerModel {
    /// Runs the model from `state` [T, C] placed at index `layer` of `source` for the packed
    /// `batch` (whose token ids give the positions; they are not embedded again).
    ///
    /// * `.residualStream`, l in 0…L: r_l = state, then blocks l…L−1, the final LayerNorm and
    ///   the head. l = 0 replaces the embeddings; l = L runs only the final LayerNorm and head.
    /// * `.hiddenStates`: the same for l < L (hidden state l is r_l); at l = L the state is after
    ///   the final LayerNorm, so only the head runs.
    ///
    /// `options` select outputs at indices ≥ `layer` (the given state included when selected).
    /// - Throws: `ModelError.layerOutOfRange`, `.invalidArgument` when `state` is not
    ///   [batch.tokenCount, C], and the errors of `forward(_:options:)` for the batch.
    func forward(_ batch: TokenBatch, resumingAt layer: Int, of source: ActivationSource, with state: Tensor,
                 options: ForwardOptions) throws -> ForwardOutput
}

extension DecoderStack {
    /// The shared body of `ResumableDecoder.forward(_:resumingAt:of:with:options:)`; `block` is
    /// the model's block runner for this batch.
    func resume(_ batch: TokenBatch, at layer: Int, of source: ActivationSource, with state: Tensor, options: ForwardOptions,
                block: (Int, UnsafePointer<Float>, UnsafeMutablePointer<Float>) -> Void) throws -> ForwardOutput {
        guard (0...layerCount).contains(layer) else { throw ModelError.layerOutOfRange(layer: layer, available: 0...layerCount) }
        guard state.shape == [batch.tokenCount, width] else {
            throw ModelError.invalidArgument(name: "state", detail: "has shape \(ModelError.shape(state.shape)), the batch needs [\(batch.tokenCount), \(width)]")
        }
        if source == .hiddenStates && layer == layerCount {
            var output = ForwardOutput()
            if options.hiddenStates.contains(layerCount) { output.hiddenStates[layerCount] = state }
            if options.logits {
                output.logits = Parallel.withSerialBLAS {
                    state.withUnsafeBufferPointer { logits($0.baseAddress!, rows: batch.tokenCount) }
                }
            }
            return output
        }
        return run(batch, options: options, start: .residual(layer: layer, state), embed: { _ in }, block: block)
    }
}

extension GPT2Model: ResumableDecoder {
    /// Runs GPT-2 from `state` at `layer` of `source` (see `ResumableDecoder`).
    public func forward(_ batch: TokenBatch, resumingAt layer: Int, of source: ActivationSource, with state: Tensor,
                        options: ForwardOptions) throws -> ForwardOutput {
        try batch.validate(vocabularySize: configuration.vocabularySize, maximumLength: configuration.maximumPositions)
        let rows = batch.tokenCount, sequences = batch.ranges
        let scratch = DecoderScratch(rows: rows, width: configuration.hiddenSize, feedForward: configuration.feedForwardSize)
        return try stack.resume(batch, at: layer, of: source, with: state, options: options) { index, x, out in
            blocks[index](x, into: out, rows: rows, sequences: sequences, scratch: scratch)
        }
    }
}

extension GPTNeoXModel: ResumableDecoder {
    /// Runs GPT-NeoX from `state` at `layer` of `source` (see `ResumableDecoder`).
    public func forward(_ batch: TokenBatch, resumingAt layer: Int, of source: ActivationSource, with state: Tensor,
                        options: ForwardOptions) throws -> ForwardOutput {
        try batch.validate(vocabularySize: configuration.vocabularySize, maximumLength: configuration.maximumPositions)
        let rows = batch.tokenCount, sequences = batch.ranges
        let scratch = DecoderScratch(rows: rows, width: configuration.hiddenSize, feedForward: configuration.intermediateSize)
        let table = rotary.table(length: sequences.map(\.count).max() ?? 0)
        return try stack.resume(batch, at: layer, of: source, with: state, options: options) { index, x, out in
            layers[index](x, into: out, rows: rows, sequences: sequences, rotary: rotary, table: table, scratch: scratch)
        }
    }
}
