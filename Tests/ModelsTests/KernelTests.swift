import Foundation
import Testing
import Tensors
import TestSupport
@testable import Models

/// The fast kernels against their definitions (Foundation math, Double loops).
@Suite struct KernelTests {
    /// Applies a 16-lane function to many points of [low, high] and returns the worst error.
    func worstError(_ low: Float, _ high: Float, relative: Bool, _ fast: (Float16x) -> Float16x, _ exact: (Double) -> Double) -> Double {
        var worst = 0.0
        let steps = 200_000
        for start in stride(from: 0, to: steps, by: 16) {
            var x = Float16x()
            for lane in 0..<16 { x[lane] = low + (high - low) * Float(start + lane) / Float(steps) }
            let y = fast(x)
            for lane in 0..<16 {
                let reference = exact(Double(x[lane]))
                let error = abs(Double(y[lane]) - reference) / (relative ? max(abs(reference), 1e-30) : 1)
                worst = max(worst, error)
            }
        }
        return worst
    }

    @Test func vectorExpIsWithinTwoUlps() {
        let worst = worstError(-87, 88, relative: true, VectorMath.exp, Foundation.exp)
        #expect(worst < 2.5e-7, "worst relative error \(worst)")
        var below = VectorMath.exp(Float16x(repeating: -1000))
        #expect(below.max() < 1e-37 && below.min() >= 0)
        below = VectorMath.exp(Float16x(repeating: 0))
        #expect(below == Float16x(repeating: 1))
    }

    @Test func vectorErfAndTanhAreWithinAFewUlps() {
        let erfError = worstError(-6, 6, relative: false, VectorMath.erf, Foundation.erf)
        #expect(erfError < 3.5e-7, "worst erf error \(erfError)")
        let tanhError = worstError(-12, 12, relative: false, VectorMath.tanh, Foundation.tanh)
        #expect(tanhError < 2.5e-7, "worst tanh error \(tanhError)")
    }

    @Test(arguments: Activation.allCases)
    func biasAndActivationMatchesDefinition(activation: Activation) {
        var rng = SeededRNG(seed: 7)
        for width in [5, 16, 37] {
            let rows = 9
            let input = Tensor.randomNormal([rows, width], std: 3, rng: &rng)
            let bias = Tensor.randomNormal([width], rng: &rng)
            var fast = input
            fast.withUnsafeMutableBufferPointer { data in bias.withUnsafeBufferPointer { b in
                activation.addBiasAndApply(data.baseAddress!, rows: rows, width: width, bias: b.baseAddress!)
            } }
            let reference = Tensor(shape: [rows, width]) { out in
                for r in 0..<rows { for j in 0..<width { out[r * width + j] = activation.reference(input[r, j] + bias[j]) } }
            }
            #expect(mismatch(fast, reference, tolerance: 5e-6) == nil, "\(activation) width \(width)")
        }
    }

    @Test func layerNormWithBiasAndResidualMatchesDoubleReference() {
        var rng = SeededRNG(seed: 8)
        for width in [7, 16, 384] {
            let rows = 5
            let x = Tensor.randomNormal([rows, width], mean: 2, std: 3, rng: &rng)
            let residual = Tensor.randomNormal([rows, width], rng: &rng)
            let bias = Tensor.randomNormal([width], rng: &rng)
            let gamma = Tensor.randomNormal([width], mean: 1, std: 0.1, rng: &rng), beta = Tensor.randomNormal([width], rng: &rng)
            var fast = Tensor(zeros: [rows, width])
            x.withUnsafeBufferPointer { xp in residual.withUnsafeBufferPointer { rp in bias.withUnsafeBufferPointer { bp in
                gamma.withUnsafeBufferPointer { g in beta.withUnsafeBufferPointer { b in fast.withUnsafeMutableBufferPointer { out in
                    RowKernels.layerNorm(xp.baseAddress!, bias: bp.baseAddress!, residual: rp.baseAddress!, into: out.baseAddress!,
                                         rows: rows, width: width, gamma: g.baseAddress!, beta: b.baseAddress!, epsilon: 1e-12)
                } } }
            } } }
            var summed = x + residual
            for r in 0..<rows { for j in 0..<width { summed[r, j] += bias[j] } }
            let reference = summed.layerNormRows(gamma: gamma, beta: beta, eps: 1e-12)
            #expect(mismatch(fast, reference, tolerance: 2e-6) == nil, "width \(width)")
        }
    }

    /// Attention by its definition, in Double, from [T, C] Q, K, V.
    func naiveAttention(q: Tensor, k: Tensor, v: Tensor, heads: Int, sequences: [Range<Int>], causal: Bool) -> Tensor {
        let width = q.shape[1], d = width / heads
        var context = Tensor(zeros: q.shape)
        for rows in sequences {
            for h in 0..<heads {
                for i in rows {
                    let visible = causal ? rows.lowerBound...i : rows.lowerBound...(rows.upperBound - 1)
                    let scores = visible.map { j in (0..<d).reduce(0.0) { $0 + Double(q[i, h * d + $1]) * Double(k[j, h * d + $1]) } / Double(d).squareRoot() }
                    let top = scores.max()!
                    let weights = scores.map { Foundation.exp($0 - top) }
                    let total = weights.reduce(0, +)
                    for c in 0..<d {
                        context[i, h * d + c] = Float(zip(visible, weights).reduce(0.0) { $0 + $1.1 * Double(v[$1.0, h * d + c]) } / total)
                    }
                }
            }
        }
        return context
    }

    @Test(arguments: [false, true])
    func packedAttentionMatchesDefinition(causal: Bool) {
        var rng = SeededRNG(seed: 9)
        let heads = 3, d = 8, width = heads * d
        let sequences = [0..<5, 5..<6, 6..<23, 23..<30]
        let q = Tensor.randomNormal([30, width], rng: &rng), k = Tensor.randomNormal([30, width], rng: &rng)
        let v = Tensor.randomNormal([30, width], rng: &rng)
        var context = Tensor(zeros: [30, width])
        q.withUnsafeBufferPointer { qp in k.withUnsafeBufferPointer { kp in v.withUnsafeBufferPointer { vp in
            context.withUnsafeMutableBufferPointer { out in
                Attention.compute(query: HeadMatrix(base: qp.baseAddress!, headStride: d, rowStride: width),
                                  key: HeadMatrix(base: kp.baseAddress!, headStride: d, rowStride: width),
                                  value: HeadMatrix(base: vp.baseAddress!, headStride: d, rowStride: width),
                                  heads: heads, headWidth: d, sequences: sequences, causal: causal,
                                  scale: 1 / Float(d).squareRoot(), context: out.baseAddress!, contextStride: width)
            }
        } } }
        let reference = naiveAttention(q: q, k: k, v: v, heads: heads, sequences: sequences, causal: causal)
        #expect(mismatch(context, reference, tolerance: 1e-5) == nil)
    }

    @Test func rotaryMatchesRotateHalfDefinition() {
        var rng = SeededRNG(seed: 10)
        let heads = 2, d = 8, rotary = RotaryEmbedding(dimensions: 4, base: 10000)
        let input = Tensor.randomNormal([7, heads * d], rng: &rng)
        var rotated = input
        let table = rotary.table(length: 5)
        rotated.withUnsafeMutableBufferPointer { x in
            rotary.apply(x.baseAddress!, rowStride: heads * d, headStride: d, heads: heads, sequences: [0..<5, 5..<7], table: table)
        }
        for (row, position) in [(0, 0), (3, 3), (4, 4), (5, 0), (6, 1)] {
            for h in 0..<heads {
                for i in 0..<2 {
                    let angle = Double(position) * pow(10000, -Double(2 * i) / 4)
                    let a = Double(input[row, h * d + i]), b = Double(input[row, h * d + i + 2])
                    #expect(abs(Double(rotated[row, h * d + i]) - (a * cos(angle) - b * sin(angle))) < 1e-5)
                    #expect(abs(Double(rotated[row, h * d + i + 2]) - (b * cos(angle) + a * sin(angle))) < 1e-5)
                }
                for i in 4..<d { #expect(rotated[row, h * d + i] == input[row, h * d + i], "dimensions past R are untouched") }
            }
        }
    }

    @Test(arguments: [Linear.Layout.outputsByInputs, .inputsByOutputs])
    func linearProductsMatchNaiveWhetherSplitOrNot(layout: Linear.Layout) {
        var rng = SeededRNG(seed: 12)
        let (inputs, outputs) = (24, 40)
        let weight = Tensor.randomNormal(layout == .outputsByInputs ? [outputs, inputs] : [inputs, outputs], rng: &rng)
        let bias = Tensor.randomNormal([outputs], rng: &rng)
        let linear = Linear(weight: weight, bias: bias, layout: layout)
        for rows in [3, 300] {   // 300 rows are split over the threads when there are several
            let x = Tensor.randomNormal([rows, inputs], rng: &rng)
            var y = Tensor(zeros: [rows, outputs])
            x.withUnsafeBufferPointer { xp in y.withUnsafeMutableBufferPointer { yp in linear(xp.baseAddress!, rows: rows, into: yp.baseAddress!) } }
            var reference = naiveMatmul(x, weight, transposeB: layout == .outputsByInputs)
            for r in 0..<rows { for j in 0..<outputs { reference[r, j] += bias[j] } }
            #expect(mismatch(y, reference, tolerance: 1e-4) == nil, "\(layout) rows \(rows)")
        }
    }
}
