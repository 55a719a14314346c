import Foundation
import Tensors

/// Unit-norm decoder rows and the matching gradient projection (Gao et al. 2024; mlsae
/// `unit_norm_decoder` and `unit_norm_decoder_gradient`).
///
/// With ‖w_f‖ = 1 kept as a constraint, the gradient of the loss L(w/‖w‖) at a unit-norm w is
/// (I − w wᵀ)·∇L: the component of the gradient along w is removed before the optimizer step, and
/// the rows are renormalised after it. (mlsae renormalises and projects after the backward, before
/// the step; here the step is followed by renormalisation, so the decoder is unit-norm at every
/// forward pass and when saved. The projection sees the same unit-norm rows either way.)
///
/// Shapes: W_dec, dW_dec [F, D].
enum DecoderNormalization {
    /// Scales each row to unit Euclidean norm (norm accumulated in Double); all-zero rows stay
    /// zero, and rows whose norm is within `tolerance` of 1 are left untouched.
    static func normalizeRows(_ weight: UnsafeMutablePointer<Float>, rows: Int, width: Int, tolerance: Double = 0) {
        Parallel.forRanges(rows, minimumChunk: 64) { range in
            for row in range {
                let w = weight + row * width
                var squares = 0.0
                for j in 0..<width { squares += Double(w[j]) * Double(w[j]) }
                guard squares > 0, abs(squares.squareRoot() - 1) > tolerance else { continue }
                let scale = Float(1 / squares.squareRoot())
                for j in 0..<width { w[j] *= scale }
            }
        }
    }

    /// g_f ← g_f − ⟨g_f, w_f⟩·w_f for every row f (w_f of unit norm), in parallel.
    static func projectRows(_ gradient: UnsafeMutablePointer<Float>, onto weight: UnsafePointer<Float>, rows: Int, width: Int) {
        Parallel.forRanges(rows, minimumChunk: 64) { range in
            for row in range { projectRow(gradient + row * width, onto: weight + row * width, width: width) }
        }
    }

    /// g ← g − ⟨g, w⟩·w for one row, with w of unit norm.
    @inline(__always)
    static func projectRow(_ gradient: UnsafeMutablePointer<Float>, onto weight: UnsafePointer<Float>, width: Int) {
        let dot = VectorKernels.dot(gradient, weight, width)
        if dot != 0 { VectorKernels.axpy(gradient, -dot, weight, width) }
    }
}
