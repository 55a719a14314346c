import Foundation

/// The six norms of a flattened [S, A, S′] array x, as the STARC reference computes them:
/// plain (Σ|x|^p)^(1/p) and max|x|, and τ-weighted (Σ τ|x|^p)^(1/p) and max τ|x|.
enum LpMeasure: Int, CaseIterable, Sendable {
    case l1, l2, linf, wl1, wl2, wlinf
}

/// How coefficient vectors stand for [S, A, S′] arrays, with the weights that give the six norms
/// of the array from the coefficients without expanding it.
///
/// A canonical reward is x(s, a, s′) = y(i) · v(s, a, s′) where i runs over the coefficients:
/// - dense: one coefficient per entry (v = 1);
/// - per state–action with a profile: i = (s, a) and v(s, a, ·) a fixed non-negative profile,
///   1 for rewards constant in s′ (C_VAL, weighted minimal) or τ(s, a, ·)/‖τ(s, a, ·)‖₂ (minimal).
/// Then Σ|x|^p = Σ_i |y_i|^p · Σ_s′ v^p and max|x| = max_i |y_i| · max_s′ v, and likewise with τ.
struct CoefficientLayout: Sendable {
    /// Number of coefficients.
    let count: Int
    /// Number of [S, A, S′] entries the coefficients stand for.
    let entries: Int
    /// Per-coefficient weights for l1, l2 (of squares), linf, wl1, wl2 (of squares), wlinf.
    let weights: [[Double]]
    /// The profile v(s, a, ·) of each coefficient's block, [count, blockLength], or nil for dense.
    let profile: [Double]?
    /// S′ entries per coefficient (1 for dense, S for per-state–action).
    let blockLength: Int

    /// One coefficient per entry, weighted by τ in the weighted norms.
    static func dense(transition: [Double]) -> CoefficientLayout {
        let ones = [Double](repeating: 1, count: transition.count)
        return CoefficientLayout(count: transition.count, entries: transition.count,
                                 weights: [ones, ones, ones, transition, transition, transition], profile: nil, blockLength: 1)
    }

    /// One coefficient per (s, a) multiplying the profile `profile` [S·A, S′] of that block.
    static func perStateAction(profile: [Double], transition: [Double], states: Int) -> CoefficientLayout {
        let rows = transition.count / states
        var weights = [[Double]](repeating: [Double](repeating: 0, count: rows), count: 6)
        for row in 0..<rows {
            var sums = [Double](repeating: 0, count: 6)
            for next in 0..<states {
                let v = profile[row * states + next], tau = transition[row * states + next]
                sums[0] += v; sums[1] += v * v; sums[2] = max(sums[2], v)
                sums[3] += tau * v; sums[4] += tau * v * v; sums[5] = max(sums[5], tau * v)
            }
            for k in 0..<6 { weights[k][row] = sums[k] }
        }
        return CoefficientLayout(count: rows, entries: transition.count, weights: weights, profile: profile, blockLength: states)
    }

    /// The [S, A, S′] array that coefficients `y` stand for.
    func expand(_ y: [Double]) -> [Double] {
        guard let profile else { return y }
        var values = [Double](repeating: 0, count: entries)
        for i in 0..<count { for j in 0..<blockLength { values[i * blockLength + j] = y[i] * profile[i * blockLength + j] } }
        return values
    }
}

/// The six norms of one array, accumulated in one pass.
struct LpSummary: Sendable {
    var sums = [Double](repeating: 0, count: 6)

    /// The value of `measure`: roots taken for the 1- and 2-norms.
    func value(_ measure: LpMeasure) -> Double {
        switch measure {
        case .l1, .wl1, .linf, .wlinf: return sums[measure.rawValue]
        case .l2, .wl2: return sums[measure.rawValue].squareRoot()
        }
    }

    /// The six norms of α·a + β·b (coefficient vectors in `layout`); b may be nil for α·a.
    /// - Complexity: O(count), one pass, no allocation besides the result.
    static func of(_ alpha: Double, _ a: [Double], _ beta: Double, _ b: [Double]?, layout: CoefficientLayout) -> LpSummary {
        var l1 = 0.0, l2 = 0.0, linf = 0.0, wl1 = 0.0, wl2 = 0.0, wlinf = 0.0
        let w = layout.weights
        a.withUnsafeBufferPointer { pa in (b ?? a).withUnsafeBufferPointer { pb in
            w[0].withUnsafeBufferPointer { w1 in w[1].withUnsafeBufferPointer { w2 in w[2].withUnsafeBufferPointer { wi in
            w[3].withUnsafeBufferPointer { v1 in w[4].withUnsafeBufferPointer { v2 in w[5].withUnsafeBufferPointer { vi in
                let betaEffective = b == nil ? 0 : beta
                for i in 0..<layout.count {
                    let x = alpha * pa[i] + betaEffective * pb[i]
                    let magnitude = abs(x), square = x * x
                    l1 += magnitude * w1[i]; l2 += square * w2[i]; linf = max(linf, magnitude * wi[i])
                    wl1 += magnitude * v1[i]; wl2 += square * v2[i]; wlinf = max(wlinf, magnitude * vi[i])
                }
            } } } } } }
        } }
        return LpSummary(sums: [l1, l2, linf, wl1, wl2, wlinf])
    }
}

/// Sums that determine the Pearson correlation of the arrays of two coefficient vectors and of
/// any linear combinations of them: Σx, Σy, Σx², Σxy, Σy² over the [S, A, S′] entries.
struct PearsonSums: Sendable {
    var a = 0.0, b = 0.0, aa = 0.0, ab = 0.0, bb = 0.0
    let entries: Double

    /// The sums for coefficient vectors `a` and `b` in `layout` (its l1 and l2 weights are Σv and Σv²).
    init(_ a: [Double], _ b: [Double], layout: CoefficientLayout) {
        entries = Double(layout.entries)
        let (sumV, sumV2) = (layout.weights[0], layout.weights[1])
        for i in 0..<layout.count {
            self.a += a[i] * sumV[i]; self.b += b[i] * sumV[i]
            aa += a[i] * a[i] * sumV2[i]; ab += a[i] * b[i] * sumV2[i]; bb += b[i] * b[i] * sumV2[i]
        }
    }

    /// Pearson distance √((1 − ρ)/2) between the array of a and that of (1 − t)·a + t·b.
    /// A constant array has no correlation: the distance is 0 when both are constant and √½
    /// (ρ taken as 0) when one is.
    func distanceToInterpolation(_ t: Double) -> Double {
        let (u, v) = (1 - t, t)
        let sumY = u * a + v * b
        let sumYY = u * u * aa + 2 * u * v * ab + v * v * bb
        let sumXY = u * aa + v * ab
        let n = entries
        let varX = aa / n - (a / n) * (a / n), varY = sumYY / n - (sumY / n) * (sumY / n)
        let covariance = sumXY / n - (a / n) * (sumY / n)
        let tiny = 1e-12 * max(aa / n, sumYY / n, Double.leastNormalMagnitude)
        let constantX = varX <= tiny, constantY = varY <= tiny
        if constantX && constantY { return 0 }
        if constantX || constantY { return (0.5).squareRoot() }
        let rho = min(1, max(-1, covariance / (varX * varY).squareRoot()))
        return (0.5 * (1 - rho)).squareRoot()
    }
}
