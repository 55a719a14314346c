import Foundation
import Tensors

// GPT-NeoX / Pythia decoder, a port of Hugging Face `transformers/models/gpt_neox/modeling_gpt_neox.py`
// (`GPTNeoXForCausalLM`): pre-LN blocks, rotary embeddings on the first R dimensions of each
// head, causal attention, final LayerNorm, untied `embed_out` head.
//
//     qkv       = LN₁(x) W_qkv + b          per head h: [q_h | k_h | v_h] (interleaved layout)
//     a         = CausalAttention(rot(q), rot(k), v) W_o + b_o
//     parallel:   x' = x + a + MLP(LN₂(x))
//     sequential: h = x + a;  x' = h + MLP(LN₂(h))
//     MLP(u)    = GELU(u W₁ + b₁) W₂ + b₂

/// Attention of one block with the fused, per-head interleaved `query_key_value` projection.
struct GPTNeoXAttention: Sendable {
    let queryKeyValue: Linear
    let dense: Linear
    let heads: Int, headWidth: Int

    init(_ prefix: String, _ config: GPTNeoXConfiguration, _ weights: inout WeightLoader) {
        let c = config.hiddenSize
        queryKeyValue = Linear("\(prefix).query_key_value", inputs: c, outputs: 3 * c, hasBias: config.attentionBias, from: &weights)
        dense = Linear("\(prefix).dense", inputs: c, outputs: c, hasBias: config.attentionBias, from: &weights)
        heads = config.headCount
        headWidth = config.headWidth
    }

    /// context [T, C] from the normalised input.
    func callAsFunction(_ normed: UnsafePointer<Float>, rows: Int, sequences: [Range<Int>], rotary: RotaryEmbedding,
                        table: (cos: [Float], sin: [Float]), scratch s: DecoderScratch) {
        let c = heads * headWidth, stride = 3 * c, perHead = 3 * headWidth
        queryKeyValue(normed, rows: rows, into: s.qkv)
        rotary.apply(s.qkv, rowStride: stride, headStride: perHead, heads: heads, sequences: sequences, table: table)
        rotary.apply(s.qkv + headWidth, rowStride: stride, headStride: perHead, heads: heads, sequences: sequences, table: table)
        Attention.compute(query: HeadMatrix(base: s.qkv, headStride: perHead, rowStride: stride),
                          key: HeadMatrix(base: s.qkv + headWidth, headStride: perHead, rowStride: stride),
                          value: HeadMatrix(base: s.qkv + 2 * headWidth, headStride: perHead, rowStride: stride),
                          heads: heads, headWidth: headWidth, sequences: sequences, causal: true,
                          scale: 1 / Float(headWidth).squareRoot(), context: s.context, contextStride: c)
    }
}

/// The feed-forward network: dense_h_to_4h, activation, dense_4h_to_h.
struct GPTNeoXMLP: Sendable {
    let up: Linear, down: Linear
    let activation: Activation

    init(_ prefix: String, _ config: GPTNeoXConfiguration, _ weights: inout WeightLoader) throws {
        up = Linear("\(prefix).dense_h_to_4h", inputs: config.hiddenSize, outputs: config.intermediateSize, from: &weights)
        down = Linear("\(prefix).dense_4h_to_h", inputs: config.intermediateSize, outputs: config.hiddenSize, from: &weights)
        activation = try Activation.named(config.hiddenActivation)
    }

    /// out += MLP(normed) − b₂ (the caller adds b₂ with the residual).
    func accumulate(_ normed: UnsafePointer<Float>, rows: Int, into out: UnsafeMutablePointer<Float>, scratch s: DecoderScratch) {
        up.multiply(normed, rows: rows, into: s.intermediate)
        up.withBias { activation.addBiasAndApply(s.intermediate, rows: rows, width: up.outputWidth, bias: $0) }
        down.multiply(s.intermediate, rows: rows, into: out, accumulate: true)
    }
}

/// One GPT-NeoX block.
struct GPTNeoXLayer: Sendable {
    let inputNorm: LayerNorm, postAttentionNorm: LayerNorm
    let attention: GPTNeoXAttention
    let mlp: GPTNeoXMLP
    let parallelResidual: Bool

    init(index: Int, _ config: GPTNeoXConfiguration, _ weights: inout WeightLoader) throws {
        let p = "layers.\(index)", epsilon = Float(config.layerNormEpsilon)
        inputNorm = LayerNorm("\(p).input_layernorm", width: config.hiddenSize, epsilon: epsilon, from: &weights)
        postAttentionNorm = LayerNorm("\(p).post_attention_layernorm", width: config.hiddenSize, epsilon: epsilon, from: &weights)
        attention = GPTNeoXAttention("\(p).attention", config, &weights)
        mlp = try GPTNeoXMLP("\(p).mlp", config, &weights)
        parallelResidual = config.useParallelResidual
    }

    func callAsFunction(_ x: UnsafePointer<Float>, into out: UnsafeMutablePointer<Float>, rows: Int, sequences: [Range<Int>],
                        rotary: RotaryEmbedding, table: (cos: [Float], sin: [Float]), scratch s: DecoderScratch) {
        let c = attention.dense.outputWidth
        inputNorm(x, into: s.normed, rows: rows)
        attention(s.normed, rows: rows, sequences: sequences, rotary: rotary, table: table, scratch: s)
        attention.dense.withBias { attentionBias in mlp.down.withBias { mlpBias in
            if parallelResidual {
                RowKernels.addRows(x, biases: [attentionBias, mlpBias].compactMap { $0 }, into: out, rows: rows, width: c)
                attention.dense.multiply(s.context, rows: rows, into: out, accumulate: true)
                postAttentionNorm(x, into: s.normed, rows: rows)
            } else {
                RowKernels.addRows(x, biases: [attentionBias].compactMap { $0 }, into: out, rows: rows, width: c)
                attention.dense.multiply(s.context, rows: rows, into: out, accumulate: true)
                postAttentionNorm(out, into: s.normed, rows: rows)
                RowKernels.addRows(out, biases: [mlpBias].compactMap { $0 }, into: out, rows: rows, width: c)
            }
        } }
        mlp.accumulate(s.normed, rows: rows, into: out, scratch: s)
    }

    var parameterCount: Int {
        inputNorm.parameterCount + postAttentionNorm.parameterCount + attention.queryKeyValue.parameterCount
            + attention.dense.parameterCount + mlp.up.parameterCount + mlp.down.parameterCount
    }
}

/// A GPT-NeoX causal language model.
public struct GPTNeoXModel: TransformerModel {
    public let configuration: GPTNeoXConfiguration
    let embedIn: Tensor
    let layers: [GPTNeoXLayer]
    let stack: DecoderStack
    let rotary: RotaryEmbedding
    public var architecture: Architecture { .gptNeoX }

    init(configuration: GPTNeoXConfiguration, weights: inout WeightLoader) throws {
        let c = configuration.hiddenSize, v = configuration.vocabularySize
        self.configuration = configuration
        embedIn = weights.tensor("embed_in.weight", shape: [v, c])
        layers = try (0..<configuration.layerCount).map { try GPTNeoXLayer(index: $0, configuration, &weights) }
        let finalNorm = LayerNorm("final_layer_norm", width: c, epsilon: Float(configuration.layerNormEpsilon), from: &weights)
        let head = configuration.tieWordEmbeddings && !weights.contains("embed_out.weight")
            ? Linear(weight: embedIn, bias: nil, layout: .outputsByInputs)
            : Linear("embed_out", inputs: c, outputs: v, hasBias: false, from: &weights)
        stack = DecoderStack(width: c, layerCount: configuration.layerCount, finalNorm: finalNorm, head: head)
        rotary = RotaryEmbedding(dimensions: configuration.rotaryDimensions, base: configuration.rotaryBase)
    }

    public var summary: ModelSummary {
        let head = stack.head.weight.storageIdentical(to: embedIn) ? 0 : stack.head.parameterCount
        return ModelSummary(architecture: .gptNeoX, layerCount: configuration.layerCount, hiddenSize: configuration.hiddenSize,
                            headCount: configuration.headCount, feedForwardSize: configuration.intermediateSize,
                            vocabularySize: configuration.vocabularySize, maximumLength: configuration.maximumPositions,
                            parameterCount: embedIn.count + layers.map(\.parameterCount).reduce(0, +) + stack.finalNorm.parameterCount + head)
    }

    public func forward(_ batch: TokenBatch, options: ForwardOptions) throws -> ForwardOutput {
        try batch.validate(vocabularySize: configuration.vocabularySize, maximumLength: configuration.maximumPositions)
        let rows = batch.tokenCount, c = configuration.hiddenSize, sequences = batch.ranges
        let scratch = DecoderScratch(rows: rows, width: c, feedForward: configuration.intermediateSize)
        let table = rotary.table(length: sequences.map(\.count).max() ?? 0)
        return stack.run(batch, options: options, embed: { out in
            gatherRows(embedIn, batch.tokenIDs, into: out)
        }, block: { index, x, out in
            layers[index](x, into: out, rows: rows, sequences: sequences, rotary: rotary, table: table, scratch: scratch)
        })
    }
}
