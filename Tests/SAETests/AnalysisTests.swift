import Foundation
import Testing
import Tensors
@testable import SAE

/// Layer analyses on constructed inputs with known answers (`HandMadeSAEs.layeredData`).
@Suite struct AnalysisTests {
    func analysis() throws -> LayerAnalysisResult {
        try LayerAnalysis.analyze(HandMadeSAEs.oneHot(layers: [2, 4, 6]), on: HandMadeSAEs.layeredData())
    }

    @Test func layerDistributionsMatchHandComputedMoments() throws {
        let d = try analysis().distributions
        #expect(d.probabilities(latent: 0) == [1, 0, 0])
        #expect(d.probabilities(latent: 1) == [0, 0.5, 0.5])
        let p2 = try #require(d.probabilities(latent: 2))
        for (a, b) in zip(p2, [1.0 / 3, 1.0 / 6, 0.5]) { #expect(abs(a - b) < 1e-12) }
        #expect(d.meanLayer(latent: 0) == 0 && d.layerStandardDeviation(latent: 0) == 0)
        #expect(d.meanLayer(latent: 1) == 1.5 && d.layerStandardDeviation(latent: 1) == 0.5)
        #expect(abs(d.meanLayer(latent: 2)! - 7.0 / 6) < 1e-12)
        #expect(abs(d.layerStandardDeviation(latent: 2)! - 29.0.squareRoot() / 6) < 1e-12)
        #expect(abs(d.meanLayer(latent: 3)! - 5.0 / 3) < 1e-12 && abs(d.layerStandardDeviation(latent: 3)! - (2.0 / 9).squareRoot()) < 1e-12)
        #expect(d.counts[0 * 4 + 2] == 2 && d.counts[2 * 4 + 2] == 1)
        #expect(d.latentsByMeanLayer() == [0, 2, 1, 3])
        let stds = [0, 0.5, 29.0.squareRoot() / 6, (2.0 / 9).squareRoot()]
        let mean = stds.reduce(0, +) / 4
        let summary = d.summary
        #expect(summary.activeLatents == 4 && abs(summary.meanLayerStd - mean) < 1e-12)
        #expect(abs(summary.meanLayerStdFraction - mean / 3) < 1e-12)
        #expect(abs(summary.stdLayerStd - (stds.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / 4).squareRoot()) < 1e-12)
    }

    @Test func tokenContrastSeparatesAggregateFromSingleToken() throws {
        let c = try analysis().contrast
        #expect(c.activeTokens == [2, 2, 2, 2])
        #expect(c.aggregateVariance[0] == 0 && c.meanTokenVariance[0] == 0 && c.ratio[0].isNaN)
        // Latents 1 and 3 sit at one layer per token but at two in aggregate.
        #expect(c.aggregateVariance[1] == 0.25 && c.meanTokenVariance[1] == 0 && c.ratio[1] == 0)
        #expect(c.aggregateLayers[1] == 2 && c.meanTokenLayers[1] == 1)
        // Latent 2: p_t = (¼, 0, ¾) and (½, ½, 0); p̄ = (⅜, ¼, ⅜).
        #expect(abs(c.meanTokenVariance[2] - 0.5) < 1e-12 && abs(c.aggregateVariance[2] - 0.75) < 1e-12)
        #expect(abs(c.ratio[2] - 2.0 / 3) < 1e-12 && c.aggregateLayers[2] == 3 && c.meanTokenLayers[2] == 2)
        #expect(c.multiLayerInAggregateSingleLayerPerToken == [1, 3])
        let s = c.summary
        #expect(s.activeLatents == 4 && abs(s.meanAggregateVariance - 0.3125) < 1e-12 && abs(s.meanTokenVariance - 0.125) < 1e-12)
        #expect(abs(s.varianceRatio - 0.4) < 1e-12 && s.multiLayerInAggregate == 3 && s.singleLayerPerToken == 2)
    }

    @Test func singlePromptRestrictsTheTokens() throws {
        // The second document alone (tokens 2..<4): latents 0 and 1 never fire there.
        let result = try LayerAnalysis.analyze(HandMadeSAEs.oneHot(layers: [2, 4, 6]), on: HandMadeSAEs.layeredData(), tokens: 2..<4)
        #expect(result.distributions.probabilities(latent: 0) == nil && result.tokens == 2)
        #expect(result.distributions.latentsByMeanLayer() == [2, 3])
    }

    @Test func residualGeometryOfKnownVectors() throws {
        // Layer means: (0, 0), (0, 1), (0, 0). Centred, layers 0→1 are parallel, 1→2 orthogonal.
        let data = try InMemoryActivations(layers: [Tensor(rows: [[1, 0], [-1, 0]]), Tensor(rows: [[2, 1], [-2, 1]]), Tensor(rows: [[0, 3], [0, -3]])])
        let centred = try ResidualGeometry.measure(data)
        #expect(abs(centred.adjacentCosine[0].mean - 1) < 1e-12 && abs(centred.adjacentCosine[1].mean) < 1e-12)
        #expect(centred.adjacentCosine[0].std < 1e-12)
        #expect(centred.norms[1].mean == 5.0.squareRoot() && centred.norms[2].mean == 3 && centred.norms[0].std == 0)
        let raw = try ResidualGeometry.measure(data, centred: false)
        #expect(abs(raw.adjacentCosine[0].mean - 2 / 5.0.squareRoot()) < 1e-12)
        // (2, 1)·(0, 3) and (−2, 1)·(0, −3): cosines ±1/√5, mean 0, sample std √2/√5.
        #expect(abs(raw.adjacentCosine[1].mean) < 1e-12 && abs(raw.adjacentCosine[1].std - (2.0 / 5).squareRoot()) < 1e-12)
    }

    @Test func maxActivatingExamplesInOrderWithContext() throws {
        let examples = try MaxActivatingExamples.find(HandMadeSAEs.oneHot(layers: [2, 4, 6]), on: HandMadeSAEs.layeredData(),
                                                      latent: 2, count: 3, radius: 1)
        #expect(examples.map { [$0.token, $0.layerIndex] } == [[2, 2], [2, 0], [3, 0]])
        #expect(examples.map(\.activation) == [3, 1, 1] && examples[0].layer == 6)
        let context = try #require(examples[0].context)
        // Radius 1 around token 2 stays inside its document (tokens 2 and 3).
        #expect(context.document == 1 && context.tokens == 2..<4 && context.pieces == ["c", "d"])
        #expect(context.activations == [3, 0] && context.focus == 0)
        let atLayer1 = try MaxActivatingExamples.find(HandMadeSAEs.oneHot(layers: [2, 4, 6]), on: HandMadeSAEs.layeredData(),
                                                      latent: 2, layer: 1)
        #expect(atLayer1.map(\.token) == [3])
        #expect(throws: SAEError.outOfRange("latent 9 is not in 0..<4")) {
            _ = try MaxActivatingExamples.find(HandMadeSAEs.oneHot(layers: [2, 4, 6]), on: HandMadeSAEs.layeredData(), latent: 9)
        }
    }

    @Test func meanMaxCosineSimilarityOfAKnownDictionary() throws {
        let weight = Tensor(rows: [[1, 0], [0.6, 0.8], [0, 1], [-1, 0]])
        let configuration = SAEConfiguration(inputWidth: 2, latentCount: 4, k: 1, layers: [0])
        let sae = try SparseAutoencoder(configuration: configuration, parameters: SAEParameters(
            encoderWeight: weight, decoderWeight: weight, preEncoderBias: Tensor(zeros: [2]), encoderBias: Tensor(zeros: [4])))
        let maxima = DecoderSimilarity.maxCosineSimilarities(sae)
        for (a, b) in zip(maxima, [0.6, 0.8, 0.8, 0] as [Float]) { #expect(abs(a - b) < 1e-6) }
        #expect(abs(DecoderSimilarity.meanMaxCosineSimilarity(sae) - 0.55) < 1e-6)
        #expect(try DecoderSimilarity.maxCosineSimilarities(sae, to: sae).allSatisfy { abs($0 - 1) < 1e-6 })
    }
}
