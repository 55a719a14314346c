import Foundation
import Tensors

/// Row-wise passes over [rows, width] matrices that fuse what a transformer does between matrix
/// products: bias + residual + LayerNorm, and bias + residual. Each runs in parallel over rows.
enum RowKernels {
    /// output[r] = LayerNorm(input[r] + bias + residual[r]) · gamma + beta, with the biased
    /// variance PyTorch uses. `bias` and `residual` are optional; `output` may equal `input`.
    /// - Complexity: O(rows · width), three passes over each row while it sits in cache.
    static func layerNorm(_ input: UnsafePointer<Float>, bias: UnsafePointer<Float>? = nil, residual: UnsafePointer<Float>? = nil,
                          into output: UnsafeMutablePointer<Float>, rows: Int, width: Int,
                          gamma: UnsafePointer<Float>, beta: UnsafePointer<Float>, epsilon: Float) {
        Parallel.forRanges(rows, minimumChunk: 16) { range in
            for row in range {
                let offset = row * width
                normalizeRow(input + offset, bias: bias, residual: residual.map { $0 + offset }, output: output + offset,
                             width: width, gamma: gamma, beta: beta, epsilon: epsilon)
            }
        }
    }

    @inline(__always)
    private static func normalizeRow(_ x: UnsafePointer<Float>, bias: UnsafePointer<Float>?, residual: UnsafePointer<Float>?,
                                     output y: UnsafeMutablePointer<Float>, width: Int,
                                     gamma: UnsafePointer<Float>, beta: UnsafePointer<Float>, epsilon: Float) {
        let whole = width & ~15
        // Pass 1: sum the inputs, writing them (with bias and residual) to the output row.
        var sums = Float16x()
        var tail: Float = 0
        var j = 0
        while j < whole {
            var v = VectorMath.load(x + j)
            if let bias { v += VectorMath.load(bias + j) }
            if let residual { v += VectorMath.load(residual + j) }
            VectorMath.store(v, y + j)
            sums += v
            j += 16
        }
        while j < width {
            var v = x[j]
            if let bias { v += bias[j] }
            if let residual { v += residual[j] }
            y[j] = v
            tail += v
            j += 1
        }
        let mean = (sums.sum() + tail) / Float(width)
        // Pass 2: centred sum of squares (two-pass, so no cancellation).
        var squares = Float16x()
        var tailSquares: Float = 0
        j = 0
        while j < whole {
            let d = VectorMath.load(y + j) - mean
            squares += d * d
            j += 16
        }
        while j < width { let d = y[j] - mean; tailSquares += d * d; j += 1 }
        let inverseStd = 1 / (((squares.sum() + tailSquares) / Float(width)) + epsilon).squareRoot()
        // Pass 3: normalise, scale and shift.
        j = 0
        while j < whole {
            let v = (VectorMath.load(y + j) - mean) * inverseStd
            VectorMath.store(v * VectorMath.load(gamma + j) + VectorMath.load(beta + j), y + j)
            j += 16
        }
        while j < width { y[j] = (y[j] - mean) * inverseStd * gamma[j] + beta[j]; j += 1 }
    }

    /// output[r] = input[r] + bias (+ more): the start of a pre-LN residual branch, into which
    /// a matrix product then accumulates (`beta = 1`). `output` may equal `input`.
    static func addRows(_ input: UnsafePointer<Float>, biases: [UnsafePointer<Float>], into output: UnsafeMutablePointer<Float>,
                        rows: Int, width: Int) {
        Parallel.forRanges(rows, minimumChunk: 16) { range in
            for row in range {
                let x = input + row * width, y = output + row * width
                for j in 0..<width {
                    var v = x[j]
                    for bias in biases { v += bias[j] }
                    y[j] = v
                }
            }
        }
    }

    /// Every row of output ← bias.
    static func fillRows(_ output: UnsafeMutablePointer<Float>, with bias: UnsafePointer<Float>, rows: Int, width: Int) {
        Parallel.forRanges(rows, minimumChunk: 64) { range in
            for row in range { (output + row * width).update(from: bias, count: width) }
        }
    }
}
