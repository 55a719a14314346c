import Foundation
import Tensors

/// Where one of Q, K or V sits in memory: head h of token t starts at
/// `base + t · rowStride + h · headStride`. This addresses separate [T, C] projections (BERT),
/// GPT-2's [T, 3C] block layout and GPT-NeoX's per-head interleaved [T, H·3·D] layout alike,
/// without copying heads out.
struct HeadMatrix {
    let base: UnsafePointer<Float>
    let headStride: Int
    let rowStride: Int

    @inline(__always)
    func head(_ h: Int, firstRow: Int) -> UnsafePointer<Float> { base + firstRow * rowStride + h * headStride }
}

/// Scaled dot-product attention over packed sequences, one (sequence, head) pair at a time:
///
///     S = scale · Q_h K_hᵀ          [n, n]   (sgemm)
///     P = softmax_rows(S)           (causal: row i sees keys 0...i)
///     context_h = P V_h             [n, D]   (sgemm, written into columns h·D of context)
///
/// Sequences never see each other's tokens, which equals Hugging Face's padding mask.
enum Attention {
    /// - Parameters:
    ///   - sequences: row ranges of the packed batch, one per sequence.
    ///   - context: [T, contextStride] output; head h fills columns h·headWidth ..< (h+1)·headWidth.
    /// - Complexity: 4 · Σn² · H · D flops; parallel over (sequence, head) pairs.
    static func compute(query: HeadMatrix, key: HeadMatrix, value: HeadMatrix, heads: Int, headWidth: Int,
                        sequences: [Range<Int>], causal: Bool, scale: Float,
                        context: UnsafeMutablePointer<Float>, contextStride: Int) {
        let longest = sequences.map(\.count).max() ?? 0
        let pairs = sequences.count * heads
        Parallel.forRangesWithSerialBLAS(pairs) { range in
            let scores = UnsafeMutablePointer<Float>.allocate(capacity: max(1, longest * longest))
            defer { scores.deallocate() }
            for pair in range {
                let rows = sequences[pair / heads], h = pair % heads
                let n = rows.count
                BLAS.sgemm(transposeA: false, transposeB: true, m: n, n: n, k: headWidth, alpha: scale,
                           a: query.head(h, firstRow: rows.lowerBound), lda: query.rowStride,
                           b: key.head(h, firstRow: rows.lowerBound), ldb: key.rowStride,
                           beta: 0, c: scores, ldc: n)
                for i in 0..<n {
                    let row = scores + i * n
                    let visible = causal ? i + 1 : n
                    softmax(row, count: visible)
                    if visible < n { (row + visible).update(repeating: 0, count: n - visible) }
                }
                BLAS.sgemm(transposeA: false, transposeB: false, m: n, n: headWidth, k: n, alpha: 1,
                           a: scores, lda: n, b: value.head(h, firstRow: rows.lowerBound), ldb: value.rowStride,
                           beta: 0, c: context + rows.lowerBound * contextStride + h * headWidth, ldc: contextStride)
            }
        }
    }

    /// Softmax of `count` floats in place, shifted by their maximum.
    @inline(__always)
    static func softmax(_ row: UnsafeMutablePointer<Float>, count: Int) {
        let whole = count & ~15
        var maxima = Float16x(repeating: -.infinity)
        var j = 0
        while j < whole { maxima = VectorMath.maximum(maxima, VectorMath.load(row + j)); j += 16 }
        var maximum = VectorMath.largest(maxima)
        while j < count { maximum = max(maximum, row[j]); j += 1 }
        var sums = Float16x()
        var tail: Float = 0
        j = 0
        while j < whole {
            let e = VectorMath.exp(VectorMath.load(row + j) - maximum)
            VectorMath.store(e, row + j)
            sums += e
            j += 16
        }
        if j < count {
            let e = VectorMath.exp(VectorMath.loadPartial(row + j, count: count - j) - maximum)
            VectorMath.storePartial(e, row + j, count: count - j)
            for lane in 0..<(count - j) { tail += e[lane] }
        }
        let inverse = 1 / (sums.sum() + tail)
        j = 0
        while j < whole { VectorMath.store(VectorMath.load(row + j) * inverse, row + j); j += 16 }
        while j < count { row[j] *= inverse; j += 1 }
    }
}
