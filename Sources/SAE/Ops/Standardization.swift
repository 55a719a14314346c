import Foundation
import Tensors

/// Per-example standardisation (mlsae `standardize`), forward and the backward of its inverse.
///
/// Forward: x̂ = (x − μ) / (σ + ε) with μ the mean of the row and σ its unbiased (D − 1) standard
/// deviation, as `torch.std` computes it. Inverse: r = y·σ + μ — without ε, as the reference maps
/// reconstructions back. The backward of the inverse is dy = σ·dr; μ and σ are statistics of the
/// data, not parameters, so no gradient flows into them. With standardisation off, μ = 0, σ = 1.
///
/// Shapes: x, x̂, y, r are [N, D]; μ and σ are [N].
enum Standardization {
    /// Standardises `rows` rows of width `width`, writing x̂, μ and σ (statistics in Double).
    /// - Complexity: O(N·D), parallel over rows.
    static func forward(input: UnsafePointer<Float>, rows: Int, width: Int, enabled: Bool, epsilon: Float,
                        output: UnsafeMutablePointer<Float>, mean: UnsafeMutablePointer<Float>, std: UnsafeMutablePointer<Float>) {
        Parallel.forRanges(rows, minimumChunk: 64) { range in
            for row in range {
                let x = input + row * width, xHat = output + row * width
                guard enabled else {
                    xHat.update(from: x, count: width)
                    mean[row] = 0
                    std[row] = 1
                    continue
                }
                var sum = 0.0
                for j in 0..<width { sum += Double(x[j]) }
                let mu = sum / Double(width)
                var squares = 0.0
                for j in 0..<width { let d = Double(x[j]) - mu; squares += d * d }
                let sigma = (squares / Double(width - 1)).squareRoot()
                let scale = Float(1 / (sigma + Double(epsilon)))
                let m = Float(mu)
                for j in 0..<width { xHat[j] = (x[j] - m) * scale }
                mean[row] = m
                std[row] = Float(sigma)
            }
        }
    }

    /// r = y·σ + μ for each row.
    static func inverse(_ y: UnsafePointer<Float>, rows: Int, width: Int, mean: UnsafePointer<Float>, std: UnsafePointer<Float>,
                        output: UnsafeMutablePointer<Float>) {
        Parallel.forRanges(rows, minimumChunk: 64) { range in
            for row in range {
                let source = y + row * width, target = output + row * width
                let m = mean[row], s = std[row]
                for j in 0..<width { target[j] = source[j] * s + m }
            }
        }
    }

    /// dy = σ·dr for each row: the backward of `inverse`.
    static func inverseBackward(_ dr: UnsafePointer<Float>, rows: Int, width: Int, std: UnsafePointer<Float>,
                                dy: UnsafeMutablePointer<Float>) {
        Parallel.forRanges(rows, minimumChunk: 64) { range in
            for row in range {
                let s = std[row]
                for j in (row * width)..<((row + 1) * width) { dy[j] = dr[j] * s }
            }
        }
    }
}
