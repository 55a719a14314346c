import Foundation
import Tensors

/// The encoder, pre-activations then TopK + ReLU, forward and backward.
///
/// Forward: U = x̂ − b_pre ([N, D]); A = U·W_encᵀ + b_enc ([N, F]) — one sgemm; the k largest of
/// each row of A are kept and passed through ReLU: z = max(a, 0) ([N, K] sparse codes).
/// Backward, sparse: with dz the gradient of the codes, da = dz·[a > 0] (here); then
/// dW_enc[f] = Σ da_is · U_i and db_enc[f] = Σ da_is (per-latent sums, in `LatentGradients`).
/// Only the K (and A auxiliary) active latents of each row are touched. The input gradient
/// dU is never formed: only its sum over rows is needed, for the pre-encoder bias
/// (`TrainingWorkspace.preEncoderBiasBackward`).
///
/// Shapes: x̂, U [N, D]; W_enc [F, D]; b_pre [D]; b_enc [F]; A [N, F].
enum Encoder {
    /// U = x̂ − b_pre.
    static func centre(_ xHat: UnsafePointer<Float>, rows: Int, width: Int, preBias: UnsafePointer<Float>,
                       output: UnsafeMutablePointer<Float>) {
        Parallel.forRanges(rows, minimumChunk: 64) { range in
            for row in range {
                for j in 0..<width { output[row * width + j] = xHat[row * width + j] - preBias[j] }
            }
        }
    }

    /// The definition of A = U·W_encᵀ + b_enc, in Double accumulation: the oracle for `preActivations`.
    static func referencePreActivations(_ u: UnsafePointer<Float>, rows: Int, width: Int, weight: UnsafePointer<Float>,
                                        bias: UnsafePointer<Float>?, latents: Int, output: UnsafeMutablePointer<Float>) {
        for row in 0..<rows {
            for latent in 0..<latents {
                var total = Double(bias?[latent] ?? 0)
                for j in 0..<width { total += Double(u[row * width + j]) * Double(weight[latent * width + j]) }
                output[row * latents + latent] = Float(total)
            }
        }
    }

    /// A = U·W_encᵀ + b_enc through one sgemm (OpenBLAS threads); `bias` nil means zero.
    /// - Complexity: 2·N·D·F flops.
    static func preActivations(_ u: UnsafePointer<Float>, rows: Int, width: Int, weight: UnsafePointer<Float>,
                               bias: UnsafePointer<Float>?, latents: Int, output: UnsafeMutablePointer<Float>) {
        BLAS.sgemm(transposeA: false, transposeB: true, m: rows, n: latents, k: width, alpha: 1,
                   a: u, lda: width, b: weight, ldb: width, beta: 0, c: output, ldc: latents)
        guard let bias else { return }
        Parallel.forRanges(rows, minimumChunk: 64) { range in
            for row in range {
                let target = output + row * latents
                for latent in 0..<latents { target[latent] += bias[latent] }
            }
        }
    }

    /// Selects the top-k pre-activations of each row and applies ReLU: `preValues` keeps a (for the
    /// ReLU mask in the backward), `codes.values` gets z = max(a, 0).
    static func selectTopK(_ preActivations: UnsafePointer<Float>, rows: Int, latents: Int, codes: SparseCodes,
                           preValues: UnsafeMutablePointer<Float>) {
        let k = codes.width
        Parallel.forRanges(rows, minimumChunk: 16) { range in
            var selector = TopKSelector(capacity: k)
            defer { selector.deallocate() }
            for row in range {
                selector.select(preActivations + row * latents, width: latents, k: k,
                                values: preValues + row * k, indices: codes.indices + row * k)
                for slot in 0..<k { codes.values[row * k + slot] = Swift.max(preValues[row * k + slot], 0) }
            }
        }
    }

    /// da = dz·[a > 0], in place over `gradient` (the ReLU backward; top-k passes gradients
    /// through to the selected entries only).
    static func reluBackward(_ gradient: UnsafeMutablePointer<Float>, preValues: UnsafePointer<Float>, count: Int) {
        for i in 0..<count where preValues[i] <= 0 { gradient[i] = 0 }
    }
}
