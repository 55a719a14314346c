import Foundation
import Tensors

/// The sparse codes of a batch regrouped by latent (a CSR transpose): for latent f, the flat
/// slot positions p = row·width + slot of every row that selected f, in row order.
///
/// This turns the scatter-adds of the weight gradients into per-latent sums that threads can
/// compute independently — no atomics, and a result that does not depend on the thread count.
final class LatentIncidence {
    let latents: Int
    /// [F + 1] start of each latent's positions.
    let offsets: Buffer<Int32>
    /// [N·width] slot positions grouped by latent.
    let positions: Buffer<Int32>
    private(set) var width = 0

    init(latents: Int, capacity: Int) {
        self.latents = latents
        offsets = Buffer(repeating: 0, count: latents + 1)
        positions = Buffer(repeating: 0, count: capacity)
    }

    /// Regroups `codes` by latent (counting sort, stable in row order).
    /// - Complexity: O(N·width + F).
    func build(_ codes: SparseCodes) {
        let total = codes.rows * codes.width
        precondition(total <= positions.count, "incidence capacity \(positions.count) < \(total)")
        width = codes.width
        let offset = offsets.pointer
        offset.update(repeating: 0, count: latents + 1)
        for p in 0..<total { offset[Int(codes.indices[p]) + 1] += 1 }
        for f in 0..<latents { offset[f + 1] += offset[f] }
        let cursor = UnsafeMutablePointer<Int32>.allocate(capacity: latents)
        defer { cursor.deallocate() }
        cursor.update(from: offset, count: latents)
        for p in 0..<total {
            let f = Int(codes.indices[p])
            positions.pointer[Int(cursor[f])] = Int32(p)
            cursor[f] += 1
        }
    }

    /// Number of positions of latent `f`.
    @inline(__always) func count(_ f: Int) -> Int { Int(offsets.pointer[f + 1] - offsets.pointer[f]) }
}

/// Gradients of the encoder and decoder weight rows from sparse codes, one latent at a time.
///
/// For each code set (the top-k codes, the auxiliary codes) with decoder coefficients c (the
/// codes z), decoder row gradients G (dY or dÊ), encoder coefficients a (da) and encoder inputs U:
///   dW_dec[f] = Σ c_p · G_row(p),   dW_enc[f] = Σ a_p · U_row(p),   db_enc[f] = Σ a_p,
/// summed over the positions p of latent f.
enum LatentGradients {
    /// One code set's contribution.
    struct Term {
        let incidence: LatentIncidence
        /// [N, width] decoder coefficients (the ReLU'd codes z).
        let decoderCoefficients: UnsafePointer<Float>
        /// [N, D] gradient of the decoder output this code set produced.
        let decoderRowGradients: UnsafePointer<Float>
        /// [N, width] gradient of the pre-activations (da).
        let encoderCoefficients: UnsafePointer<Float>
    }

    /// The definition with dense [F, N] coefficient matrices, in Double: the oracle.
    static func reference(_ terms: [Term], encoderInput: UnsafePointer<Float>, rows: Int, width: Int, latents: Int,
                          encoderGradient: UnsafeMutablePointer<Float>, decoderGradient: UnsafeMutablePointer<Float>,
                          encoderBiasGradient: UnsafeMutablePointer<Float>) {
        var dec = [Double](repeating: 0, count: latents * width), enc = dec
        var bias = [Double](repeating: 0, count: latents)
        for term in terms {
            let incidence = term.incidence
            for f in 0..<latents {
                for e in Int(incidence.offsets.pointer[f])..<Int(incidence.offsets.pointer[f + 1]) {
                    let p = Int(incidence.positions.pointer[e]), row = p / incidence.width
                    let c = Double(term.decoderCoefficients[p]), a = Double(term.encoderCoefficients[p])
                    for j in 0..<width {
                        dec[f * width + j] += c * Double(term.decoderRowGradients[row * width + j])
                        enc[f * width + j] += a * Double(encoderInput[row * width + j])
                    }
                    bias[f] += a
                }
            }
        }
        for i in 0..<(latents * width) { decoderGradient[i] = Float(dec[i]); encoderGradient[i] = Float(enc[i]) }
        for f in 0..<latents { encoderBiasGradient[f] = Float(bias[f]) }
    }

    /// Writes (not adds) every row of the three gradients; latents no row selected get zeros.
    /// - Complexity: O(N·(K + A)·D) plus O(F·D) for zeroing, parallel over latents
    ///   in chunks of balanced work.
    static func compute(_ terms: [Term], encoderInput: UnsafePointer<Float>, width: Int, latents: Int,
                        encoderGradient: UnsafeMutablePointer<Float>, decoderGradient: UnsafeMutablePointer<Float>,
                        encoderBiasGradient: UnsafeMutablePointer<Float>) {
        let chunks = balancedChunks(terms, latents: latents, parts: Parallel.threadCount * 8)
        Parallel.forEach(chunks.count) { chunk in
            for f in chunks[chunk] {
                let dec = decoderGradient + f * width, enc = encoderGradient + f * width
                dec.update(repeating: 0, count: width)
                enc.update(repeating: 0, count: width)
                var biasTotal: Float = 0
                for term in terms {
                    let incidence = term.incidence, codeWidth = incidence.width
                    for e in Int(incidence.offsets.pointer[f])..<Int(incidence.offsets.pointer[f + 1]) {
                        let p = Int(incidence.positions.pointer[e]), row = p / codeWidth
                        let c = term.decoderCoefficients[p]
                        if c != 0 { VectorKernels.axpy(dec, c, term.decoderRowGradients + row * width, width) }
                        let a = term.encoderCoefficients[p]
                        if a != 0 { VectorKernels.axpy(enc, a, encoderInput + row * width, width); biasTotal += a }
                    }
                }
                encoderBiasGradient[f] = biasTotal
            }
        }
    }

    /// Contiguous latent ranges of roughly equal work (positions + a constant per latent for the
    /// zeroing). Any split gives the same result; this one only balances threads.
    static func balancedChunks(_ terms: [Term], latents: Int, parts: Int) -> [Range<Int>] {
        var total = 0
        for f in 0..<latents { total += 4 + terms.reduce(0) { $0 + $1.incidence.count(f) } }
        let target = Swift.max(1, total / Swift.max(parts, 1))
        var chunks: [Range<Int>] = [], start = 0, work = 0
        for f in 0..<latents {
            work += 4 + terms.reduce(0) { $0 + $1.incidence.count(f) }
            if work >= target { chunks.append(start..<(f + 1)); start = f + 1; work = 0 }
        }
        if start < latents { chunks.append(start..<latents) }
        return chunks
    }
}
