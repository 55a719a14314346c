import Foundation
import Tensors

/// The auxiliary (AuxK) path computed densely over the dead latents only, through sgemm.
///
/// When M latents are dead and each row keeps the top A of them, the auxiliary codes are an
/// [N, M] matrix with A non-zeros per row. While M is at most a few times A that matrix is dense
/// enough that BLAS on it beats row gathers, and it still touches only the M dead latents of F:
///   forward:  Ê = Z·W_dec[dead]                 ([N, M]·[M, D])
///   backward: dZ = dÊ·W_dec[dead]ᵀ, dA = dZ·[z > 0]
///             dW_dec[dead] += Zᵀ·dÊ,  dW_enc[dead] += dAᵀ·U,  db_enc[dead] += Σ_i dA
/// The result equals the sparse path (`SparseDecoder`, `LatentGradients`
/// on the same codes) up to float rounding; the tests check one against the other.
///
/// Shapes: Z, dZ [N, M]; W_dec[dead] gathered into [M, D]; Ê, dÊ, U [N, D].
enum DeadSubsetAuxiliary {
    /// Copies rows `dead` of `weight` ([F, D]) into `output` ([M, D]).
    static func gatherRows(_ weight: UnsafePointer<Float>, dead: UnsafeBufferPointer<Int32>, width: Int, output: UnsafeMutablePointer<Float>) {
        for (j, latent) in dead.enumerated() { (output + j * width).update(from: weight + Int(latent) * width, count: width) }
    }

    /// Ê = Z·W_dec[dead].
    static func forward(codes: UnsafePointer<Float>, rows: Int, dead: Int, decoderRows: UnsafePointer<Float>, width: Int,
                        output: UnsafeMutablePointer<Float>) {
        BLAS.sgemm(transposeA: false, transposeB: false, m: rows, n: width, k: dead, alpha: 1,
                   a: codes, lda: dead, b: decoderRows, ldb: width, beta: 0, c: output, ldc: width)
    }

    /// dA = (dÊ·W_dec[dead]ᵀ)·[z > 0], written into `codeGradient` ([N, M]).
    static func codeBackward(outputGradient: UnsafePointer<Float>, rows: Int, dead: Int, decoderRows: UnsafePointer<Float>, width: Int,
                             codes: UnsafePointer<Float>, codeGradient: UnsafeMutablePointer<Float>) {
        BLAS.sgemm(transposeA: false, transposeB: true, m: rows, n: dead, k: width, alpha: 1,
                   a: outputGradient, lda: width, b: decoderRows, ldb: width, beta: 0, c: codeGradient, ldc: dead)
        Parallel.forRanges(rows * dead, minimumChunk: 65_536) { range in
            for i in range where codes[i] <= 0 { codeGradient[i] = 0 }
        }
    }

    /// Adds Zᵀ·dÊ into the decoder-gradient rows, dAᵀ·U into the encoder-gradient rows and the
    /// column sums of dA into the encoder-bias gradient of the dead latents. `scratch` holds [M, D].
    static func weightBackward(codes: UnsafePointer<Float>, codeGradient: UnsafePointer<Float>, rows: Int, dead: UnsafeBufferPointer<Int32>,
                               outputGradient: UnsafePointer<Float>, encoderInput: UnsafePointer<Float>, width: Int,
                               scratch: UnsafeMutablePointer<Float>, decoderGradient: UnsafeMutablePointer<Float>,
                               encoderGradient: UnsafeMutablePointer<Float>, encoderBiasGradient: UnsafeMutablePointer<Float>) {
        let m = dead.count
        BLAS.sgemm(transposeA: true, transposeB: false, m: m, n: width, k: rows, alpha: 1,
                   a: codes, lda: m, b: outputGradient, ldb: width, beta: 0, c: scratch, ldc: width)
        scatterAdd(scratch, dead: dead, width: width, into: decoderGradient)
        BLAS.sgemm(transposeA: true, transposeB: false, m: m, n: width, k: rows, alpha: 1,
                   a: codeGradient, lda: m, b: encoderInput, ldb: width, beta: 0, c: scratch, ldc: width)
        scatterAdd(scratch, dead: dead, width: width, into: encoderGradient)
        scratch.update(repeating: 0, count: m)
        RowSums.add(codeGradient, rows: rows, width: m, scale: 1, into: scratch)
        for (j, latent) in dead.enumerated() { encoderBiasGradient[Int(latent)] += scratch[j] }
    }

    /// Adds row j of `rows` ([M, D]) into row dead[j] of `target` ([F, D]).
    private static func scatterAdd(_ rows: UnsafePointer<Float>, dead: UnsafeBufferPointer<Int32>, width: Int, into target: UnsafeMutablePointer<Float>) {
        Parallel.forRanges(dead.count, minimumChunk: 32) { range in
            for j in range { VectorKernels.axpy(target + Int(dead[j]) * width, 1, rows + j * width, width) }
        }
    }
}
