import Foundation
import Tensors

/// One batch of the leave-one-out sweep: a range of targets × a batch of penalties.
///
/// Shapes: n training rows, k components, L penalties in the batch, w targets in the batch.
/// For penalty a the residuals are R_a = Yc − U·diag(d_a)·A with d_a = λ/(λ+α_a); row i of R_a
/// is divided by 1 − h_i(α_a) and squared. The scaled projections M = [diag(d₁)·A | … | diag(d_L)·A]
/// ([k, L·w]) are formed once; the rows are then swept in tiles of `rowsPerTile` rows × one
/// penalty, each tile's product U_tile·M_a ([rows, w]) reduced while it is still in cache.
/// Tiles run in parallel with single-threaded kernels (independent products of this size keep
/// both cores busier than one threaded product), and their partial sums are added in row order,
/// so the result does not depend on the thread count.
struct LeaveOneOutBlock<S: BackendScalar, Backend: LinearAlgebraBackend> {
    /// Centred training targets, [n, T].
    let yc: Dense<S>
    /// A = Uᵀ·Yc, [k, T].
    let projected: Dense<S>
    /// Left singular vectors of the centred features, [n, k].
    let u: Dense<S>
    let k: Int
    let targets: Range<Int>
    /// d for each penalty of the batch, [L][k].
    let shrink: [[Double]]
    /// 1 − h_i for each penalty of the batch, [L][n].
    let denominators: [[Double]]
    let backend: Backend

    /// Rows per tile: enough rows that sgemm's packing of M_a (k × w) is a few percent of the
    /// tile's product; 512 rows × 1024 targets of Float is 2 MiB of scratch per thread.
    static var rowsPerTile: Int { 512 }

    /// Mean squared leave-one-out error, [L][w].
    /// - Complexity: L · n · k · w multiply-adds in the products, O(L · n · w) in the reduction.
    func meanSquaredErrors() -> [[Double]] {
        let n = yc.rows, width = targets.count, batch = shrink.count
        let tiles = Parallel.partition(n, parts: max(1, (n + Self.rowsPerTile - 1) / Self.rowsPerTile))
        let scaled = scaledProjections()
        let inverse = denominators.map { $0.map { S(1 / $0) } }
        // partial[tile][a][j]: Σ over the tile's rows of the squared scaled residuals.
        var partial = [Double](repeating: 0, count: tiles.count * batch * width)
        partial.withUnsafeMutableBufferPointer { out in
            backend.serially {
                Parallel.forEach(tiles.count * batch) { task in
                    let (tile, a) = task.quotientAndRemainder(dividingBy: batch)
                    let target = out.baseAddress! + (tile * batch + a) * width
                    squaredResiduals(rows: tiles[tile], penalty: a, scaled: scaled, weights: inverse[a], into: target)
                }
            }
        }
        return (0..<batch).map { a in
            (0..<width).map { j in
                (0..<tiles.count).reduce(0.0) { $0 + partial[($1 * batch + a) * width + j] } / Double(n)
            }
        }
    }

    /// M = [diag(d₁)·A | … | diag(d_L)·A] restricted to the batch's targets, [k, L·w].
    private func scaledProjections() -> [S] {
        let width = targets.count, batch = shrink.count, columns = batch * width, first = targets.lowerBound
        return [S](unsafeUninitializedCapacity: k * columns) { buffer, count in
            projected.values.withUnsafeBufferPointer { p in
                for component in 0..<k {
                    let source = p.baseAddress! + component * projected.columns + first
                    for a in 0..<batch {
                        let factor = S(shrink[a][component]), target = buffer.baseAddress! + component * columns + a * width
                        for j in 0..<width { target[j] = factor * source[j] }
                    }
                }
            }
            count = k * columns
        }
    }

    /// Adds Σ_{i ∈ rows} ((y_ij − (U·M_a)_ij) / (1 − h_i))² into `sums` [w] for penalty `a`;
    /// residuals are formed in S and squared and summed in Double.
    private func squaredResiduals(rows: Range<Int>, penalty a: Int, scaled: [S], weights: [S], into sums: UnsafeMutablePointer<Double>) {
        let width = targets.count, columns = shrink.count * width, first = targets.lowerBound
        var fitted = [S](repeating: 0, count: rows.count * width)
        if k > 0 {
            u.values.withUnsafeBufferPointer { pu in scaled.withUnsafeBufferPointer { pm in
                fitted.withUnsafeMutableBufferPointer { pf in
                    backend.gemm(transposeA: false, transposeB: false, m: rows.count, n: width, k: k, alpha: 1,
                                 a: pu.baseAddress! + rows.lowerBound * k, lda: k, b: pm.baseAddress! + a * width, ldb: columns,
                                 beta: 0, c: pf.baseAddress!, ldc: width)
                }
            } }
        }
        yc.values.withUnsafeBufferPointer { y in fitted.withUnsafeBufferPointer { f in
            for (offset, i) in rows.enumerated() {
                let observed = y.baseAddress! + i * yc.columns + first, fit = f.baseAddress! + offset * width, w = weights[i]
                for j in 0..<width { let e = Double((observed[j] - fit[j]) * w); sums[j] += e * e }
            }
        } }
    }
}
