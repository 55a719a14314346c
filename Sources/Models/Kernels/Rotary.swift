import Foundation
import Tensors

/// Rotary position embedding on the first R dimensions of each head (GPT-NeoX's `rotate_half`
/// form): for i < R/2, with angle θ = p · f_i and f_i = base^(−2i/R),
///
///     x'[i]       = x[i] · cos θ − x[i + R/2] · sin θ
///     x'[i + R/2] = x[i + R/2] · cos θ + x[i] · sin θ
///
/// Frequencies and angles are computed in Float, as `transformers` does, so long positions
/// round the same way.
struct RotaryEmbedding: Sendable {
    /// Rotated dimensions per head R (even; 0 disables rotation).
    let dimensions: Int
    /// f_i for i < R/2.
    let frequencies: [Float]

    init(dimensions: Int, base: Double) {
        self.dimensions = dimensions
        let half = dimensions / 2
        frequencies = (0..<half).map { i in 1 / powf(Float(base), Float(2 * i) / Float(dimensions)) }
    }

    /// cos and sin of every (position, i) for positions 0..<length, each [length, R/2].
    func table(length: Int) -> (cos: [Float], sin: [Float]) {
        let half = dimensions / 2
        var cosines = [Float](repeating: 0, count: length * half), sines = cosines
        for position in 0..<length {
            for i in 0..<half {
                let angle = Float(position) * frequencies[i]
                cosines[position * half + i] = cosf(angle)
                sines[position * half + i] = sinf(angle)
            }
        }
        return (cosines, sines)
    }

    /// Rotates, in place, the vectors at `base + t·rowStride + h·headStride` for every token t of
    /// each sequence (position = t − start of its sequence) and head h < `heads`.
    func apply(_ base: UnsafeMutablePointer<Float>, rowStride: Int, headStride: Int, heads: Int,
               sequences: [Range<Int>], table: (cos: [Float], sin: [Float])) {
        let half = dimensions / 2
        guard half > 0 else { return }
        let rows = sequences.flatMap { range in range.map { ($0, $0 - range.lowerBound) } }
        table.cos.withUnsafeBufferPointer { cosines in table.sin.withUnsafeBufferPointer { sines in
            Parallel.forRanges(rows.count, minimumChunk: 64) { range in
                for (row, position) in rows[range] {
                    let c = cosines.baseAddress! + position * half, s = sines.baseAddress! + position * half
                    for h in 0..<heads {
                        let x = base + row * rowStride + h * headStride
                        for i in 0..<half {
                            let first = x[i], second = x[i + half]
                            x[i] = first * c[i] - second * s[i]
                            x[i + half] = second * c[i] + first * s[i]
                        }
                    }
                }
            }
        } }
    }
}
