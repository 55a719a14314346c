import Foundation
import Tensors

/// The reference backend: products by their definition (accumulated in `Double`), a cyclic
/// Jacobi eigensolver and a one-sided Jacobi SVD. Slow (use it on small matrices) and
/// independent of BLAS and LAPACK, so tests can run every solver on both backends and compare.
public struct NaiveBackend: LinearAlgebraBackend {
    /// Makes the backend.
    public init() {}

    public var name: String { "naive" }

    public func gemm<S: BackendScalar>(transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: S,
                                       a: UnsafePointer<S>, lda: Int, b: UnsafePointer<S>, ldb: Int,
                                       beta: S, c: UnsafeMutablePointer<S>, ldc: Int) {
        for i in 0..<m {
            for j in 0..<n {
                var total = 0.0
                for p in 0..<k {
                    let x = transposeA ? a[p * lda + i] : a[i * lda + p]
                    let y = transposeB ? b[j * ldb + p] : b[p * ldb + j]
                    total += Double(x) * Double(y)
                }
                let previous = beta == 0 ? 0 : Double(beta) * Double(c[i * ldc + j])
                c[i * ldc + j] = S(Double(alpha) * total + previous)
            }
        }
    }

    public func gram<S: BackendScalar>(_ a: Dense<S>, transposeFirst: Bool) -> Dense<S> {
        product(a, a, transposeA: transposeFirst, transposeB: !transposeFirst)
    }

    public func symmetricEigen<S: BackendScalar>(_ a: [S], n: Int) throws -> (values: [S], vectors: [S]) {
        guard a.count == n * n else { throw LinearAlgebraError.shape("eigendecomposition needs \(n * n) values, got \(a.count)") }
        let (values, vectors) = try JacobiEigen.decompose(a.map(Double.init), n: n)
        return (values.map { S($0) }, vectors.map { S($0) })
    }

    public func thinSVD<S: BackendScalar>(_ a: [S], rows: Int, columns: Int) throws -> (u: [S], s: [S], vt: [S]) {
        guard a.count == rows * columns else { throw LinearAlgebraError.shape("SVD: \(a.count) values for a \(rows)×\(columns) matrix") }
        let (u, s, vt) = try JacobiEigen.singularValues(a.map(Double.init), rows: rows, columns: columns)
        return (u.map { S($0) }, s.map { S($0) }, vt.map { S($0) })
    }
}

/// Jacobi rotations in `Double`: the textbook algorithms, kept for checking LAPACK.
enum JacobiEigen {
    static let sweepLimit = 100

    /// Cyclic Jacobi eigendecomposition of a symmetric matrix; ascending values, vectors as columns.
    static func decompose(_ input: [Double], n: Int) throws -> (values: [Double], vectors: [Double]) {
        var a = input
        var v = [Double](repeating: 0, count: n * n)
        for i in 0..<n { v[i * n + i] = 1 }
        let scale = max(a.reduce(0) { max($0, abs($1)) }, .leastNormalMagnitude)
        var converged = n < 2
        for _ in 0..<sweepLimit where !converged {
            var offDiagonal = 0.0
            for p in 0..<n { for q in (p + 1)..<n { offDiagonal += a[p * n + q] * a[p * n + q] } }
            if offDiagonal.squareRoot() <= 1e-15 * scale * Double(n) { converged = true; break }
            for p in 0..<n {
                for q in (p + 1)..<n where a[p * n + q] != 0 {
                    let theta = (a[q * n + q] - a[p * n + p]) / (2 * a[p * n + q])
                    let t = (theta >= 0 ? 1.0 : -1.0) / (abs(theta) + (theta * theta + 1).squareRoot())
                    let c = 1 / (t * t + 1).squareRoot(), s = t * c
                    for k in 0..<n {  // A ← A·J (columns p, q)
                        let akp = a[k * n + p], akq = a[k * n + q]
                        a[k * n + p] = c * akp - s * akq
                        a[k * n + q] = s * akp + c * akq
                    }
                    for k in 0..<n {  // A ← Jᵀ·A (rows p, q)
                        let apk = a[p * n + k], aqk = a[q * n + k]
                        a[p * n + k] = c * apk - s * aqk
                        a[q * n + k] = s * apk + c * aqk
                    }
                    for k in 0..<n {
                        let vkp = v[k * n + p], vkq = v[k * n + q]
                        v[k * n + p] = c * vkp - s * vkq
                        v[k * n + q] = s * vkp + c * vkq
                    }
                }
            }
        }
        guard converged else { throw LinearAlgebraError.didNotConverge(routine: "jacobi", info: sweepLimit) }
        let order = (0..<n).sorted { a[$0 * n + $0] < a[$1 * n + $1] }
        let values = order.map { a[$0 * n + $0] }
        var vectors = [Double](repeating: 0, count: n * n)
        for (column, source) in order.enumerated() { for k in 0..<n { vectors[k * n + column] = v[k * n + source] } }
        return (values, vectors)
    }

    /// One-sided (Hestenes) Jacobi SVD. Columns of U for zero singular values are left zero.
    static func singularValues(_ a: [Double], rows m: Int, columns n: Int) throws -> (u: [Double], s: [Double], vt: [Double]) {
        if m < n {  // A = U S Vᵀ  ⇔  Aᵀ = V S Uᵀ
            let (u, s, vt) = try singularValues(Decompositions.transposed(a, rows: m, columns: n), rows: n, columns: m)
            return (Decompositions.transposed(vt, rows: m, columns: m), s, Decompositions.transposed(u, rows: n, columns: m))
        }
        var w = a  // m×n, columns orthogonalised in place
        var v = [Double](repeating: 0, count: n * n)
        for i in 0..<n { v[i * n + i] = 1 }
        var converged = n < 2
        for _ in 0..<sweepLimit where !converged {
            converged = true
            for p in 0..<n {
                for q in (p + 1)..<n {
                    var alpha = 0.0, beta = 0.0, gamma = 0.0
                    for i in 0..<m { alpha += w[i * n + p] * w[i * n + p]; beta += w[i * n + q] * w[i * n + q]; gamma += w[i * n + p] * w[i * n + q] }
                    if abs(gamma) <= 1e-15 * (alpha * beta).squareRoot() || gamma == 0 { continue }
                    converged = false
                    let zeta = (beta - alpha) / (2 * gamma)
                    let t = (zeta >= 0 ? 1.0 : -1.0) / (abs(zeta) + (1 + zeta * zeta).squareRoot())
                    let c = 1 / (1 + t * t).squareRoot(), s = c * t
                    for i in 0..<m {
                        let x = w[i * n + p], y = w[i * n + q]
                        w[i * n + p] = c * x - s * y; w[i * n + q] = s * x + c * y
                    }
                    for i in 0..<n {
                        let x = v[i * n + p], y = v[i * n + q]
                        v[i * n + p] = c * x - s * y; v[i * n + q] = s * x + c * y
                    }
                }
            }
        }
        guard converged else { throw LinearAlgebraError.didNotConverge(routine: "one-sided jacobi", info: sweepLimit) }
        let norms = (0..<n).map { j in (0..<m).reduce(0.0) { $0 + w[$1 * n + j] * w[$1 * n + j] }.squareRoot() }
        let order = (0..<n).sorted { norms[$0] > norms[$1] }
        var u = [Double](repeating: 0, count: m * n), vt = [Double](repeating: 0, count: n * n)
        for (rank, j) in order.enumerated() {
            for i in 0..<m where norms[j] > 0 { u[i * n + rank] = w[i * n + j] / norms[j] }
            for i in 0..<n { vt[rank * n + i] = v[i * n + j] }
        }
        return (u, order.map { norms[$0] }, vt)
    }
}
