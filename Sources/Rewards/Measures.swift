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
    /// - Complexity: O(count), one pass in four lanes (a fixed summation order, so results do not
    ///   depend on the caller's thread), no allocation besides the result.
    static func of(_ alpha: Double, _ a: [Double], _ beta: Double, _ b: [Double]?, layout: CoefficientLayout) -> LpSummary {
        let betaEffective = b == nil ? 0 : beta
        return a.withUnsafeBufferPointer { pa in (b ?? a).withUnsafeBufferPointer { pb in
            let (x, y) = (pa.baseAddress!, pb.baseAddress!)
            if layout.profile == nil {
                // Dense: the plain weights are all 1 and the τ-weighted ones are τ.
                return layout.weights[3].withUnsafeBufferPointer { tau in
                    accumulate(alpha, x, betaEffective, y, count: layout.count, plain: nil, weighted: (tau.baseAddress!, tau.baseAddress!, tau.baseAddress!))
                }
            }
            let w = layout.weights
            return w[0].withUnsafeBufferPointer { w1 in w[1].withUnsafeBufferPointer { w2 in w[2].withUnsafeBufferPointer { wi in
                w[3].withUnsafeBufferPointer { v1 in w[4].withUnsafeBufferPointer { v2 in w[5].withUnsafeBufferPointer { vi in
                    accumulate(alpha, x, betaEffective, y, count: layout.count, plain: (w1.baseAddress!, w2.baseAddress!, wi.baseAddress!),
                               weighted: (v1.baseAddress!, v2.baseAddress!, vi.baseAddress!))
                } } }
            } } }
        } }
    }

    private typealias Weights = (p1: UnsafePointer<Double>, p2: UnsafePointer<Double>, pInf: UnsafePointer<Double>)

    @inline(__always)
    private static func lanes(_ pointer: UnsafePointer<Double>, _ i: Int) -> SIMD4<Double> {
        UnsafeRawPointer(pointer + i).loadUnaligned(as: SIMD4<Double>.self)
    }

    /// Σ|x|w1, Σx²w2, max|x|w∞ for the plain weights (all 1 when nil) and the weighted ones, x = αa + βb.
    @inline(__always)
    private static func accumulate(_ alpha: Double, _ a: UnsafePointer<Double>, _ beta: Double, _ b: UnsafePointer<Double>,
                                   count: Int, plain: Weights?, weighted: Weights) -> LpSummary {
        var (l1, l2, linf) = (SIMD4<Double>(), SIMD4<Double>(), SIMD4<Double>())
        var (wl1, wl2, wlinf) = (SIMD4<Double>(), SIMD4<Double>(), SIMD4<Double>())
        let (va, vb) = (SIMD4(repeating: alpha), SIMD4(repeating: beta))
        let vectorEnd = count & ~3
        var i = 0
        while i < vectorEnd {
            let x = va * lanes(a, i) + vb * lanes(b, i)
            // Masked selects rather than abs/pointwiseMax, which do not inline here.
            let magnitude = x.replacing(with: -x, where: x .< 0), square = x * x
            if let plain {
                let (m1, mInf) = (magnitude * lanes(plain.p1, i), magnitude * lanes(plain.pInf, i))
                l1 += m1; l2 += square * lanes(plain.p2, i); linf.replace(with: mInf, where: mInf .> linf)
            } else {
                l1 += magnitude; l2 += square; linf.replace(with: magnitude, where: magnitude .> linf)
            }
            let (t1, tInf) = (magnitude * lanes(weighted.p1, i), magnitude * lanes(weighted.pInf, i))
            wl1 += t1; wl2 += square * lanes(weighted.p2, i); wlinf.replace(with: tInf, where: tInf .> wlinf)
            i += 4
        }
        var sums = [l1.sum(), l2.sum(), linf.max(), wl1.sum(), wl2.sum(), wlinf.max()]
        for j in vectorEnd..<count {
            let x = alpha * a[j] + beta * b[j]
            let magnitude = abs(x), square = x * x
            sums[0] += magnitude * (plain?.p1[j] ?? 1); sums[1] += square * (plain?.p2[j] ?? 1)
            sums[2] = max(sums[2], magnitude * (plain?.pInf[j] ?? 1))
            sums[3] += magnitude * weighted.p1[j]; sums[4] += square * weighted.p2[j]; sums[5] = max(sums[5], magnitude * weighted.pInf[j])
        }
        return LpSummary(sums: sums)
    }
}

/// The Pearson distance √((1 − ρ)/2) between the array of a coefficient vector a and that of
/// (1 − t)·a + t·b, for any t, from sums computed once per pair plus one pass per t.
///
/// √((1 − ρ)/2) is half the Euclidean distance between the standardised arrays
/// (x − mean x)/‖x − mean x‖ and the same for y. Measuring that difference directly keeps small
/// distances accurate, where 1 − ρ from sums would lose them to rounding (√ of 1e-16 is 1e-8).
struct PearsonGeometry: Sendable {
    let a: [Double]
    let b: [Double]
    let layout: CoefficientLayout
    /// Σx and Σx² terms over the [S, A, S′] entries: Σa, Σb, Σa², Σab, Σb².
    let sumA: Double, sumB: Double, sumAA: Double, sumAB: Double, sumBB: Double

    /// Precomputes the sums for coefficient vectors `a` and `b` in `layout` (whose l1 and l2
    /// weights are Σ_s′ v and Σ_s′ v², v ≥ 0 the profile).
    init(_ a: [Double], _ b: [Double], layout: CoefficientLayout) {
        self.a = a
        self.b = b
        self.layout = layout
        let (sumV, sumV2) = (layout.weights[0], layout.weights[1])
        var sums = [Double](repeating: 0, count: 5)
        for i in 0..<layout.count {
            sums[0] += a[i] * sumV[i]; sums[1] += b[i] * sumV[i]
            sums[2] += a[i] * a[i] * sumV2[i]; sums[3] += a[i] * b[i] * sumV2[i]; sums[4] += b[i] * b[i] * sumV2[i]
        }
        (sumA, sumB, sumAA, sumAB, sumBB) = (sums[0], sums[1], sums[2], sums[3], sums[4])
    }

    /// The distance between a and (1 − t)·a + t·b. A constant array has no correlation: the
    /// distance is 0 when both are constant and √½ (ρ taken as 0) when one is. An array counts
    /// as constant when its spread is within 1e-7 of its size, or at most
    /// `Canonicaliser.zeroNormThreshold` — the threshold below which norms count as zero, so a
    /// reward whose canonical form is zero up to rounding (a shaped constant) is not correlated
    /// through its rounding noise, which differs between BLAS kernels.
    /// - Complexity: O(coefficients).
    func distanceToInterpolation(_ t: Double) -> Double {
        let (u, v, n) = (1 - t, t, Double(layout.entries))
        let meanX = sumA / n, meanY = (u * sumA + v * sumB) / n
        let squaresY = u * u * sumAA + 2 * u * v * sumAB + v * v * sumBB
        let spreadX = max(0, sumAA - n * meanX * meanX).squareRoot(), spreadY = max(0, squaresY - n * meanY * meanY).squareRoot()
        let tiny = max(1e-7 * max(sumAA, squaresY, Double.leastNormalMagnitude).squareRoot(), Canonicaliser.zeroNormThreshold)
        let constantX = spreadX <= tiny, constantY = spreadY <= tiny
        if constantX && constantY { return 0 }
        if constantX || constantY { return (0.5).squareRoot() }
        // z = x/σx − y/σy = α·a + β·b in coefficients, minus the constant c = meanX/σx − meanY/σy.
        let alpha = 1 / spreadX - u / spreadY, beta = -v / spreadY, c = meanX / spreadX - meanY / spreadY
        var squares = 0.0, linear = 0.0
        let (sumV, sumV2) = (layout.weights[0], layout.weights[1])
        for i in 0..<layout.count {
            let z = alpha * a[i] + beta * b[i]
            squares += z * z * sumV2[i]
            linear += z * sumV[i]
        }
        return max(0, squares - 2 * c * linear + n * c * c).squareRoot() / 2
    }
}
