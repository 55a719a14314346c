import Foundation
import Synchronization
import Testing
import Tensors
@testable import Brain

/// Stopping a multi-layer run: by default nothing is returned; with `.keepCompletedLayers` the
/// layers scored before the stop are returned, marked incomplete, with a warning naming the rest.
@Suite struct CancellationTests {
    /// Three "layers", each a different random [S, F] matrix.
    struct ThreeLayers: StimulusFeatures {
        let layers: [Tensor]
        var stimulusCount: Int { layers[0].shape[0] }
        var layerNames: [String] { ["a", "b", "c"] }
        func features(layer: Int, pooling: StimulusPooling) throws -> Tensor { layers[layer] }
    }

    static func setUp() throws -> (ThreeLayers, BrainResponses) {
        var rng = SeededRNG(seed: 4)
        let layers = (0..<3).map { _ in Tensor.randomNormal([30, 3], rng: &rng) }
        let responses = try BrainResponses(matrix: Tensor.randomNormal([30, 4], rng: &rng))
        return (ThreeLayers(layers: layers), responses)
    }

    /// Cancelled once `stopAfter` layer × subject units were reported.
    static func control(stopAfter units: Int) -> RunControl {
        let done = Mutex(0)
        return RunControl(progress: { completed, _ in done.withLock { $0 = completed } },
                          isCancelled: { done.withLock { $0 } >= units })
    }

    @Test func keepsTheLayersCompletedBeforeTheStop() throws {
        let (features, responses) = try Self.setUp()
        let full = try BrainScorer.score(features: features, responses: responses, options: BrainScoreOptions())
        #expect(full.isComplete && full.layers.count == 3)
        let partial = try BrainScorer.score(features: features, responses: responses, options: BrainScoreOptions(),
                                            control: Self.control(stopAfter: 2), onCancel: .keepCompletedLayers)
        #expect(!partial.isComplete)
        #expect(partial.layers.map(\.name) == ["a", "b"])
        #expect(partial.layers == Array(full.layers.prefix(2)), "the kept layers are the ones a full run computes")
        #expect(partial.warnings == ["stopped after 2 of 3 layers; not scored: c"])
    }

    @Test func throwsWhenNoLayerWasCompletedOrWhenAskedTo() throws {
        let (features, responses) = try Self.setUp()
        #expect(throws: BrainError.cancelled) {
            try BrainScorer.score(features: features, responses: responses, options: BrainScoreOptions(),
                                  control: Self.control(stopAfter: 0), onCancel: .keepCompletedLayers)
        }
        #expect(throws: BrainError.cancelled) {
            try BrainScorer.score(features: features, responses: responses, options: BrainScoreOptions(), control: Self.control(stopAfter: 2))
        }
    }
}
