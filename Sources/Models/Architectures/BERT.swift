import Foundation
import Tensors

// BERT encoder, a port of Hugging Face `transformers/models/bert/modeling_bert.py` (`BertModel`):
// post-LN blocks, GELU, absolute positions. RoBERTa is the same network with other position ids
// (RoBERTa.swift). Shapes: T packed tokens, C hidden, H heads of width D, F feed-forward width.
//
//     x₀     = LN(word[id] + type[tt] + position[p])
//     a      = Attention(x Wq + bq, x Wk + bk, x Wv + bv) Wo + bo
//     h      = LN(a + x)
//     x'     = LN(GELU(h W₁ + b₁) W₂ + b₂ + h)

/// Self-attention of one layer: context = softmax(QKᵀ/√D) V per head, before the output projection.
/// The checkpoint's query, key and value matrices are stacked once at load into one [3C, C]
/// projection, so each layer packs its input for BLAS once instead of three times.
struct BertSelfAttention: Sendable {
    let queryKeyValue: Linear
    let heads: Int, headWidth: Int

    init(_ prefix: String, _ config: BertConfiguration, _ weights: inout WeightLoader) {
        let c = config.hiddenSize
        let parts = ["query", "key", "value"].map { Linear("\(prefix).\($0)", inputs: c, outputs: c, from: &weights) }
        queryKeyValue = Linear(weight: Tensor.concatenateRows(parts.map(\.weight)),
                               bias: Tensor.concatenateRows(parts.map { $0.bias! }), layout: .outputsByInputs)
        heads = config.headCount
        headWidth = c / heads
    }

    /// context [T, C] from x [T, C]; the [T, 3C] projection goes to scratch.
    func callAsFunction(_ x: UnsafePointer<Float>, rows: Int, sequences: [Range<Int>], scratch s: BertScratch) {
        let c = heads * headWidth
        queryKeyValue(x, rows: rows, into: s.queryKeyValue)
        Attention.compute(query: HeadMatrix(base: s.queryKeyValue, headStride: headWidth, rowStride: 3 * c),
                          key: HeadMatrix(base: s.queryKeyValue + c, headStride: headWidth, rowStride: 3 * c),
                          value: HeadMatrix(base: s.queryKeyValue + 2 * c, headStride: headWidth, rowStride: 3 * c),
                          heads: heads, headWidth: headWidth, sequences: sequences, causal: false,
                          scale: 1 / Float(headWidth).squareRoot(), context: s.context, contextStride: c)
    }
}

/// One post-LN encoder block.
struct BertLayer: Sendable {
    let attention: BertSelfAttention
    let attentionOutput: Linear
    let attentionNorm: LayerNorm
    let intermediate: Linear
    let output: Linear
    let outputNorm: LayerNorm
    let activation: Activation

    init(index: Int, _ config: BertConfiguration, _ weights: inout WeightLoader) throws {
        let p = "encoder.layer.\(index)", c = config.hiddenSize, f = config.intermediateSize
        let epsilon = Float(config.layerNormEpsilon)
        attention = BertSelfAttention("\(p).attention.self", config, &weights)
        attentionOutput = Linear("\(p).attention.output.dense", inputs: c, outputs: c, from: &weights)
        attentionNorm = LayerNorm("\(p).attention.output.LayerNorm", width: c, epsilon: epsilon, from: &weights)
        intermediate = Linear("\(p).intermediate.dense", inputs: c, outputs: f, from: &weights)
        output = Linear("\(p).output.dense", inputs: f, outputs: c, from: &weights)
        outputNorm = LayerNorm("\(p).output.LayerNorm", width: c, epsilon: epsilon, from: &weights)
        activation = try Activation.named(config.hiddenActivation)
    }

    /// out [T, C] = block(x [T, C]).
    func callAsFunction(_ x: UnsafePointer<Float>, into out: UnsafeMutablePointer<Float>, rows: Int,
                        sequences: [Range<Int>], scratch s: BertScratch) {
        attention(x, rows: rows, sequences: sequences, scratch: s)
        attentionOutput.multiply(s.context, rows: rows, into: s.projection)
        attentionOutput.withBias { bias in attentionNorm(s.projection, bias: bias, residual: x, into: s.hidden, rows: rows) }
        intermediate.multiply(s.hidden, rows: rows, into: s.intermediate)
        intermediate.withBias { bias in
            activation.addBiasAndApply(s.intermediate, rows: rows, width: intermediate.outputWidth, bias: bias)
        }
        output.multiply(s.intermediate, rows: rows, into: s.projection)
        output.withBias { bias in outputNorm(s.projection, bias: bias, residual: s.hidden, into: out, rows: rows) }
    }

    var parameterCount: Int {
        [attention.queryKeyValue, attentionOutput, intermediate, output].map(\.parameterCount).reduce(0, +)
            + attentionNorm.parameterCount + outputNorm.parameterCount
    }
}

/// Scratch matrices of one forward pass. Separate allocations below glibc's largest mmap
/// threshold (32 MB), so later passes reuse heap memory instead of faulting in fresh pages.
struct BertScratch {
    let buffers: [ScratchBuffer]
    let queryKeyValue, context, projection, hidden, intermediate: UnsafeMutablePointer<Float>

    init(rows: Int, width: Int, feedForward: Int) {
        buffers = [ScratchBuffer(rows * 3 * width)] + (0..<3).map { _ in ScratchBuffer(rows * width) } + [ScratchBuffer(rows * feedForward)]
        queryKeyValue = buffers[0].pointer
        (context, projection, hidden) = (buffers[1].pointer, buffers[2].pointer, buffers[3].pointer)
        intermediate = buffers[4].pointer
    }
}

/// Word, position and token-type embeddings, summed and normalised.
struct BertEmbeddings: Sendable {
    let word: Tensor, position: Tensor, tokenType: Tensor
    let norm: LayerNorm
    let positions: PositionRule

    init(_ config: BertConfiguration, positions: PositionRule, _ weights: inout WeightLoader) {
        let c = config.hiddenSize
        word = weights.tensor("embeddings.word_embeddings.weight", shape: [config.vocabularySize, c])
        position = weights.tensor("embeddings.position_embeddings.weight", shape: [config.maximumPositions, c])
        tokenType = weights.tensor("embeddings.token_type_embeddings.weight", shape: [config.typeVocabularySize, c])
        norm = LayerNorm("embeddings.LayerNorm", width: c, epsilon: Float(config.layerNormEpsilon), from: &weights)
        self.positions = positions
    }

    /// out [T, C] = LN(word[id] + type[tt] + position[p]), summed in Hugging Face's order.
    func callAsFunction(_ batch: TokenBatch, into out: UnsafeMutablePointer<Float>) {
        let c = word.shape[1]
        let positionIDs = positions.positionIDs(batch)
        word.withUnsafeBufferPointer { w in tokenType.withUnsafeBufferPointer { t in position.withUnsafeBufferPointer { p in
            Parallel.forRanges(batch.tokenCount, minimumChunk: 64) { range in
                for row in range {
                    let target = out + row * c
                    let wordRow = w.baseAddress! + batch.tokenIDs[row] * c
                    let typeRow = t.baseAddress! + batch.typeIDs[row] * c
                    let positionRow = p.baseAddress! + positionIDs[row] * c
                    for j in 0..<c { target[j] = (wordRow[j] + typeRow[j]) + positionRow[j] }
                }
            }
        } } }
        norm(out, into: out, rows: batch.tokenCount)
    }

    var parameterCount: Int { word.count + position.count + tokenType.count + norm.parameterCount }
}

/// A BERT or RoBERTa encoder with its optional pooler.
public struct BertModel: TransformerModel {
    public let configuration: BertConfiguration
    let embeddings: BertEmbeddings
    let layers: [BertLayer]
    /// `pooler.dense`: tanh(W · x[CLS] + b), present in most BERT checkpoints.
    let pooler: Linear?
    public let architecture: Architecture

    init(configuration: BertConfiguration, positions: PositionRule, weights: inout WeightLoader) throws {
        self.configuration = configuration
        embeddings = BertEmbeddings(configuration, positions: positions, &weights)
        layers = try (0..<configuration.layerCount).map { try BertLayer(index: $0, configuration, &weights) }
        let c = configuration.hiddenSize
        pooler = weights.contains("pooler.dense.weight") ? Linear("pooler.dense", inputs: c, outputs: c, from: &weights) : nil
        architecture = positions == .absolute ? .bert : .roberta
    }

    public var summary: ModelSummary {
        ModelSummary(architecture: architecture, layerCount: configuration.layerCount, hiddenSize: configuration.hiddenSize,
                     headCount: configuration.headCount, feedForwardSize: configuration.intermediateSize,
                     vocabularySize: configuration.vocabularySize,
                     maximumLength: embeddings.positions.maximumLength(positionTable: configuration.maximumPositions),
                     parameterCount: embeddings.parameterCount + layers.map(\.parameterCount).reduce(0, +) + (pooler?.parameterCount ?? 0))
    }

    /// Hidden states of a packed batch. Encoders have no language-model head here and their
    /// residual stream is the hidden states themselves (post-LN), returned when asked for.
    public func forward(_ batch: TokenBatch, options: ForwardOptions) throws -> ForwardOutput {
        guard !options.logits else {
            throw ModelError.invalidArgument(name: "logits", detail: "\(architecture.displayName) encoders have no language-model head")
        }
        try batch.validate(vocabularySize: configuration.vocabularySize, maximumLength: summary.maximumLength,
                           typeVocabularySize: configuration.typeVocabularySize)
        // Products split their rows over Parallel's threads themselves (see Linear.multiply).
        return Parallel.withSerialBLAS { encode(batch, options: options) }
    }

    /// The forward loop: embeddings, then each block into a fresh buffer (or a recycled one
    /// whose hidden state was not asked for).
    private func encode(_ batch: TokenBatch, options: ForwardOptions) -> ForwardOutput {
        let rows = batch.tokenCount, c = configuration.hiddenSize
        let sequences = batch.ranges
        let scratch = BertScratch(rows: rows, width: c, feedForward: configuration.intermediateSize)
        var output = ForwardOutput()
        var current = ActivationBuffer(rows: rows, width: c)
        embeddings(batch, into: current.pointer)
        var recycled: ActivationBuffer?
        for index in 0...layers.count {
            if index > 0 {
                let next = recycled ?? ActivationBuffer(rows: rows, width: c)
                layers[index - 1](current.pointer, into: next.pointer, rows: rows, sequences: sequences, scratch: scratch)
                recycled = output.hiddenStates[index - 1] == nil && output.residualStream[index - 1] == nil ? current : nil
                current = next
            }
            if options.hiddenStates.contains(index) { output.hiddenStates[index] = current.tensor }
            if options.residualStream.contains(index) { output.residualStream[index] = current.tensor }
        }
        return output
    }

    /// The pooler output tanh(W · h[first token] + b) of each sequence, [N, C], from the last hidden state.
    /// - Throws: `ModelError.invalidArgument` when the checkpoint has no pooler.
    public func pooled(lastHiddenState: Tensor, batch: TokenBatch) throws -> Tensor {
        guard let pooler else { throw ModelError.invalidArgument(name: "pooler", detail: "this checkpoint has no pooler.dense weights") }
        let first = lastHiddenState.gatherRows(Array(batch.offsets.dropLast()))
        var result = Tensor(zeros: [batch.sequenceCount, configuration.hiddenSize])
        first.withUnsafeBufferPointer { x in result.withUnsafeMutableBufferPointer { y in
            pooler(x.baseAddress!, rows: batch.sequenceCount, into: y.baseAddress!)
        } }
        result.apply(tanhf)
        return result
    }
}
