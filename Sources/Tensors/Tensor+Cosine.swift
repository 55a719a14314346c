import Foundation

extension Tensor {
    /// Cosine similarity of every row of `a` [m, d] with every row of `b` [n, d] → [m, n]:
    /// each row divided by its L2 norm (accumulated in Double; a zero row stays zero, so its
    /// similarities are 0), then one product through BLAS.
    /// - Complexity: O(m·n·d) in one sgemm, plus O((m + n)·d) for the norms.
    public static func cosineSimilarities(_ a: Tensor, _ b: Tensor) -> Tensor {
        precondition(a.rank == 2 && b.rank == 2 && a.shape[1] == b.shape[1], "cosine similarities of [m, d] and [n, d], got \(a.shape) and \(b.shape)")
        return matmul(a.rowsScaledToUnitNorm(), b.rowsScaledToUnitNorm(), transposeB: true)
    }

    /// Each row divided by its L2 norm (zero rows unchanged).
    public func rowsScaledToUnitNorm() -> Tensor {
        precondition(rank == 2, "rows of a matrix, got shape \(shape)")
        let width = shape[1]
        var result = self
        result.withUnsafeMutableBufferPointer { values in
            for row in 0..<shape[0] {
                let x = values.baseAddress! + row * width
                var squares = 0.0
                for j in 0..<width { squares += Double(x[j]) * Double(x[j]) }
                guard squares > 0 else { continue }
                let scale = Float(1 / squares.squareRoot())
                for j in 0..<width { x[j] *= scale }
            }
        }
        return result
    }
}
