import Foundation
import Testing
import Tensors
import TestSupport
@testable import SAE

/// Each fast path against its naive definition, and hand-worked values.
@Suite struct KernelTests {
    @Test func standardizationMatchesHandWorkedValues() {
        let x: [Float] = [1, 2, 3, 4]
        var xHat = [Float](repeating: 0, count: 4), mean: [Float] = [0], std: [Float] = [0], back = xHat
        Standardization.forward(input: x, rows: 1, width: 4, enabled: true, epsilon: 1e-5, output: &xHat, mean: &mean, std: &std)
        let sigma = (5.0 / 3.0).squareRoot()  // unbiased: Σ(x − 2.5)² = 5, over D − 1 = 3
        #expect(mean[0] == 2.5)
        #expect(abs(Double(std[0]) - sigma) < 1e-6)
        for j in 0..<4 { #expect(abs(Double(xHat[j]) - (Double(x[j]) - 2.5) / (sigma + 1e-5)) < 1e-6) }
        // The inverse maps back with σ (no ε): r = x̂σ + μ = (x − μ)·σ/(σ + ε) + μ.
        Standardization.inverse(xHat, rows: 1, width: 4, mean: mean, std: std, output: &back)
        for j in 0..<4 { #expect(abs(Double(back[j]) - ((Double(x[j]) - 2.5) * sigma / (sigma + 1e-5) + 2.5)) < 1e-5) }
        // Off: identity, μ = 0, σ = 1.
        Standardization.forward(input: x, rows: 1, width: 4, enabled: false, epsilon: 1e-5, output: &xHat, mean: &mean, std: &std)
        #expect(xHat == x && mean == [0] && std == [1])
    }

    @Test func encoderPreActivationsMatchTheDefinition() {
        var rng = SeededRNG(seed: 1)
        let (n, d, f) = (13, 7, 29)
        let u = Tensor.randomNormal([n, d], rng: &rng).scalars, w = Tensor.randomNormal([f, d], rng: &rng).scalars
        let bias = Tensor.randomNormal([f], rng: &rng).scalars
        var fast = [Float](repeating: 0, count: n * f), slow = fast
        Encoder.preActivations(u, rows: n, width: d, weight: w, bias: bias, latents: f, output: &fast)
        Encoder.referencePreActivations(u, rows: n, width: d, weight: w, bias: bias, latents: f, output: &slow)
        #expect(mismatch(Tensor(fast), Tensor(slow), tolerance: 1e-5) == nil)
    }

    /// Random codes for `rows` rows over `latents`, `width` distinct latents per row.
    func randomCodes(rows: Int, width: Int, latents: Int, rng: inout SeededRNG) -> (indices: [Int32], values: [Float]) {
        var indices: [Int32] = [], values: [Float] = []
        for _ in 0..<rows {
            indices += rng.sample(width, from: latents).map { Int32($0) }
            values += (0..<width).map { _ in max(0, Float(rng.normal())) }
        }
        return (indices, values)
    }

    @Test func sparseDecoderForwardAndBackwardMatchTheDefinitions() {
        var rng = SeededRNG(seed: 2)
        let (n, d, f, k) = (11, 5, 17, 4)
        var (indices, values) = randomCodes(rows: n, width: k, latents: f, rng: &rng)
        let weight = Tensor.randomNormal([f, d], rng: &rng).scalars, bias = Tensor.randomNormal([d], rng: &rng).scalars
        let dy = Tensor.randomNormal([n, d], rng: &rng).scalars
        var fast = [Float](repeating: 0, count: n * d), slow = fast, dz = [Float](repeating: 0, count: n * k)
        indices.withUnsafeMutableBufferPointer { i in values.withUnsafeMutableBufferPointer { v in
            let codes = SparseCodes(rows: n, width: k, indices: i.baseAddress!, values: v.baseAddress!)
            SparseDecoder.forward(codes, weight: weight, width: d, bias: bias, output: &fast)
            SparseDecoder.referenceForward(codes, weight: weight, latents: f, width: d, bias: bias, output: &slow)
            SparseDecoder.codeBackward(codes, weight: weight, width: d, outputGradient: dy, codeGradient: &dz)
        } }
        #expect(mismatch(Tensor(fast), Tensor(slow), tolerance: 1e-5) == nil)
        // dz_is = ⟨W[idx_is], dY_i⟩ by definition.
        for row in 0..<n { for slot in 0..<k {
            let latent = Int(indices[row * k + slot])
            let expected = (0..<d).reduce(0.0) { $0 + Double(weight[latent * d + $1]) * Double(dy[row * d + $1]) }
            #expect(abs(Double(dz[row * k + slot]) - expected) < 1e-5)
        } }
    }

    @Test func latentGradientsMatchTheDenseDefinition() {
        var rng = SeededRNG(seed: 3)
        let (n, d, f) = (9, 6, 13)
        var main = randomCodes(rows: n, width: 3, latents: f, rng: &rng), aux = randomCodes(rows: n, width: 5, latents: f, rng: &rng)
        let dy = Tensor.randomNormal([n, d], rng: &rng).scalars, de = Tensor.randomNormal([n, d], rng: &rng).scalars
        let u = Tensor.randomNormal([n, d], rng: &rng).scalars
        let daMain = Tensor.randomNormal([n, 3], rng: &rng).scalars, daAux = Tensor.randomNormal([n, 5], rng: &rng).scalars
        var fast = ([Float](repeating: 0, count: f * d), [Float](repeating: 0, count: f * d), [Float](repeating: 0, count: f))
        var slow = fast
        let incidence = LatentIncidence(latents: f, capacity: n * 3), auxIncidence = LatentIncidence(latents: f, capacity: n * 5)
        main.indices.withUnsafeMutableBufferPointer { mi in main.values.withUnsafeMutableBufferPointer { mv in
            aux.indices.withUnsafeMutableBufferPointer { ai in aux.values.withUnsafeMutableBufferPointer { av in
                incidence.build(SparseCodes(rows: n, width: 3, indices: mi.baseAddress!, values: mv.baseAddress!))
                auxIncidence.build(SparseCodes(rows: n, width: 5, indices: ai.baseAddress!, values: av.baseAddress!))
                daMain.withUnsafeBufferPointer { dm in daAux.withUnsafeBufferPointer { dax in
                    dy.withUnsafeBufferPointer { pdy in de.withUnsafeBufferPointer { pde in
                        let terms = [
                            LatentGradients.Term(incidence: incidence, decoderCoefficients: mv.baseAddress!, decoderRowGradients: pdy.baseAddress!,
                                                 encoderCoefficients: dm.baseAddress!),
                            LatentGradients.Term(incidence: auxIncidence, decoderCoefficients: av.baseAddress!, decoderRowGradients: pde.baseAddress!,
                                                 encoderCoefficients: dax.baseAddress!),
                        ]
                        LatentGradients.compute(terms, encoderInput: u, width: d, latents: f, encoderGradient: &fast.0,
                                                decoderGradient: &fast.1, encoderBiasGradient: &fast.2)
                        LatentGradients.reference(terms, encoderInput: u, rows: n, width: d, latents: f, encoderGradient: &slow.0,
                                                  decoderGradient: &slow.1, encoderBiasGradient: &slow.2)
                    } }
                } }
            } }
        } }
        #expect(mismatch(Tensor(fast.0), Tensor(slow.0), tolerance: 1e-5) == nil)
        #expect(mismatch(Tensor(fast.1), Tensor(slow.1), tolerance: 1e-5) == nil)
        #expect(mismatch(Tensor(fast.2), Tensor(slow.2), tolerance: 1e-5) == nil)
    }

    @Test func lossesMatchTheirDefinitionsAndFiniteDifferences() {
        var rng = SeededRNG(seed: 4)
        let (n, d) = (8, 5)
        let x = Tensor.randomNormal([n, d], mean: 1, std: 2, rng: &rng).scalars
        var r = Tensor.randomNormal([n, d], mean: 1, std: 2, rng: &rng).scalars
        let layers: [Int32] = [0, 2, 2, 0, 1, 0, 2, 2]  // layer 3 absent: averaged over the 3 present
        var gradient = [Float](repeating: 0, count: n * d)
        let (loss, perLayer) = ReconstructionLoss.forwardBackward(input: x, reconstruction: r, layerOfRow: layers, rows: n, width: d,
                                                                  layerCount: 4, gradient: &gradient)
        #expect(abs(loss - ReconstructionLoss.reference(input: x, reconstruction: r, layerOfRow: layers, rows: n, width: d, layerCount: 4)) < 1e-9)
        #expect(perLayer[3].rows == 0 && perLayer.filter(\.counts).count == 3)
        for index in [0, 7, 23, 39] {
            let original = r[index]
            r[index] = original + 1e-3
            let plus = ReconstructionLoss.reference(input: x, reconstruction: r, layerOfRow: layers, rows: n, width: d, layerCount: 4)
            r[index] = original - 1e-3
            let minus = ReconstructionLoss.reference(input: x, reconstruction: r, layerOfRow: layers, rows: n, width: d, layerCount: 4)
            r[index] = original
            #expect(abs((plus - minus) / 2e-3 - Double(gradient[index])) < 1e-4)
        }

        var prediction = Tensor.randomNormal([n, d], rng: &rng).scalars
        let target = Tensor.randomNormal([n, d], rng: &rng).scalars
        let aux = AuxiliaryLoss.forwardBackward(prediction: prediction, target: target, rows: n, width: d, coefficient: 0.25, gradient: &gradient)
        #expect(abs(aux - AuxiliaryLoss.reference(prediction: prediction, target: target, rows: n, width: d, coefficient: 0.25)) < 1e-9)
        for index in [1, 17, 33] {
            let original = prediction[index]
            prediction[index] = original + 1e-3
            let plus = AuxiliaryLoss.reference(prediction: prediction, target: target, rows: n, width: d, coefficient: 0.25)
            prediction[index] = original - 1e-3
            let minus = AuxiliaryLoss.reference(prediction: prediction, target: target, rows: n, width: d, coefficient: 0.25)
            prediction[index] = original
            #expect(abs((plus - minus) / 2e-3 - Double(gradient[index])) < 1e-4)
        }
    }

    @Test func reconstructionLossOfHandWorkedBatch() {
        // Layer 0 rows (1,1),(3,3): mean 2, unbiased variance 4/3; errors (1, 0, 0, 1): MSE 2/4.
        // Layer 1 row (0, 2): variance 2; error (0, 1): MSE 1/2. Loss = ((1/2)/(4/3) + (1/2)/2) / 2.
        let x: [Float] = [1, 1, 3, 3, 0, 2], r: [Float] = [2, 1, 3, 4, 0, 3]
        let (loss, layers) = ReconstructionLoss.forwardBackward(input: x, reconstruction: r, layerOfRow: [0, 0, 1], rows: 3, width: 2,
                                                               layerCount: 2, gradient: nil)
        #expect(abs(loss - (0.375 + 0.25) / 2) < 1e-12)
        #expect(abs(layers[0].fvu - 0.375) < 1e-12 && abs(layers[1].variance - 2) < 1e-12)
    }

    @Test func adamMatchesHandWorkedSteps() {
        var p: [Float] = [1, -2], m: [Float] = [0, 0], v: [Float] = [0, 0]
        let settings = AdamHyperparameters(learningRate: 0.1, beta1: 0.9, beta2: 0.999, epsilon: 1e-8)
        Adam.update(parameters: &p, gradient: [0.5, -4], m: &m, v: &v, count: 2, step: 1, settings: settings)
        // Step 1: m̂ = g, v̂ = g², so each parameter moves by lr·sign(g).
        #expect(abs(p[0] - 0.9) < 1e-6 && abs(p[1] + 1.9) < 1e-6)
        Adam.update(parameters: &p, gradient: [0.5, 0], m: &m, v: &v, count: 2, step: 2, settings: settings)
        // Step 2, second parameter: m = 0.9·(−0.4) = −0.36, v = 0.999·0.016 = 0.015984;
        // m̂ = −0.36/0.19, v̂ = 0.015984/0.001999; update = 0.1·m̂/(√v̂ + ε).
        let mHat = -0.36 / 0.19, vHat = 0.015984 / (1 - 0.999 * 0.999)
        #expect(abs(Double(p[1]) - (-1.9 - 0.1 * mHat / (vHat.squareRoot() + 1e-8))) < 1e-5)
        #expect(abs(p[0] - 0.8) < 1e-5)
    }

    @Test func decoderNormalizationAndProjection() {
        var w: [Float] = [3, 4, 0, 0, 0, 0]  // second row all zero: left alone
        DecoderNormalization.normalizeRows(&w, rows: 2, width: 3)
        #expect(w == [0.6, 0.8, 0, 0, 0, 0])
        var g: [Float] = [1, 1, 1]
        DecoderNormalization.projectRow(&g, onto: [0.6, 0.8, 0], width: 3)
        #expect(abs(g[0] * 0.6 + g[1] * 0.8) < 1e-6)
        #expect(abs(g[0] - (1 - 1.4 * 0.6)) < 1e-6 && g[2] == 1)
    }

    @Test func exampleOrderIsAPermutationPerEpochAndDeterministic() {
        let order = ExampleOrder(tokens: 37, layers: 3, seed: 5)
        let epoch0 = (0..<111).map { order.example(at: $0) }, epoch1 = (111..<222).map { order.example(at: $0) }
        #expect(Set(epoch0).count == 111 && Set(epoch1).count == 111)
        #expect(epoch0.allSatisfy { $0.token < 37 && $0.layer < 3 })
        #expect(epoch0 != epoch1)
        #expect(epoch0 == (0..<111).map { ExampleOrder(tokens: 37, layers: 3, seed: 5).example(at: $0) })
        #expect(epoch0 != (0..<111).map { ExampleOrder(tokens: 37, layers: 3, seed: 6).example(at: $0) })
        // Layers are shuffled together with tokens, not visited in blocks.
        #expect(Set(epoch0.prefix(12).map(\.layer)).count > 1)
    }
}
