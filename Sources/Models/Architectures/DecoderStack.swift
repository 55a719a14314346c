import Foundation
import Tensors

/// The forward loop shared by the pre-LN decoders (GPT-NeoX, GPT-2): embeddings, blocks, final
/// LayerNorm and language-model head, keeping what `ForwardOptions` asks for.
///
/// Residual stream r₀ = embeddings, rᵢ = output of block i. Hidden states follow Hugging Face's
/// `output_hidden_states`: hᵢ = rᵢ for i < L and h_L = LN_f(r_L).
struct DecoderStack {
    let width: Int
    let layerCount: Int
    let finalNorm: LayerNorm
    /// [V, C] head weight used as logits = h_L · Wᵀ (tied embeddings or a separate matrix).
    let head: Linear

    /// - Parameters:
    ///   - start: where the loop begins: the embeddings (`embed` writes r₀), or a given residual
    ///     stream entry r_l [T, C] (blocks l…L−1 then run).
    ///   - embed: writes r₀ [T, C].
    ///   - block: block i (0-based) reads rᵢ and writes rᵢ₊₁.
    func run(_ batch: TokenBatch, options: ForwardOptions, start: StackStart = .embeddings,
             embed: (UnsafeMutablePointer<Float>) -> Void,
             block: (Int, UnsafePointer<Float>, UnsafeMutablePointer<Float>) -> Void) -> ForwardOutput {
        // Products split their rows over Parallel's threads themselves (see Linear.multiply).
        Parallel.withSerialBLAS { runLoop(batch, options: options, start: start, embed: embed, block: block) }
    }

    private func runLoop(_ batch: TokenBatch, options: ForwardOptions, start: StackStart, embed: (UnsafeMutablePointer<Float>) -> Void,
                         block: (Int, UnsafePointer<Float>, UnsafeMutablePointer<Float>) -> Void) -> ForwardOutput {
        let rows = batch.tokenCount
        var output = ForwardOutput()
        var current = ActivationBuffer(rows: rows, width: width)
        let first: Int
        switch start {
        case .embeddings:
            embed(current.pointer)
            first = 0
        case let .residual(layer, state):
            state.withUnsafeBufferPointer { current.pointer.update(from: $0.baseAddress!, count: rows * width) }
            first = layer
        }
        var recycled: ActivationBuffer?
        for index in first...layerCount {
            if index > first {
                let next = recycled ?? ActivationBuffer(rows: rows, width: width)
                block(index - 1, current.pointer, next.pointer)
                let kept = output.residualStream[index - 1] != nil || output.hiddenStates[index - 1] != nil
                recycled = kept ? nil : current
                current = next
            }
            if options.residualStream.contains(index) { output.residualStream[index] = current.tensor }
            if index < layerCount && options.hiddenStates.contains(index) { output.hiddenStates[index] = current.tensor }
        }
        if options.hiddenStates.contains(layerCount) || options.logits {
            let final = ActivationBuffer(rows: rows, width: width)
            finalNorm(current.pointer, into: final.pointer, rows: rows)
            if options.hiddenStates.contains(layerCount) { output.hiddenStates[layerCount] = final.tensor }
            if options.logits { output.logits = logits(final.pointer, rows: rows) }
        }
        return output
    }

    /// logits = h_L · Wᵀ for final hidden states h_L [T, C] → [T, V].
    func logits(_ final: UnsafePointer<Float>, rows: Int) -> Tensor {
        let logits = ActivationBuffer(rows: rows, width: head.outputWidth)
        head(final, rows: rows, into: logits.pointer)
        return logits.tensor
    }
}

/// Where a decoder's forward loop begins.
enum StackStart {
    /// At the token and position embeddings (a normal forward pass).
    case embeddings
    /// At residual-stream entry `layer` (0…L) with the given [T, C] state.
    case residual(layer: Int, Tensor)
}

/// Scratch matrices of a decoder block (separate allocations, see `BertScratch`).
struct DecoderScratch {
    let buffers: [ScratchBuffer]
    let normed, qkv, context, intermediate: UnsafeMutablePointer<Float>

    init(rows: Int, width: Int, feedForward: Int) {
        buffers = [ScratchBuffer(rows * width), ScratchBuffer(rows * 3 * width), ScratchBuffer(rows * width),
                   ScratchBuffer(rows * feedForward)]
        (normed, qkv, context, intermediate) = (buffers[0].pointer, buffers[1].pointer, buffers[2].pointer, buffers[3].pointer)
    }
}

/// out[t] = table[ids[t]] for a [V, C] table, in parallel over tokens.
func gatherRows(_ table: Tensor, _ ids: [Int], into out: UnsafeMutablePointer<Float>, adding other: Tensor? = nil,
                otherRows: [Int]? = nil) {
    let c = table.shape[1]
    table.withUnsafeBufferPointer { t in
        Parallel.forRanges(ids.count, minimumChunk: 64) { range in
            for row in range { (out + row * c).update(from: t.baseAddress! + ids[row] * c, count: c) }
        }
    }
    guard let other, let otherRows else { return }
    other.withUnsafeBufferPointer { o in
        Parallel.forRanges(ids.count, minimumChunk: 64) { range in
            for row in range {
                let target = out + row * c, source = o.baseAddress! + otherRows[row] * c
                for j in 0..<c { target[j] += source[j] }
            }
        }
    }
}

extension Tensor {
    /// Whether two tensors view the same elements (tied weights).
    func storageIdentical(to other: Tensor) -> Bool {
        shape == other.shape && withUnsafeBufferPointer { a in other.withUnsafeBufferPointer { b in a.baseAddress == b.baseAddress } }
    }
}
