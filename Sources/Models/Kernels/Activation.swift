import Foundation
import Tensors

/// The feed-forward nonlinearity of a transformer, named by `hidden_act` or `activation_function`.
public enum Activation: String, Sendable, CaseIterable {
    /// 0.5·x·(1 + erf(x/√2)), BERT's and Pythia's "gelu".
    case gelu
    /// 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))), GPT-2's "gelu_new" (also "gelu_pytorch_tanh", "gelu_fast").
    case geluTanh
    /// max(0, x).
    case relu

    /// The activation a configuration names.
    /// - Throws: `ModelError.unsupportedFeature` listing the supported names.
    public static func named(_ name: String) throws -> Activation {
        switch name {
        case "gelu": return .gelu
        case "gelu_new", "gelu_pytorch_tanh", "gelu_fast": return .geluTanh
        case "relu": return .relu
        default:
            throw ModelError.unsupportedFeature(feature: "activation \"\(name)\"",
                                                detail: "supported: gelu, gelu_new, gelu_pytorch_tanh, gelu_fast, relu")
        }
    }

    /// The definition, in scalar form with `Foundation`'s erf and tanh: the oracle for the fast path.
    public func reference(_ x: Float) -> Float {
        switch self {
        case .gelu: return geluErf(x)
        case .geluTanh: return 0.5 * x * (1 + tanhf(0.797_884_560_802_865_4 * (x + 0.044_715 * x * x * x)))
        case .relu: return max(0, x)
        }
    }

    /// Sixteen lanes at once (errors against `reference` below 3e-7·|x|).
    @inline(__always)
    func apply(_ x: Float16x) -> Float16x {
        switch self {
        case .gelu: return 0.5 * x * (1 + VectorMath.erf(x * 0.707_106_781_186_547_5))
        case .geluTanh: return 0.5 * x * (1 + VectorMath.tanh(0.797_884_560_802_865_4 * (x + 0.044_715 * x * x * x)))
        case .relu: return x.replacing(with: 0, where: x .< 0)
        }
    }

    /// data[r, j] ← act(data[r, j] + bias[j]) for a [rows, width] matrix, in parallel over rows:
    /// the bias and the nonlinearity in one pass over memory.
    /// - Complexity: O(rows · width).
    func addBiasAndApply(_ data: UnsafeMutablePointer<Float>, rows: Int, width: Int, bias: UnsafePointer<Float>?) {
        Parallel.forRanges(rows, minimumChunk: 16) { range in
            for row in range {
                let x = data + row * width
                var j = 0
                while j + 16 <= width {
                    var v = VectorMath.load(x + j)
                    if let bias { v += VectorMath.load(bias + j) }
                    VectorMath.store(apply(v), x + j)
                    j += 16
                }
                if j < width {
                    var v = VectorMath.loadPartial(x + j, count: width - j)
                    if let bias { v += VectorMath.loadPartial(bias + j, count: width - j) }
                    VectorMath.storePartial(apply(v), x + j, count: width - j)
                }
            }
        }
    }
}
