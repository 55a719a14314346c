import Foundation
import Tensors

/// The decoder, forward and backward, over sparse codes.
///
/// Forward: Y_i = b + Σ_s z_is · W_dec[idx_is] — a sparse-times-dense product done as K row
/// gathers per example instead of a dense [N, F]·[F, D] product. Backward:
/// dz_is = ⟨W_dec[idx_is], dY_i⟩ (K dot products per row, here), dW_dec[f] = Σ z_is · dY_i
/// (per-latent sums in `LatentGradients`), db = Σ_i dY_i (here).
///
/// Shapes: codes [N, K]; W_dec [F, D]; b [D]; Y, dY [N, D].
enum SparseDecoder {
    /// The definition: scatter the codes into a dense [N, F] matrix and multiply, in Double.
    static func referenceForward(_ codes: SparseCodes, weight: UnsafePointer<Float>, latents: Int, width: Int,
                                 bias: UnsafePointer<Float>?, output: UnsafeMutablePointer<Float>) {
        var dense = [Double](repeating: 0, count: codes.rows * latents)
        for row in 0..<codes.rows { for slot in 0..<codes.width {
            dense[row * latents + codes.index(row, slot)] += Double(codes.value(row, slot))
        } }
        for row in 0..<codes.rows {
            for j in 0..<width {
                var total = Double(bias?[j] ?? 0)
                for latent in 0..<latents { total += dense[row * latents + latent] * Double(weight[latent * width + j]) }
                output[row * width + j] = Float(total)
            }
        }
    }

    /// Y = codes·W_dec + b by row gathers; `bias` nil means zero.
    /// - Complexity: O(N·K·D), parallel over rows.
    static func forward(_ codes: SparseCodes, weight: UnsafePointer<Float>, width: Int, bias: UnsafePointer<Float>?,
                        output: UnsafeMutablePointer<Float>) {
        Parallel.forRanges(codes.rows, minimumChunk: 16) { range in
            for row in range {
                let target = output + row * width
                if let bias { target.update(from: bias, count: width) } else { target.update(repeating: 0, count: width) }
                for slot in 0..<codes.width {
                    let z = codes.value(row, slot)
                    if z == 0 { continue }
                    VectorKernels.axpy(target, z, weight + codes.index(row, slot) * width, width)
                }
            }
        }
    }

    /// dz_is = ⟨W_dec[idx_is], dY_i⟩ for every slot ([N, width] output).
    /// - Complexity: O(N·K·D), parallel over rows.
    static func codeBackward(_ codes: SparseCodes, weight: UnsafePointer<Float>, width: Int, outputGradient: UnsafePointer<Float>,
                             codeGradient: UnsafeMutablePointer<Float>) {
        Parallel.forRanges(codes.rows, minimumChunk: 16) { range in
            for row in range {
                let dy = outputGradient + row * width
                for slot in 0..<codes.width {
                    codeGradient[row * codes.width + slot] = VectorKernels.dot(weight + codes.index(row, slot) * width, dy, width)
                }
            }
        }
    }

    /// db = Σ_i dY_i, summed in fixed blocks of rows so the result does not depend on the thread count.
    static func biasBackward(_ outputGradient: UnsafePointer<Float>, rows: Int, width: Int, into gradient: UnsafeMutablePointer<Float>) {
        RowSums.add(outputGradient, rows: rows, width: width, scale: 1, into: gradient)
    }
}

/// Deterministic column sums of a row-major [N, D] matrix: fixed blocks of rows summed in
/// parallel (Double), then the block partials added in block order.
enum RowSums {
    static let blockRows = 256

    /// gradient[j] += scale · Σ_i matrix[i, j].
    static func add(_ matrix: UnsafePointer<Float>, rows: Int, width: Int, scale: Float, into target: UnsafeMutablePointer<Float>) {
        let blocks = (rows + blockRows - 1) / blockRows
        guard blocks > 0 else { return }
        let partials = UnsafeMutablePointer<Double>.allocate(capacity: blocks * width)
        defer { partials.deallocate() }
        Parallel.forEach(blocks) { block in
            let partial = partials + block * width
            partial.update(repeating: 0, count: width)
            for row in (block * blockRows)..<Swift.min(rows, (block + 1) * blockRows) {
                for j in 0..<width { partial[j] += Double(matrix[row * width + j]) }
            }
        }
        for j in 0..<width {
            var total = 0.0
            for block in 0..<blocks { total += partials[block * width + j] }
            target[j] += scale * Float(total)
        }
    }
}
