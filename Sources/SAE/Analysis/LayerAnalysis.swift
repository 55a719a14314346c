import Foundation

/// Both layer analyses of an SAE, computed in one pass over the activations.
public struct LayerAnalysisResult: Sendable, Equatable {
    /// p(l) per latent, pooled over tokens.
    public let distributions: LayerDistributions
    /// The aggregate-versus-single-token contrast.
    public let contrast: TokenLayerContrast
    /// Tokens analysed.
    public let tokens: Int
}

/// Which latents live at which layers.
public enum LayerAnalysis {
    /// Encodes every layer of `tokens` (default: all) and collects the layer distributions and the
    /// token contrast. A latent is active on an example when its activation is positive.
    /// - Parameter minimumShare: share of p̄ a layer needs to count as one of a latent's layers (0.1).
    /// - Throws: `SAEError.activationMismatch`, `.outOfRange`, read errors.
    public static func analyze(_ sae: SparseAutoencoder, on activations: some MultiLayerActivations, tokens: Range<Int>? = nil,
                               minimumShare: Double = 0.1) throws -> LayerAnalysisResult {
        let range = tokens ?? 0..<activations.tokenCount
        var accumulator = LayerAccumulator(layers: activations.layerCount, latents: sae.latentCount)
        try TokenBlocks.forEach(sae, activations, tokens: range, reconstruct: false) { accumulator.add($0) }
        return accumulator.result(layerNumbers: activations.layerNumbers, tokens: range.count, minimumShare: minimumShare)
    }
}

/// Sums behind the layer analyses, accumulated token by token in order.
struct LayerAccumulator {
    let layers: Int, latents: Int
    var counts: [Int], totals: [Double]
    /// [F · L] Σ over active tokens of p_t(l).
    var tokenShares: [Double]
    var tokenVariance: [Double], tokenLayers: [Double], activeTokens: [Int]
    private var entries: [(latent: Int32, layer: Int, value: Float)] = []

    init(layers: Int, latents: Int) {
        self.layers = layers
        self.latents = latents
        counts = [Int](repeating: 0, count: layers * latents)
        totals = [Double](repeating: 0, count: layers * latents)
        tokenShares = [Double](repeating: 0, count: layers * latents)
        tokenVariance = [Double](repeating: 0, count: latents)
        tokenLayers = tokenVariance
        activeTokens = [Int](repeating: 0, count: latents)
    }

    mutating func add(_ block: EncodedBlock) {
        let codes = block.codes
        for token in block.tokens {
            entries.removeAll(keepingCapacity: true)
            for layer in 0..<layers {
                let row = block.row(token: token, layer: layer)
                for slot in 0..<codes.width where codes.value(row, slot) > 0 {
                    let latent = codes.indices[row * codes.width + slot], value = codes.value(row, slot)
                    entries.append((latent, layer, value))
                    counts[layer * latents + Int(latent)] += 1
                    totals[layer * latents + Int(latent)] += Double(value)
                }
            }
            entries.sort { $0.latent < $1.latent || ($0.latent == $1.latent && $0.layer < $1.layer) }
            var start = 0
            while start < entries.count {
                var end = start
                while end < entries.count && entries[end].latent == entries[start].latent { end += 1 }
                addToken(entries[start..<end])
                start = end
            }
        }
    }

    /// One token's activations of one latent (its entries at one or more layers).
    private mutating func addToken(_ group: ArraySlice<(latent: Int32, layer: Int, value: Float)>) {
        let latent = Int(group.first!.latent)
        let total = group.reduce(0.0) { $0 + Double($1.value) }
        var p = [Double](repeating: 0, count: layers)
        for entry in group { p[entry.layer] = Double(entry.value) / total }
        for layer in 0..<layers { tokenShares[latent * layers + layer] += p[layer] }
        tokenVariance[latent] += LayerMoments.variance(p)
        tokenLayers[latent] += Double(group.count)
        activeTokens[latent] += 1
    }

    func result(layerNumbers: [Int], tokens: Int, minimumShare: Double) -> LayerAnalysisResult {
        var aggregateVariance = [Double](repeating: .nan, count: latents), meanTokenVariance = aggregateVariance
        var aggregateLayers = [Int](repeating: 0, count: latents), meanTokenLayers = [Double](repeating: .nan, count: latents)
        for latent in 0..<latents where activeTokens[latent] > 0 {
            let n = Double(activeTokens[latent])
            let shares = (0..<layers).map { tokenShares[latent * layers + $0] / n }
            aggregateVariance[latent] = LayerMoments.variance(shares)
            meanTokenVariance[latent] = tokenVariance[latent] / n
            aggregateLayers[latent] = shares.filter { $0 >= minimumShare }.count
            meanTokenLayers[latent] = tokenLayers[latent] / n
        }
        let distributions = LayerDistributions(layerNumbers: layerNumbers, latentCount: latents, counts: counts, totals: totals)
        let contrast = TokenLayerContrast(activeTokens: activeTokens, aggregateVariance: aggregateVariance, meanTokenVariance: meanTokenVariance,
                                          aggregateLayers: aggregateLayers, meanTokenLayers: meanTokenLayers, minimumShare: minimumShare)
        return LayerAnalysisResult(distributions: distributions, contrast: contrast, tokens: tokens)
    }
}
