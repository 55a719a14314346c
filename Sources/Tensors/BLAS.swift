import Foundation
import COpenBLAS

/// Matrix products through OpenBLAS, with the naive definitions beside them as oracles.
///
/// Dimension glossary: op(A) is [M, K], op(B) is [K, N], C is [M, N]; all row-major.
public enum BLAS {
    /// C ← alpha · op(A) · op(B) + beta · C on raw row-major buffers (`cblas_sgemm`).
    /// `lda`, `ldb`, `ldc` are row strides of the stored (untransposed) matrices.
    @inlinable
    public static func sgemm(transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Float,
                             a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
                             beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int) {
        guard m > 0, n > 0 else { return }
        if k == 0 {  // BLAS leaves C untouched only for beta = 1; scale explicitly for the empty product
            for i in 0..<m { for j in 0..<n { c[i * ldc + j] *= beta } }
            return
        }
        cblas_sgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }

    /// y ← alpha · op(A) · x + beta · y for a row-major [rows, columns] matrix (`cblas_sgemv`).
    @inlinable
    public static func sgemv(transpose: Bool, rows: Int, columns: Int, alpha: Float, a: UnsafePointer<Float>, lda: Int,
                             x: UnsafePointer<Float>, beta: Float, y: UnsafeMutablePointer<Float>) {
        guard rows > 0, columns > 0 else { return }
        cblas_sgemv(CblasRowMajor, transpose ? CblasTrans : CblasNoTrans, Int32(rows), Int32(columns), alpha, a, Int32(lda),
                    x, 1, beta, y, 1)
    }

    /// C ← alpha · op(A) · op(B) + beta · C in Double (`cblas_dgemm`).
    @inlinable
    public static func dgemm(transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Double,
                             a: UnsafePointer<Double>, lda: Int, b: UnsafePointer<Double>, ldb: Int,
                             beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int) {
        guard m > 0, n > 0 else { return }
        if k == 0 {
            for i in 0..<m { for j in 0..<n { c[i * ldc + j] *= beta } }
            return
        }
        cblas_dgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }
}

/// Shapes of op(A) and op(B) for a product of rank-2 tensors.
@usableFromInline
func productShape(_ a: Tensor, _ b: Tensor, _ transposeA: Bool, _ transposeB: Bool) -> (m: Int, n: Int, k: Int) {
    precondition(a.rank == 2 && b.rank == 2, "matrix product of shapes \(a.shape) and \(b.shape)")
    let (m, ka) = transposeA ? (a.shape[1], a.shape[0]) : (a.shape[0], a.shape[1])
    let (kb, n) = transposeB ? (b.shape[1], b.shape[0]) : (b.shape[0], b.shape[1])
    precondition(ka == kb, "inner dimensions differ: op(A) is [\(m), \(ka)], op(B) is [\(kb), \(n)]")
    return (m, n, ka)
}

/// op(A) · op(B) as a new [M, N] tensor.
public func matmul(_ a: Tensor, _ b: Tensor, transposeA: Bool = false, transposeB: Bool = false) -> Tensor {
    let (m, n, _) = productShape(a, b, transposeA, transposeB)
    var c = Tensor(zeros: [m, n])
    gemm(a, b, transposeA: transposeA, transposeB: transposeB, alpha: 1, beta: 0, into: &c)
    return c
}

/// C ← alpha · op(A) · op(B) + beta · C, accumulating into an existing [M, N] tensor when beta ≠ 0.
public func gemm(_ a: Tensor, _ b: Tensor, transposeA: Bool = false, transposeB: Bool = false,
                 alpha: Float = 1, beta: Float = 0, into c: inout Tensor) {
    let (m, n, k) = productShape(a, b, transposeA, transposeB)
    precondition(c.shape == [m, n], "output shape \(c.shape), expected [\(m), \(n)]")
    a.withUnsafeBufferPointer { pa in b.withUnsafeBufferPointer { pb in c.withUnsafeMutableBufferPointer { pc in
        BLAS.sgemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha,
                   a: pa.baseAddress!, lda: a.shape[1], b: pb.baseAddress!, ldb: b.shape[1],
                   beta: beta, c: pc.baseAddress!, ldc: n)
    } } }
}

/// op(A) · x for a rank-2 A and a vector x.
public func matvec(_ a: Tensor, _ x: Tensor, transpose: Bool = false) -> Tensor {
    precondition(a.rank == 2, "matrix-vector product with a rank-\(a.rank) matrix")
    let (rows, columns) = (a.shape[0], a.shape[1])
    precondition(x.count == (transpose ? rows : columns), "vector of \(x.count) for matrix \(a.shape)")
    var y = Tensor(zeros: [transpose ? columns : rows])
    a.withUnsafeBufferPointer { pa in x.withUnsafeBufferPointer { px in y.withUnsafeMutableBufferPointer { py in
        BLAS.sgemv(transpose: transpose, rows: rows, columns: columns, alpha: 1, a: pa.baseAddress!, lda: columns,
                   x: px.baseAddress!, beta: 0, y: py.baseAddress!)
    } } }
    return y
}

/// The definition of op(A) · op(B), in Double accumulation: the oracle for tests of the BLAS path.
public func naiveMatmul(_ a: Tensor, _ b: Tensor, transposeA: Bool = false, transposeB: Bool = false) -> Tensor {
    let (m, n, k) = productShape(a, b, transposeA, transposeB)
    return Tensor(shape: [m, n]) { c in
        for i in 0..<m {
            for j in 0..<n {
                var total = 0.0
                for p in 0..<k {
                    let x = transposeA ? a[p, i] : a[i, p]
                    let y = transposeB ? b[j, p] : b[p, j]
                    total += Double(x) * Double(y)
                }
                c[i * n + j] = Float(total)
            }
        }
    }
}
