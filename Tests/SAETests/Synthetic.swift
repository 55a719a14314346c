import Foundation
import Tensors
@testable import SAE

/// Synthetic multi-layer data with planted sparse features, for tests.
enum Synthetic {
    /// Unit-norm directions with zero mean over their elements (so standardisation keeps them).
    static func directions(_ count: Int, width: Int, rng: inout SeededRNG) -> [[Float]] {
        (0..<count).map { _ in
            var v = (0..<width).map { _ in Float(rng.normal()) }
            let mean = v.reduce(0, +) / Float(width)
            v = v.map { $0 - mean }
            let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
            return v.map { $0 / norm }
        }
    }

    /// Activations where each token at each layer is a sum of 1…maxActive planted directions with
    /// magnitudes in [1, 3); layer l draws from its own window of the feature list.
    static func planted(tokens: Int, layers: Int, width: Int, features: [[Float]], perLayer: Int, maxActive: Int,
                        seed: UInt64) throws -> InMemoryActivations {
        var rng = SeededRNG(seed: seed)
        let stride = layers > 1 ? (features.count - perLayer) / (layers - 1) : 0
        let tensors = (0..<layers).map { layer -> Tensor in
            Tensor(shape: [tokens, width]) { buffer in
                buffer.update(repeating: 0)
                for token in 0..<tokens {
                    let active = 1 + rng.integer(below: maxActive)
                    for choice in rng.sample(active, from: perLayer) {
                        let feature = features[layer * stride + choice]
                        let magnitude = Float(rng.uniform(1, 3))
                        for j in 0..<width { buffer[token * width + j] += magnitude * feature[j] }
                    }
                }
            }
        }
        return try InMemoryActivations(layers: tensors)
    }

    /// Gaussian activations with a per-layer offset and scale.
    static func gaussian(tokens: Int, layers: Int, width: Int, seed: UInt64) throws -> InMemoryActivations {
        var rng = SeededRNG(seed: seed)
        let tensors = (0..<layers).map { layer in
            Tensor.randomNormal([tokens, width], mean: Float(layer) * 0.5, std: 1 + Float(layer), rng: &rng)
        }
        return try InMemoryActivations(layers: tensors)
    }
}
