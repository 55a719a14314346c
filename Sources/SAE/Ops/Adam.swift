import Foundation
import Tensors

/// Adam (Kingma & Ba), as `torch.optim.Adam` without weight decay:
///   m ← β₁m + (1 − β₁)g,  v ← β₂v + (1 − β₂)g²,
///   p ← p − (lr / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε),
/// with t the 1-based step count. Every parameter is updated every step (dense moments), as the
/// reference does; the sparse gradients only save work in computing g.
public struct AdamHyperparameters: Codable, Sendable, Equatable {
    /// Learning rate (1e-4 in the reference).
    public var learningRate: Float
    /// β₁ (0.9).
    public var beta1: Float
    /// β₂ (0.999).
    public var beta2: Float
    /// ε (6.25e-10 in the reference, after Gao et al.).
    public var epsilon: Float

    enum CodingKeys: String, CodingKey {
        case learningRate = "learning_rate", beta1, beta2, epsilon
    }

    /// The reference's settings, with an optional learning rate.
    public init(learningRate: Float = 1e-4, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 6.25e-10) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
    }
}

enum Adam {
    /// One update of `count` parameters at 1-based step `step`.
    /// Shapes: parameters, gradient, m, v all [count].
    /// - Complexity: O(count), parallel over fixed ranges (element-wise, so thread-count independent).
    static func update(parameters: UnsafeMutablePointer<Float>, gradient: UnsafePointer<Float>, m: UnsafeMutablePointer<Float>,
                       v: UnsafeMutablePointer<Float>, count: Int, step: Int, settings: AdamHyperparameters) {
        let b1 = settings.beta1, b2 = settings.beta2, eps = settings.epsilon
        let correction1 = 1 - pow(Double(b1), Double(step)), correction2 = 1 - pow(Double(b2), Double(step))
        let stepSize = Float(Double(settings.learningRate) / correction1)
        let rootCorrection2 = Float(correction2.squareRoot())
        Parallel.forRanges(count, minimumChunk: 16_384) { range in
            for i in range {
                let g = gradient[i]
                let mi = b1 * m[i] + (1 - b1) * g
                let vi = b2 * v[i] + (1 - b2) * g * g
                m[i] = mi
                v[i] = vi
                parameters[i] -= stepSize * mi / (vi.squareRoot() / rootCorrection2 + eps)
            }
        }
    }
}
