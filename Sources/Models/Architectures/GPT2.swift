import Foundation
import Tensors

// GPT-2 decoder, a port of Hugging Face `transformers/models/gpt2/modeling_gpt2.py` (`GPT2LMHeadModel`):
// learned positions, pre-LN blocks, `Conv1D` weights stored [in, out], head tied to `wte`.
//
//     x₀  = wte[id] + wpe[p]
//     h   = x + CausalAttention(LN₁(x) W_attn + b) W_proj + b_proj    (q, k, v blocks of C columns)
//     x'  = h + GELU_tanh(LN₂(h) W_fc + b_fc) W_proj2 + b_proj2
//     logits = LN_f(x_L) wteᵀ

/// Attention of one block: `c_attn` gives [q | k | v], each C wide.
struct GPT2Attention: Sendable {
    let cAttn: Linear, cProj: Linear
    let heads: Int, headWidth: Int
    let scale: Float

    init(_ prefix: String, layerIndex: Int, _ config: GPT2Configuration, _ weights: inout WeightLoader) {
        let c = config.hiddenSize
        cAttn = Linear("\(prefix).c_attn", inputs: c, outputs: 3 * c, layout: .inputsByOutputs, from: &weights)
        cProj = Linear("\(prefix).c_proj", inputs: c, outputs: c, layout: .inputsByOutputs, from: &weights)
        heads = config.headCount
        headWidth = c / config.headCount
        var scale: Float = config.scaleAttentionWeights ? 1 / Float(headWidth).squareRoot() : 1
        if config.scaleAttentionByInverseLayerIndex { scale /= Float(layerIndex + 1) }
        self.scale = scale
    }

    /// context [T, C] from the normalised input.
    func callAsFunction(_ normed: UnsafePointer<Float>, rows: Int, sequences: [Range<Int>], scratch s: DecoderScratch) {
        let c = heads * headWidth
        cAttn(normed, rows: rows, into: s.qkv)
        Attention.compute(query: HeadMatrix(base: s.qkv, headStride: headWidth, rowStride: 3 * c),
                          key: HeadMatrix(base: s.qkv + c, headStride: headWidth, rowStride: 3 * c),
                          value: HeadMatrix(base: s.qkv + 2 * c, headStride: headWidth, rowStride: 3 * c),
                          heads: heads, headWidth: headWidth, sequences: sequences, causal: true,
                          scale: scale, context: s.context, contextStride: c)
    }
}

/// The feed-forward network: `c_fc`, activation, `c_proj`.
struct GPT2MLP: Sendable {
    let cFC: Linear, cProj: Linear
    let activation: Activation

    init(_ prefix: String, _ config: GPT2Configuration, _ weights: inout WeightLoader) throws {
        let c = config.hiddenSize, f = config.feedForwardSize
        cFC = Linear("\(prefix).c_fc", inputs: c, outputs: f, layout: .inputsByOutputs, from: &weights)
        cProj = Linear("\(prefix).c_proj", inputs: f, outputs: c, layout: .inputsByOutputs, from: &weights)
        activation = try Activation.named(config.activation)
    }
}

/// One GPT-2 block.
struct GPT2Block: Sendable {
    let norm1: LayerNorm, norm2: LayerNorm
    let attention: GPT2Attention
    let mlp: GPT2MLP

    init(index: Int, _ config: GPT2Configuration, _ weights: inout WeightLoader) throws {
        let p = "h.\(index)", c = config.hiddenSize, epsilon = Float(config.layerNormEpsilon)
        norm1 = LayerNorm("\(p).ln_1", width: c, epsilon: epsilon, from: &weights)
        attention = GPT2Attention("\(p).attn", layerIndex: index, config, &weights)
        norm2 = LayerNorm("\(p).ln_2", width: c, epsilon: epsilon, from: &weights)
        mlp = try GPT2MLP("\(p).mlp", config, &weights)
    }

    func callAsFunction(_ x: UnsafePointer<Float>, into out: UnsafeMutablePointer<Float>, rows: Int,
                        sequences: [Range<Int>], scratch s: DecoderScratch) {
        let c = attention.cProj.outputWidth
        norm1(x, into: s.normed, rows: rows)
        attention(s.normed, rows: rows, sequences: sequences, scratch: s)
        attention.cProj.withBias { RowKernels.addRows(x, biases: [$0!], into: out, rows: rows, width: c) }
        attention.cProj.multiply(s.context, rows: rows, into: out, accumulate: true)
        norm2(out, into: s.normed, rows: rows)
        mlp.cFC.multiply(s.normed, rows: rows, into: s.intermediate)
        mlp.cFC.withBias { mlp.activation.addBiasAndApply(s.intermediate, rows: rows, width: mlp.cFC.outputWidth, bias: $0) }
        mlp.cProj.withBias { RowKernels.addRows(out, biases: [$0!], into: out, rows: rows, width: c) }
        mlp.cProj.multiply(s.intermediate, rows: rows, into: out, accumulate: true)
    }

    var parameterCount: Int {
        norm1.parameterCount + norm2.parameterCount + attention.cAttn.parameterCount + attention.cProj.parameterCount
            + mlp.cFC.parameterCount + mlp.cProj.parameterCount
    }
}

/// A GPT-2 causal language model.
public struct GPT2Model: TransformerModel {
    public let configuration: GPT2Configuration
    let tokenEmbedding: Tensor
    let positionEmbedding: Tensor
    let blocks: [GPT2Block]
    let stack: DecoderStack
    public var architecture: Architecture { .gpt2 }

    init(configuration: GPT2Configuration, weights: inout WeightLoader) throws {
        let c = configuration.hiddenSize, v = configuration.vocabularySize
        self.configuration = configuration
        tokenEmbedding = weights.tensor("wte.weight", shape: [v, c])
        positionEmbedding = weights.tensor("wpe.weight", shape: [configuration.maximumPositions, c])
        blocks = try (0..<configuration.layerCount).map { try GPT2Block(index: $0, configuration, &weights) }
        let finalNorm = LayerNorm("ln_f", width: c, epsilon: Float(configuration.layerNormEpsilon), from: &weights)
        // A stored lm_head.weight is used when the head is not tied (or when it is saved anyway).
        let head = weights.contains("lm_head.weight") || !configuration.tieWordEmbeddings
            ? Linear("lm_head", inputs: c, outputs: v, hasBias: false, from: &weights)
            : Linear(weight: tokenEmbedding, bias: nil, layout: .outputsByInputs)
        stack = DecoderStack(width: c, layerCount: configuration.layerCount, finalNorm: finalNorm, head: head)
    }

    public var summary: ModelSummary {
        let head = stack.head.weight.storageIdentical(to: tokenEmbedding) ? 0 : stack.head.parameterCount
        return ModelSummary(architecture: .gpt2, layerCount: configuration.layerCount, hiddenSize: configuration.hiddenSize,
                            headCount: configuration.headCount, feedForwardSize: configuration.feedForwardSize,
                            vocabularySize: configuration.vocabularySize, maximumLength: configuration.maximumPositions,
                            parameterCount: tokenEmbedding.count + positionEmbedding.count + blocks.map(\.parameterCount).reduce(0, +)
                                + stack.finalNorm.parameterCount + head)
    }

    public func forward(_ batch: TokenBatch, options: ForwardOptions) throws -> ForwardOutput {
        try batch.validate(vocabularySize: configuration.vocabularySize, maximumLength: configuration.maximumPositions)
        let rows = batch.tokenCount, sequences = batch.ranges
        let scratch = DecoderScratch(rows: rows, width: configuration.hiddenSize, feedForward: configuration.feedForwardSize)
        let positions = PositionRule.absolute.positionIDs(batch)
        return stack.run(batch, options: options, embed: { out in
            gatherRows(tokenEmbedding, batch.tokenIDs, into: out, adding: positionEmbedding, otherRows: positions)
        }, block: { index, x, out in
            blocks[index](x, into: out, rows: rows, sequences: sequences, scratch: scratch)
        })
    }
}
