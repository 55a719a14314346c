import Foundation

/// Where each latent's activation mass lies across layers (mlsae `analysis/dists.py`): per latent
/// the distribution p(l) ∝ Σ of its activations at layer l, its mean layer and standard deviation.
/// Layers are indexed 0..<L (positions in the activation set).
public struct LayerDistributions: Sendable, Equatable {
    /// Model layer number of each position.
    public let layerNumbers: [Int]
    /// F.
    public let latentCount: Int
    /// [L · F] number of examples on which each latent was active (row-major by layer).
    public let counts: [Int]
    /// [L · F] sum of each latent's activations at each layer.
    public let totals: [Double]

    /// L.
    public var layerCount: Int { layerNumbers.count }

    /// p(l) for `latent`, or nil when it was never active.
    public func probabilities(latent: Int) -> [Double]? {
        let mass = (0..<layerCount).map { totals[$0 * latentCount + latent] }
        let total = mass.reduce(0, +)
        return total > 0 ? mass.map { $0 / total } : nil
    }

    /// Σ_l l·p(l), or nil when never active.
    public func meanLayer(latent: Int) -> Double? {
        probabilities(latent: latent).map { LayerMoments.mean($0) }
    }

    /// √(Σ_l l²·p(l) − mean²), or nil when never active.
    public func layerStandardDeviation(latent: Int) -> Double? {
        probabilities(latent: latent).map { LayerMoments.variance($0).squareRoot() }
    }

    /// The latents that were active, sorted by mean layer (ties by index): the row order of the
    /// latents × layers heatmap.
    public func latentsByMeanLayer() -> [Int] {
        var keyed: [(latent: Int, mean: Double)] = []
        for latent in 0..<latentCount {
            if let mean = meanLayer(latent: latent) { keyed.append((latent, mean)) }
        }
        keyed.sort { $0.mean < $1.mean || ($0.mean == $1.mean && $0.latent < $1.latent) }
        return keyed.map(\.latent)
    }

    /// Mean and standard deviation over active latents of the layer standard deviation, in layers
    /// and as a fraction of L (mlsae `get_stats`, which skips never-active latents as NaN).
    public var summary: LayerSpreadSummary {
        let spreads = (0..<latentCount).compactMap { layerStandardDeviation(latent: $0) }
        let mean = spreads.isEmpty ? Double.nan : spreads.reduce(0, +) / Double(spreads.count)
        let variance = spreads.isEmpty ? Double.nan : spreads.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(spreads.count)
        return LayerSpreadSummary(activeLatents: spreads.count, meanLayerStd: mean, stdLayerStd: variance.squareRoot(),
                                  meanLayerStdFraction: mean / Double(layerCount), stdLayerStdFraction: variance.squareRoot() / Double(layerCount))
    }
}

/// Summary statistics of the per-latent layer standard deviation.
public struct LayerSpreadSummary: Codable, Sendable, Equatable {
    /// Latents active at least once.
    public var activeLatents: Int
    /// Mean over active latents of the layer standard deviation (in layers).
    public var meanLayerStd: Double
    /// Standard deviation (population) over active latents of the layer standard deviation.
    public var stdLayerStd: Double
    /// `meanLayerStd` / L.
    public var meanLayerStdFraction: Double
    /// `stdLayerStd` / L.
    public var stdLayerStdFraction: Double
}

/// Moments of a distribution over layer positions 0..<L.
enum LayerMoments {
    static func mean(_ p: [Double]) -> Double {
        var total = 0.0
        for (layer, share) in p.enumerated() { total += Double(layer) * share }
        return total
    }

    static func variance(_ p: [Double]) -> Double {
        var second = 0.0
        for (layer, share) in p.enumerated() { second += Double(layer * layer) * share }
        let m = mean(p)
        return Swift.max(0, second - m * m)
    }
}
