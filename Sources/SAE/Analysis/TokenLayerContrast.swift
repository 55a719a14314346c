import Foundation

/// The aggregate-versus-single-token contrast of Lawson et al. (2024): a latent can be active at
/// several layers when its activations are pooled over tokens, yet at one layer for any single
/// token (the residual stream "drifts" the feature through layers from token to token).
///
/// For latent f and each token t at which f is active at some layer, p_t(l) = a_t(l) / Σ_l a_t(l).
/// The aggregate distribution is p̄(l) = mean_t p_t(l). Reported per latent: Var_{p̄}(l) (aggregate
/// variance over layers), mean_t Var_{p_t}(l) (mean single-token variance) and their ratio, which
/// lies in [0, 1] by the law of total variance (0: one layer per token; 1: every token spreads as
/// widely as the aggregate). Unlike mlsae's `variances.py`, which averages over all tokens with
/// p_t = 0 where f is inactive, tokens where f is inactive are left out.
public struct TokenLayerContrast: Sendable, Equatable {
    /// Per latent: tokens where it was active at some layer.
    public let activeTokens: [Int]
    /// Per latent: Var over layers of p̄ (NaN when never active).
    public let aggregateVariance: [Double]
    /// Per latent: mean over its active tokens of Var over layers of p_t (NaN when never active).
    public let meanTokenVariance: [Double]
    /// Per latent: number of layers carrying at least `minimumShare` of p̄.
    public let aggregateLayers: [Int]
    /// Per latent: mean over its active tokens of the number of layers it is active at.
    public let meanTokenLayers: [Double]
    /// The share of p̄ a layer needs to count in `aggregateLayers`.
    public let minimumShare: Double

    /// meanTokenVariance / aggregateVariance per latent (NaN when the aggregate variance is 0).
    public var ratio: [Double] {
        zip(meanTokenVariance, aggregateVariance).map { $1 > 0 ? $0 / $1 : .nan }
    }

    /// Latents active at ≥ 2 layers in aggregate (`aggregateLayers`) but, on average, at fewer than
    /// 1.5 layers per token.
    public var multiLayerInAggregateSingleLayerPerToken: [Int] {
        aggregateLayers.indices.filter { aggregateLayers[$0] >= 2 && meanTokenLayers[$0] < 1.5 }
    }

    /// Averages over latents active at least once.
    public var summary: TokenLayerContrastSummary {
        let active = activeTokens.indices.filter { activeTokens[$0] > 0 }
        func mean(_ values: [Double]) -> Double { active.isEmpty ? .nan : active.reduce(0) { $0 + values[$1] } / Double(active.count) }
        let aggregate = mean(aggregateVariance), token = mean(meanTokenVariance)
        let multi = active.filter { aggregateLayers[$0] >= 2 }.count
        return TokenLayerContrastSummary(activeLatents: active.count, meanAggregateVariance: aggregate, meanTokenVariance: token,
                                         varianceRatio: aggregate > 0 ? token / aggregate : .nan, multiLayerInAggregate: multi,
                                         singleLayerPerToken: multiLayerInAggregateSingleLayerPerToken.count)
    }
}

/// Averages of `TokenLayerContrast` over active latents.
public struct TokenLayerContrastSummary: Codable, Sendable, Equatable {
    /// Latents active at least once.
    public var activeLatents: Int
    /// Mean over latents of the aggregate variance over layers.
    public var meanAggregateVariance: Double
    /// Mean over latents of the mean single-token variance over layers.
    public var meanTokenVariance: Double
    /// meanTokenVariance / meanAggregateVariance (the paper's ratio of expectations).
    public var varianceRatio: Double
    /// Latents active at ≥ 2 layers in aggregate.
    public var multiLayerInAggregate: Int
    /// Of those, latents active at fewer than 1.5 layers per token on average.
    public var singleLayerPerToken: Int
}
