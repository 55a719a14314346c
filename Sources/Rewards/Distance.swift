import Foundation

/// STARC distances: d(R1, R2) = m(s(R1), s(R2)) with s(R) = c(R) / n(c(R)) (s(R) = c(R) when
/// n(c(R)) is zero or the norm is `none`), and the Pearson distance √((1 − ρ)/2) of c(R1), c(R2).
extension Canonicaliser {
    /// Norms at or below this are treated as zero, so a reward equivalent to zero is not blown up
    /// to unit norm from rounding noise (the threshold evaluating-rewards uses).
    public static let zeroNormThreshold = 1e-10

    /// The distance between two rewards of this MDP under one variant.
    /// - Throws: `RewardsError.rewardOfAnotherMDP` when either reward belongs to another MDP.
    /// - Complexity: that of the canonicalisation, plus O(S²A).
    public func distance(_ first: Reward, _ second: Reward, variant: Variant) throws -> Double {
        try distances(first, second, variants: [variant])[0]
    }

    /// Distances under several variants, canonicalising each reward once per canonicalisation.
    /// - Returns: one distance per variant, in order.
    /// - Throws: `RewardsError.rewardOfAnotherMDP`.
    public func distances(_ first: Reward, _ second: Reward, variants: [Variant]) throws -> [Double] {
        try mdp.check(first)
        try mdp.check(second)
        var result = [Double](repeating: 0, count: variants.count)
        var cache: [Canonicalisation: (CanonicalReward, CanonicalReward)] = [:]
        for (index, variant) in variants.enumerated() {
            let c = variant.canonicalisation
            if cache[c] == nil { cache[c] = (try canonicalise(first, c), try canonicalise(second, c)) }
            let (a, b) = cache[c]!
            result[index] = Canonicaliser.distance(a.coefficients, b.coefficients, layout: a.layout, norm: variant.norm, metric: variant.metric)
        }
        return result
    }

    /// The distance between coefficient vectors a and b of one layout.
    static func distance(_ a: [Double], _ b: [Double], layout: CoefficientLayout, norm: Norm, metric: Metric) -> Double {
        guard let measure = metric.measure else { return PearsonGeometry(a, b, layout: layout).distanceToInterpolation(1) }
        let scaleA = normalisingScale(norm.measure.map { LpSummary.of(1, a, 0, nil, layout: layout).value($0) })
        let scaleB = normalisingScale(norm.measure.map { LpSummary.of(1, b, 0, nil, layout: layout).value($0) })
        return LpSummary.of(scaleA, a, -scaleB, b, layout: layout).value(measure)
    }

    /// 1/n, or 1 when there is no norm or it is (numerically) zero.
    static func normalisingScale(_ norm: Double?) -> Double {
        guard let norm, norm > zeroNormThreshold else { return 1 }
        return 1 / norm
    }
}
