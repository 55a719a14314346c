import Foundation
import Testing
import Tensors
@testable import SAE

@Suite struct MetricsTests {
    /// Two tokens, two layers; see `HandMadeSAEs.threeDirections`.
    ///   layer 0: (3, 1) → latent 0 at 3 → (3, 0), error² 1;   (0, 2) → latent 1 at 2 → exact.
    ///   layer 1: (−2, −2) → latent 2 at 2√2 → exact;          (1, −1) → latent 0 at 1 → (1, 0), error² 1.
    func handWorked() throws -> (SparseAutoencoder, InMemoryActivations) {
        let data = try InMemoryActivations(layers: [Tensor(rows: [[3, 1], [0, 2]]), Tensor(rows: [[-2, -2], [1, -1]])], layerNumbers: [3, 5])
        return (try HandMadeSAEs.threeDirections(layers: [3, 5]), data)
    }

    @Test func metricsMatchHandComputedValues() throws {
        let (sae, data) = try handWorked()
        let result = try SAEMetrics.evaluate(sae, on: data)
        let (l0, l1) = (result.layers[0], result.layers[1])
        #expect(l0.layer == 3 && l1.layer == 5)
        // MSE 1/4 per layer; variances: {3, 1, 0, 2} → 5/3, {−2, −2, 1, −1} → 2.
        #expect(abs(l0.mse - 0.25) < 1e-7 && abs(l1.mse - 0.25) < 1e-7)
        #expect(abs(l0.fvu - 0.15) < 1e-7 && abs(l1.fvu - 0.125) < 1e-7)
        #expect(l0.l0 == 1 && l1.l0 == 1)
        #expect(abs(l0.l1 - 2.5) < 1e-6 && abs(l1.l1 - (2 * 2.squareRoot() + 1) / 2) < 1e-6)
        #expect(abs(l0.cosineSimilarity - (3 / 10.squareRoot() + 1) / 2) < 1e-6)
        #expect(abs(l1.cosineSimilarity - (1 + 1 / 2.squareRoot()) / 2) < 1e-6)
        // Latent 2 never fires at layer 0, latent 1 never at layer 1; every latent fires somewhere.
        #expect(abs(l0.deadFraction - 1.0 / 3) < 1e-12 && abs(l1.deadFraction - 1.0 / 3) < 1e-12)
        #expect(result.mean.deadFraction == 0 && result.mean.layer == nil)
        #expect(abs(result.mean.fvu - 0.1375) < 1e-7 && result.tokens == 2)
    }

    @Test func exportHasTheLayoutOfTheIssue() throws {
        let (sae, data) = try handWorked()
        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(SAEMetrics.evaluate(sae, on: data))) as? [String: Any]
        let layers = try #require(json?["layers"] as? [[String: Any]])
        #expect(layers.count == 2 && layers[0]["layer"] as? Int == 3)
        #expect(Set(layers[0].keys) == ["layer", "fvu", "mse", "l0", "l1", "dead_fraction", "cosine_similarity"])
        let mean = try #require(json?["mean"] as? [String: Any])
        #expect(mean["layer"] == nil && mean["fvu"] != nil)
    }

    @Test func deadWindowCountsRareLatents() throws {
        let (sae, data) = try handWorked()
        // With a window of 1 token, a latent must fire on ≥ 2/1 = 2 examples: latents 1 and 2
        // fire once each; latent 0 fires twice (layer 0 and layer 1).
        let result = try SAEMetrics.evaluate(sae, on: data, deadTokens: 1)
        #expect(abs(result.mean.deadFraction - 2.0 / 3) < 1e-12)
        #expect(throws: SAEError.outOfRange("tokens 1..<5 are not within the 2 tokens of the activation set")) {
            _ = try SAEMetrics.evaluate(sae, on: data, tokens: 1..<5)
        }
    }

    @Test func afterBlockReportsProgressAndItsErrorStopsTheEvaluation() throws {
        struct Stop: Error {}
        var rng = SeededRNG(seed: 31)
        let layers = (0..<3).map { _ in Tensor.randomUniform([1000, 4], low: 0.1, high: 2, rng: &rng) }
        let data = try InMemoryActivations(layers: layers), sae = try HandMadeSAEs.identity(width: 4, layers: [0, 1, 2])
        var reported: [Int] = []
        let whole = try SAEMetrics.evaluate(sae, on: data) { reported.append($0) }
        // Blocks of 1024 rows / 3 layers = 341 tokens, in order, ending at the token count.
        #expect(reported == [341, 682, 1000])
        #expect(whole == (try SAEMetrics.evaluate(sae, on: data)))
        var calls = 0
        #expect(throws: Stop.self) {
            _ = try SAEMetrics.evaluate(sae, on: data) { _ in calls += 1; throw Stop() }
        }
        #expect(calls == 1)
    }

    @Test func exactAutoencoderHasZeroFVUAndFullCosine() throws {
        var rng = SeededRNG(seed: 30)
        let layers = (0..<3).map { _ in Tensor.randomUniform([50, 4], low: 0.1, high: 2, rng: &rng) }
        let result = try SAEMetrics.evaluate(HandMadeSAEs.identity(width: 4, layers: [0, 1, 2]), on: InMemoryActivations(layers: layers))
        for layer in result.layers {
            #expect(layer.fvu < 1e-12 && abs(layer.cosineSimilarity - 1) < 1e-6 && layer.l0 == 4)
        }
    }

    @Test func encodeAndReconstructAgreeWithTheTrainingForward() throws {
        var rng = SeededRNG(seed: 31)
        let configuration = SAEConfiguration(inputWidth: 8, latentCount: 24, k: 3, layers: [0])
        let sae = try SparseAutoencoder(configuration: configuration, parameters: smallParameters(configuration, seed: 2, encoderBias: true))
        let inputs = Tensor.randomNormal([2000, 8], rng: &rng)  // more than one inference chunk
        let codes = try sae.encode(inputs)
        let reconstruction = try sae.reconstruct(inputs)
        let harness = StepHarness(configuration: configuration, training: TrainingConfiguration(batchSize: 2000, auxK: 0),
                                  parameters: sae.parameters, batch: inputs, layers: [Int](repeating: 0, count: 2000), dead: [])
        harness.run()
        #expect(codes.indices == harness.workspace.codeIndices.array && codes.values == harness.workspace.codeValues.array)
        #expect(reconstruction.scalars == harness.workspace.reconstruction.array)
        #expect(codes.active(row: 0).allSatisfy { $0.activation > 0 })
    }
}

/// ΔCE and KL against a hand-made "model": the residual stream at layer l is embedding + offset_l,
/// and the remaining layers compute logits = M·(R − offset_l), so every clean start gives the same
/// logits, as in a real model.
@Suite struct DownstreamMetricsTests {
    static let embedding: [[Float]] = [[1, 2], [-1, 0.5], [0.3, -2], [2, 1]]
    static let offsets: [[Float]] = [[0.5, -0.5], [1, 1]]
    static let head: [[Float]] = [[1, 0], [0, 1], [1, 1], [-1, 0.5]]  // V = 4

    static var model: ResidualStreamModel { ResidualStreamModel(
        residuals: { tokens in
            offsets.map { offset in Tensor(rows: tokens.map { token in zip(embedding[token], offset).map { $0 + $1 } }) }
        },
        logitsFromLayer: { layer, residual, _ in
            Tensor(rows: (0..<residual.rowCount).map { t in
                let h = (0..<2).map { residual[t, $0] - offsets[layer][$0] }
                return head.map { $0[0] * h[0] + $0[1] * h[1] }
            })
        }) }

    func logSoftmax(_ logits: [Double]) -> [Double] {
        let total = log(logits.reduce(0) { $0 + exp($1) })
        return logits.map { $0 - total }
    }

    @Test func exactReconstructionChangesNothing() throws {
        let result = try DownstreamMetrics.evaluate(HandMadeSAEs.identity(width: 2, layers: [0, 1]), model: Self.model,
                                                    sequences: [[0, 1, 2, 3], [3, 1]])
        for layer in result {
            #expect(abs(layer.deltaLoss) < 1e-6 && abs(layer.klDivergence) < 1e-6 && layer.cleanLoss > 0)
        }
    }

    @Test func afterSequenceReportsProgressAndItsErrorStopsTheDownstreamEvaluation() throws {
        struct Stop: Error {}
        let sae = try HandMadeSAEs.threeDirections(layers: [4, 7])
        let sequences = [[0, 1, 2, 3], [2, 0, 1], [1, 1, 0]]
        var reported: [Int] = []
        let hooked = try DownstreamMetrics.evaluate(sae, model: Self.model, sequences: sequences) { reported.append($0) }
        #expect(reported == [1, 2, 3])
        #expect(hooked == (try DownstreamMetrics.evaluate(sae, model: Self.model, sequences: sequences)))
        var calls = 0
        #expect(throws: Stop.self) {
            _ = try DownstreamMetrics.evaluate(sae, model: Self.model, sequences: sequences) { _ in calls += 1; throw Stop() }
        }
        #expect(calls == 1)
    }

    @Test func deltaLossAndKLMatchADirectComputation() throws {
        let sae = try HandMadeSAEs.threeDirections(layers: [4, 7])
        let sequences = [[0, 1, 2, 3], [2, 0, 1]]
        let result = try DownstreamMetrics.evaluate(sae, model: Self.model, sequences: sequences)
        #expect(result.map(\.layer) == [4, 7])
        for layer in 0..<2 {
            var clean = 0.0, patched = 0.0, kl = 0.0, predicted = 0, positions = 0
            for tokens in sequences {
                let residual = try Self.model.residuals(tokens)[layer]
                let reconstruction = try sae.reconstruct(residual)
                for t in 0..<tokens.count {
                    let h = Self.embedding[tokens[t]].map(Double.init)
                    let r = (0..<2).map { Double(reconstruction[t, $0] - Self.offsets[layer][$0]) }
                    let p = logSoftmax(Self.head.map { Double($0[0]) * h[0] + Double($0[1]) * h[1] })
                    let q = logSoftmax(Self.head.map { Double($0[0]) * r[0] + Double($0[1]) * r[1] })
                    if t + 1 < tokens.count { clean -= p[tokens[t + 1]]; patched -= q[tokens[t + 1]]; predicted += 1 }
                    kl += zip(q, p).reduce(0) { $0 + exp($1.0) * ($1.0 - $1.1) }
                    positions += 1
                }
            }
            #expect(abs(result[layer].cleanLoss - clean / Double(predicted)) < 1e-5)
            #expect(abs(result[layer].deltaLoss - (patched - clean) / Double(predicted)) < 1e-5)
            #expect(abs(result[layer].klDivergence - kl / Double(positions)) < 1e-5)
            #expect(result[layer].deltaLoss != 0 && result[layer].klDivergence > 0)
        }
    }

    @Test func wrongShapesAreReported() throws {
        let broken = ResidualStreamModel(residuals: { _ in [Tensor(zeros: [3, 2])] }, logitsFromLayer: { _, r, _ in r })
        #expect(throws: SAEError.downstreamMismatch("1 residual streams for an SAE reading 2 layers")) {
            _ = try DownstreamMetrics.evaluate(HandMadeSAEs.identity(width: 2, layers: [0, 1]), model: broken, sequences: [[0, 1, 1]])
        }
    }
}
