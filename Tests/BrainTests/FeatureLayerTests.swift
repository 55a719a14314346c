import Foundation
import Formats
import Testing
import TestSupport
import Tensors
@testable import Brain

/// Per-layer features from an .npz archive, scored layer by layer.
@Suite struct FeatureLayerTests {
    @Test func npzArraysBecomeLayersInArchiveOrder() throws {
        let directory = Fixtures.temporaryDirectory("brain-layers")
        defer { try? FileManager.default.removeItem(at: directory) }
        var rng = SeededRNG(seed: 1)
        let a = Tensor.randomNormal([20, 3], rng: &rng), b = Tensor.randomNormal([20, 5], rng: &rng)
        let column = Tensor((0..<20).map(Float.init), shape: [20])
        let url = directory.appendingPathComponent("layers.npz")
        try NpzFile.write([("embeddings", NpyArray(a)), ("block1", NpyArray(b)), ("norm", NpyArray(column))], to: url)
        let layers = try MatrixFiles.readLayers(url)
        #expect(layers.layerNames == ["embeddings", "block1", "norm"])
        #expect(layers.stimulusCount == 20 && !layers.isPlainMatrix)
        #expect(try layers.features(layer: 1, pooling: .last) == b)
        #expect(try layers.features(layer: 2, pooling: .mean).shape == [20, 1])
        #expect(throws: BrainError.unknownLayer("3", available: ["0 (embeddings)", "1 (block1)", "2 (norm)"])) { try layers.features(layer: 3, pooling: .last) }
        let responses = try BrainResponses(matrix: Tensor.randomNormal([20, 4], rng: &rng))
        var options = BrainScoreOptions()
        options.metric = .cka
        let result = try BrainScorer.score(features: layers, responses: responses, options: options)
        #expect(result.layers.map(\.name) == ["embeddings", "block1", "norm"])
        #expect(abs(result.layers[1].score - (try EncodingScores.cka(features: b, responses: responses.subjects[0].mean))) < 1e-12)
    }

    @Test func layersMustShareTheirStimuli() throws {
        var rng = SeededRNG(seed: 2)
        let a = Tensor.randomNormal([20, 3], rng: &rng), short = Tensor.randomNormal([19, 3], rng: &rng)
        #expect(throws: BrainError.shape("layer b has 19 rows but layer a has 20; every layer needs one row per stimulus")) {
            try FeatureLayers(names: ["a", "b"], matrices: [a, short])
        }
        #expect(throws: BrainError.shape("2 stimulus ids for 20 feature rows")) { try FeatureLayers(names: ["a"], matrices: [a], stimulusIDs: ["x", "y"]) }
        #expect(throws: BrainError.self) { try FeatureLayers(names: [], matrices: []) }
    }
}
