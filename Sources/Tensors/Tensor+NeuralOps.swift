import Foundation

/// Row-wise operations of neural networks. Dimension glossary: N rows, D elements per row.
extension Tensor {
    /// Softmax of each row ([N, D] → [N, D]), shifted by the row maximum for stability.
    public func softmaxRows() -> Tensor {
        var result = self
        result.withUnsafeMutableBufferPointer { buffer in
            let width = rowWidth
            for row in 0..<(count / Swift.max(width, 1)) {
                softmaxInPlace(UnsafeMutableBufferPointer(rebasing: buffer[(row * width)..<((row + 1) * width)]))
            }
        }
        return result
    }

    /// LayerNorm of each row: (x − mean) / sqrt(var + eps) · gamma + beta, with biased variance
    /// as PyTorch computes it. `gamma` and `beta` are [D]; statistics are accumulated in Double.
    public func layerNormRows(gamma: Tensor, beta: Tensor, eps: Float) -> Tensor {
        var result = self
        result.layerNormRowsInPlace(gamma: gamma, beta: beta, eps: eps)
        return result
    }

    /// In-place form of `layerNormRows(gamma:beta:eps:)`.
    public mutating func layerNormRowsInPlace(gamma: Tensor, beta: Tensor, eps: Float) {
        let width = rowWidth
        precondition(gamma.count == width && beta.count == width, "LayerNorm parameters must have \(width) elements")
        gamma.withUnsafeBufferPointer { g in beta.withUnsafeBufferPointer { b in
            withUnsafeMutableBufferPointer { buffer in
                let rows = buffer.count / Swift.max(width, 1)
                Parallel.forRanges(rows, minimumChunk: 64) { range in
                    for row in range {
                        layerNormInPlace(buffer.baseAddress! + row * width, width: width, gamma: g.baseAddress!, beta: b.baseAddress!, eps: eps)
                    }
                }
            }
        } }
    }

    /// GELU in its exact erf form, 0.5·x·(1 + erf(x/√2)), as BERT and Pythia use it.
    public func gelu() -> Tensor { map(geluErf) }
}

/// Softmax of one row in place.
@inlinable
public func softmaxInPlace(_ row: UnsafeMutableBufferPointer<Float>) {
    guard !row.isEmpty else { return }
    var maximum = -Float.infinity
    for value in row { maximum = max(maximum, value) }
    if maximum == -.infinity { maximum = 0 }  // fully masked row: exp(-inf - 0) = 0 everywhere
    var total: Double = 0
    for i in row.indices {
        let e = expf(row[i] - maximum)
        row[i] = e
        total += Double(e)
    }
    let scale = total > 0 ? Float(1 / total) : 0
    for i in row.indices { row[i] *= scale }
}

/// LayerNorm of one row of `width` elements in place.
@inlinable
public func layerNormInPlace(_ row: UnsafeMutablePointer<Float>, width: Int, gamma: UnsafePointer<Float>, beta: UnsafePointer<Float>, eps: Float) {
    var sum = 0.0
    for j in 0..<width { sum += Double(row[j]) }
    let mean = sum / Double(width)
    var squares = 0.0
    for j in 0..<width { let d = Double(row[j]) - mean; squares += d * d }
    let inverseStd = 1 / (squares / Double(width) + Double(eps)).squareRoot()
    let m = Float(mean), r = Float(inverseStd)
    for j in 0..<width { row[j] = (row[j] - m) * r * gamma[j] + beta[j] }
}

/// GELU, erf form.
@inlinable
public func geluErf(_ x: Float) -> Float {
    0.5 * x * (1 + erff(x * 0.70710678118654752))
}
