import Foundation
import Tensors

/// Reconstruction metrics of one layer (or their mean over layers).
public struct LayerMetrics: Codable, Sendable, Equatable {
    /// Model layer number (nil for the mean over layers).
    public var layer: Int?
    /// Fraction of variance unexplained: MSE / the unbiased variance of all the layer's input
    /// elements (mlsae `LayerwiseFVU`, over the whole evaluation set instead of per batch).
    public var fvu: Double
    /// Mean squared error per element, on the inputs' own scale.
    public var mse: Double
    /// Mean number of latents per example with an activation above the firing threshold.
    public var l0: Double
    /// Mean sum of latent activations per example.
    public var l1: Double
    /// Fraction of latents that are dead at this layer (for the mean: dead at every layer — a
    /// latent is live when it fires at any layer, as mlsae's `DeadLatents`).
    public var deadFraction: Double
    /// Mean cosine similarity of each input with its reconstruction (zero vectors skipped).
    public var cosineSimilarity: Double

    enum CodingKeys: String, CodingKey {
        case layer, fvu, mse, l0, l1
        case deadFraction = "dead_fraction"
        case cosineSimilarity = "cosine_similarity"
    }
}

/// The result of `SAEMetrics.evaluate`; encodes to `{"layers": [...], "mean": {...}}`.
public struct SAEEvaluation: Codable, Sendable, Equatable {
    /// One entry per layer of the activation set.
    public var layers: [LayerMetrics]
    /// Means over layers (the dead fraction: latents dead at every layer).
    public var mean: LayerMetrics
    /// Tokens evaluated.
    public var tokens: Int
    /// The dead-latent window used, in tokens.
    public var deadTokens: Int

    enum CodingKeys: String, CodingKey {
        case layers, mean, tokens
        case deadTokens = "dead_tokens"
    }
}

/// Evaluation of an SAE on activations: FVU, MSE, L0, L1, dead fraction and cosine similarity per
/// layer and averaged.
public enum SAEMetrics {
    /// Evaluates `sae` on `tokens` (default: all) of `activations`.
    /// - Parameters:
    ///   - deadTokens: the dead-latent window. A latent is dead (at a layer, or overall) when it
    ///     fired on fewer than tokens / deadTokens of the evaluated tokens — with fewer tokens than
    ///     the window (the usual case), when it never fired. Default: the reference's 10 million.
    ///   - threshold: an activation above this counts as firing, for L0 and dead latents (1e-3).
    ///   - afterBlock: called with the number of tokens evaluated so far after each block of
    ///     tokens (for a progress bar); what it throws (a cancellation) ends the evaluation.
    /// - Throws: `SAEError.activationMismatch`, `.outOfRange`, `.invalidConfiguration`, read
    ///   errors, or what `afterBlock` throws.
    public static func evaluate(_ sae: SparseAutoencoder, on activations: some MultiLayerActivations, tokens: Range<Int>? = nil,
                                deadTokens: Int = 10_000_000, threshold: Float = 1e-3,
                                afterBlock: (_ tokensDone: Int) throws -> Void = { _ in }) throws -> SAEEvaluation {
        guard deadTokens >= 1 else { throw SAEError.invalidConfiguration("dead_tokens \(deadTokens) must be positive") }
        let range = tokens ?? 0..<activations.tokenCount
        var accumulator = MetricAccumulator(layers: activations.layerCount, latents: sae.latentCount)
        try TokenBlocks.forEach(sae, activations, tokens: range, reconstruct: true) { block in
            accumulator.add(block, threshold: threshold)
            try afterBlock(block.tokens.upperBound - range.lowerBound)
        }
        return accumulator.result(tokens: range.count, deadTokens: deadTokens, layerNumbers: activations.layerNumbers)
    }
}

/// Sums behind the metrics, accumulated block by block (per-row values computed in parallel,
/// added in row order, so the result does not depend on the thread count).
struct MetricAccumulator {
    var rows: [Int], squaredError: [Double], sum: [Double], sumOfSquares: [Double]
    var active: [Double], activation: [Double], cosine: [Double], cosineRows: [Int]
    /// [L, F] number of examples on which each latent fired at each layer.
    var firing: [Int]
    let layers: Int, latents: Int
    var width = 0

    init(layers: Int, latents: Int) {
        self.layers = layers
        self.latents = latents
        rows = [Int](repeating: 0, count: layers)
        squaredError = [Double](repeating: 0, count: layers)
        sum = squaredError; sumOfSquares = squaredError; active = squaredError; activation = squaredError; cosine = squaredError
        cosineRows = rows
        firing = [Int](repeating: 0, count: layers * latents)
    }

    mutating func add(_ block: EncodedBlock, threshold: Float) {
        let forward = block.forward, width = forward.width, k = forward.k, count = block.rows
        self.width = width
        // Per row: squared error, Σx, Σx², active count, Σz, cosine (NaN when undefined).
        var perRow = [Double](repeating: 0, count: count * 6)
        perRow.withUnsafeMutableBufferPointer { stats in
            let base = stats.baseAddress!
            Parallel.forRanges(count, minimumChunk: 32) { range in
                for row in range {
                    let x = forward.input.pointer + row * width, r = forward.reconstruction.pointer + row * width
                    var error = 0.0, s = 0.0, ss = 0.0, rr = 0.0, xr = 0.0
                    for j in 0..<width {
                        let xv = Double(x[j]), rv = Double(r[j])
                        error += (rv - xv) * (rv - xv); s += xv; ss += xv * xv; rr += rv * rv; xr += xv * rv
                    }
                    var on = 0.0, total = 0.0
                    for slot in 0..<k {
                        let z = forward.codeValues.pointer[row * k + slot]
                        if z > threshold { on += 1 }
                        total += Double(z)
                    }
                    let stride = 6 * row
                    base[stride] = error; base[stride + 1] = s; base[stride + 2] = ss
                    base[stride + 3] = on; base[stride + 4] = total
                    base[stride + 5] = ss > 0 && rr > 0 ? xr / (ss * rr).squareRoot() : .nan
                }
            }
        }
        for row in 0..<count {
            let layer = row % layers, stride = 6 * row
            rows[layer] += 1
            squaredError[layer] += perRow[stride]; sum[layer] += perRow[stride + 1]; sumOfSquares[layer] += perRow[stride + 2]
            active[layer] += perRow[stride + 3]; activation[layer] += perRow[stride + 4]
            if !perRow[stride + 5].isNaN { cosine[layer] += perRow[stride + 5]; cosineRows[layer] += 1 }
            for slot in 0..<k where forward.codeValues.pointer[row * k + slot] > threshold {
                firing[layer * latents + Int(forward.codeIndices.pointer[row * k + slot])] += 1
            }
        }
    }

    func result(tokens: Int, deadTokens: Int, layerNumbers: [Int]) -> SAEEvaluation {
        let minimum = Double(tokens) / Double(deadTokens)
        var perLayer: [LayerMetrics] = []
        var anyLayer = [Int](repeating: 0, count: latents)
        for layer in 0..<layers {
            let n = Double(rows[layer]), elements = n * Double(width)
            let variance = elements > 1 ? (sumOfSquares[layer] - sum[layer] * sum[layer] / elements) / (elements - 1) : 0
            let mse = elements > 0 ? squaredError[layer] / elements : 0
            var dead = 0
            for f in 0..<latents {
                let count = firing[layer * latents + f]
                anyLayer[f] += count
                if Double(count) < minimum { dead += 1 }
            }
            perLayer.append(LayerMetrics(layer: layerNumbers[layer], fvu: variance > 0 ? mse / variance : .nan, mse: mse,
                                         l0: active[layer] / n, l1: activation[layer] / n, deadFraction: Double(dead) / Double(latents),
                                         cosineSimilarity: cosineRows[layer] > 0 ? cosine[layer] / Double(cosineRows[layer]) : .nan))
        }
        let deadOverall = anyLayer.filter { Double($0) < minimum }.count
        func average(_ key: KeyPath<LayerMetrics, Double>) -> Double { perLayer.reduce(0) { $0 + $1[keyPath: key] } / Double(layers) }
        let mean = LayerMetrics(layer: nil, fvu: average(\.fvu), mse: average(\.mse), l0: average(\.l0), l1: average(\.l1),
                                deadFraction: Double(deadOverall) / Double(latents), cosineSimilarity: average(\.cosineSimilarity))
        return SAEEvaluation(layers: perLayer, mean: mean, tokens: tokens, deadTokens: deadTokens)
    }
}
