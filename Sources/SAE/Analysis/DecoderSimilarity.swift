import Foundation
import Tensors

/// Mean max cosine similarity (MMCS) of decoder directions: for each latent, the largest cosine
/// similarity of its decoder row with any other latent's (or with any latent of a second SAE),
/// averaged over latents. Near 1: many duplicated features; mlsae reports it per SAE.
///
/// Within one dictionary the maximum runs over all other latents (mlsae's `figures/mmcs.py` looks
/// only at latents of lower index, through an upper-triangular mask).
public enum DecoderSimilarity {
    /// Rows per sgemm chunk of the cosine matrix.
    static let chunk = 256

    /// Per latent of `sae`, the max cosine similarity with another of its latents.
    public static func maxCosineSimilarities(_ sae: SparseAutoencoder) -> [Float] {
        let rows = unitRows(sae.parameters.decoderWeight)
        return maxCosines(rows, against: rows, width: sae.inputWidth, excludeSelf: true)
    }

    /// Per latent of `sae`, the max cosine similarity with any latent of `other` (same width).
    /// - Throws: `SAEError.activationMismatch` for different input widths.
    public static func maxCosineSimilarities(_ sae: SparseAutoencoder, to other: SparseAutoencoder) throws -> [Float] {
        guard sae.inputWidth == other.inputWidth else {
            throw SAEError.activationMismatch("decoder widths differ: \(sae.inputWidth) and \(other.inputWidth)")
        }
        return maxCosines(unitRows(sae.parameters.decoderWeight), against: unitRows(other.parameters.decoderWeight),
                          width: sae.inputWidth, excludeSelf: false)
    }

    /// The mean of `maxCosineSimilarities(sae)` (MMCS).
    public static func meanMaxCosineSimilarity(_ sae: SparseAutoencoder) -> Double {
        let values = maxCosineSimilarities(sae)
        return values.reduce(0.0) { $0 + Double($1) } / Double(values.count)
    }

    private static func unitRows(_ weight: Tensor) -> Tensor {
        var rows = weight
        rows.withUnsafeMutableBufferPointer { DecoderNormalization.normalizeRows($0.baseAddress!, rows: weight.rowCount, width: weight.rowWidth) }
        return rows
    }

    /// Row maxima of A·Bᵀ in chunks of A's rows, skipping the diagonal when `excludeSelf`.
    private static func maxCosines(_ a: Tensor, against b: Tensor, width: Int, excludeSelf: Bool) -> [Float] {
        let n = a.rowCount, m = b.rowCount
        var result = [Float](repeating: -.infinity, count: n)
        let scratch = Buffer<Float>(zeros: Swift.min(chunk, n) * m)
        a.withUnsafeBufferPointer { pa in b.withUnsafeBufferPointer { pb in
            for start in stride(from: 0, to: n, by: chunk) {
                let rows = Swift.min(chunk, n - start)
                BLAS.sgemm(transposeA: false, transposeB: true, m: rows, n: m, k: width, alpha: 1, a: pa.baseAddress! + start * width,
                           lda: width, b: pb.baseAddress!, ldb: width, beta: 0, c: scratch.pointer, ldc: m)
                for row in 0..<rows {
                    var best = -Float.infinity
                    for column in 0..<m where !(excludeSelf && column == start + row) { best = Swift.max(best, scratch.pointer[row * m + column]) }
                    result[start + row] = best
                }
            }
        } }
        return result
    }
}
