import Foundation
import Tensors

/// The AuxK loss (Gao et al. 2024), forward and backward: the top pre-activations of dead latents
/// reconstruct the main reconstruction's error.
///
///   e_i = x̂_i − y_i  (the error in the standardised space the decoder works in, held constant),
///   ê_i = Σ_s relu(a_is)·W_dec[aux_is]  (auxiliary codes decoded without bias),
///   L_aux = α · Σ_i ‖ê_i − e_i‖² / Σ_i ‖e_i − ē_i‖²,
/// with ē_i the mean of e_i over its D elements — the normalisation of mlsae's `AuxiliaryLoss`
/// (mean squared error over the mean per-token variance of the error). Backward:
/// dê_i = 2α·(ê_i − e_i) / Σ‖e − ē‖².
///
/// Differences from mlsae, which compares the raw-scale error with a standardised-space
/// reconstruction that includes the pre-encoder bias and lets the gradient reach the main
/// reconstruction through e: here, as in OpenAI's and EleutherAI's code, e is a constant target in
/// the decoder's own space and ê has no bias, so the loss trains only the dead latents (and the
/// pre-encoder bias through their encoder input).
///
/// Shapes: e, ê, dê [N, D].
enum AuxiliaryLoss {
    /// The definition in Double.
    static func reference(prediction: UnsafePointer<Float>, target: UnsafePointer<Float>, rows: Int, width: Int,
                          coefficient: Float) -> Double {
        var numerator = 0.0, denominator = 0.0
        for row in 0..<rows {
            var mean = 0.0
            for j in 0..<width { mean += Double(target[row * width + j]) }
            mean /= Double(width)
            for j in 0..<width {
                let e = Double(target[row * width + j])
                numerator += (Double(prediction[row * width + j]) - e) * (Double(prediction[row * width + j]) - e)
                denominator += (e - mean) * (e - mean)
            }
        }
        return denominator > 0 ? Double(coefficient) * numerator / denominator : 0
    }

    /// e = x̂ − Y, the target of the auxiliary reconstruction (a constant of the loss).
    static func target(standardized: UnsafePointer<Float>, decoded: UnsafePointer<Float>, count: Int, output: UnsafeMutablePointer<Float>) {
        Parallel.forRanges(count, minimumChunk: 65_536) { range in
            for i in range { output[i] = standardized[i] - decoded[i] }
        }
    }

    /// The loss; when `gradient` is given, writes dê into it (zeros when the error has no spread).
    /// - Complexity: O(N·D), parallel over rows; sums in row order (deterministic).
    static func forwardBackward(prediction: UnsafePointer<Float>, target: UnsafePointer<Float>, rows: Int, width: Int,
                                coefficient: Float, gradient: UnsafeMutablePointer<Float>?) -> Double {
        let rowSums = UnsafeMutablePointer<Double>.allocate(capacity: 2 * Swift.max(rows, 1))
        defer { rowSums.deallocate() }
        Parallel.forRanges(rows, minimumChunk: 64) { range in
            for row in range {
                let e = target + row * width, p = prediction + row * width
                var mean = 0.0
                for j in 0..<width { mean += Double(e[j]) }
                mean /= Double(width)
                var numerator = 0.0, spread = 0.0
                for j in 0..<width {
                    let d = Double(p[j]) - Double(e[j]), c = Double(e[j]) - mean
                    numerator += d * d; spread += c * c
                }
                rowSums[2 * row] = numerator; rowSums[2 * row + 1] = spread
            }
        }
        var numerator = 0.0, denominator = 0.0
        for row in 0..<rows { numerator += rowSums[2 * row]; denominator += rowSums[2 * row + 1] }
        let scale = denominator > 0 ? Float(2 * Double(coefficient) / denominator) : 0
        if let gradient {
            Parallel.forRanges(rows, minimumChunk: 64) { range in
                for i in (range.lowerBound * width)..<(range.upperBound * width) { gradient[i] = scale * (prediction[i] - target[i]) }
            }
        }
        return denominator > 0 ? Double(coefficient) * numerator / denominator : 0
    }
}
