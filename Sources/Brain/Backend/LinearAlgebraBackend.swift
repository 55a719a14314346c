import COpenBLAS
import Tensors

/// A floating-point type the solvers can run in: `Float` (fast products) or `Double` (reference
/// precision). LAPACK routines come from `LAPACKScalar`.
public protocol BackendScalar: LAPACKScalar {
    /// C ← alpha · op(A) · op(B) + beta · C through the BLAS routine of this precision.
    static func blasGemm(transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Self,
                         a: UnsafePointer<Self>, lda: Int, b: UnsafePointer<Self>, ldb: Int,
                         beta: Self, c: UnsafeMutablePointer<Self>, ldc: Int)
    /// The upper triangle of C ← op(A)ᵀ·op(A) for a row-major A (`?syrk`); C is n×n with n the
    /// columns of A (`transpose`) or its rows.
    static func blasSyrk(transpose: Bool, n: Int, k: Int, a: UnsafePointer<Self>, lda: Int, c: UnsafeMutablePointer<Self>, ldc: Int)
}

extension Float: BackendScalar {
    /// `cblas_ssyrk`.
    public static func blasSyrk(transpose: Bool, n: Int, k: Int, a: UnsafePointer<Float>, lda: Int, c: UnsafeMutablePointer<Float>, ldc: Int) {
        cblas_ssyrk(CblasRowMajor, CblasUpper, transpose ? CblasTrans : CblasNoTrans, Int32(n), Int32(k), 1, a, Int32(lda), 0, c, Int32(ldc))
    }

    /// `cblas_sgemm`.
    public static func blasGemm(transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Float,
                                a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
                                beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int) {
        BLAS.sgemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha,
                   a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
    }
}

extension Double: BackendScalar {
    /// `cblas_dsyrk`.
    public static func blasSyrk(transpose: Bool, n: Int, k: Int, a: UnsafePointer<Double>, lda: Int, c: UnsafeMutablePointer<Double>, ldc: Int) {
        cblas_dsyrk(CblasRowMajor, CblasUpper, transpose ? CblasTrans : CblasNoTrans, Int32(n), Int32(k), 1, a, Int32(lda), 0, c, Int32(ldc))
    }

    /// `cblas_dgemm`.
    public static func blasGemm(transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Double,
                                a: UnsafePointer<Double>, lda: Int, b: UnsafePointer<Double>, ldb: Int,
                                beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int) {
        BLAS.dgemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha,
                   a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
    }
}

/// The narrow set of dense kernels the encoding-model solvers are written over (himalaya's
/// backend idea): a matrix product, a symmetric eigendecomposition and a thin SVD, all on
/// row-major matrices. Solvers never call BLAS or LAPACK directly, so every solver runs on every
/// backend and the naive backend is an independent oracle for the fast one.
public protocol LinearAlgebraBackend: Sendable {
    /// A short name for tables and error messages.
    var name: String { get }

    /// C ← alpha · op(A) · op(B) + beta · C. op(A) is [m, k], op(B) is [k, n], C is [m, n];
    /// `lda`, `ldb`, `ldc` are the row strides of the stored matrices.
    /// - Complexity: O(m · n · k).
    func gemm<S: BackendScalar>(transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: S,
                                a: UnsafePointer<S>, lda: Int, b: UnsafePointer<S>, ldb: Int,
                                beta: S, c: UnsafeMutablePointer<S>, ldc: Int)

    /// The Gram matrix AᵀA (`transposeFirst`, [columns, columns]) or AAᵀ ([rows, rows]) of a
    /// row-major matrix, both triangles filled.
    /// - Complexity: half the multiply-adds of the general product.
    func gram<S: BackendScalar>(_ a: Dense<S>, transposeFirst: Bool) -> Dense<S>

    /// Eigenvalues in ascending order and eigenvectors (column j of the row-major n×n result
    /// belongs to eigenvalue j) of a symmetric n×n matrix.
    /// - Throws: `LinearAlgebraError` when the decomposition fails.
    /// - Complexity: O(n³).
    func symmetricEigen<S: BackendScalar>(_ a: [S], n: Int) throws -> (values: [S], vectors: [S])

    /// Thin SVD of a row-major rows×columns matrix: U (rows×k), singular values descending (k),
    /// Vᵀ (k×columns), k = min(rows, columns).
    /// - Throws: `LinearAlgebraError` when the decomposition fails.
    /// - Complexity: O(rows · columns · k).
    func thinSVD<S: BackendScalar>(_ a: [S], rows: Int, columns: Int) throws -> (u: [S], s: [S], vt: [S])

    /// Runs `body` with every kernel it calls single-threaded, for solvers that run independent
    /// products on `Parallel`'s threads themselves.
    func serially<R>(_ body: () throws -> R) rethrows -> R
}

extension LinearAlgebraBackend {
    /// Runs `body` as is: a backend whose kernels use no threads of their own.
    public func serially<R>(_ body: () throws -> R) rethrows -> R { try body() }
}

/// The production backend: OpenBLAS products and LAPACK decompositions (`?syevd`, `?gesdd`).
public struct OpenBLASBackend: LinearAlgebraBackend {
    /// Makes the backend (it holds no state: OpenBLAS threads follow `Parallel.threadCount`).
    public init() {}

    public var name: String { "openblas" }

    public func gemm<S: BackendScalar>(transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: S,
                                       a: UnsafePointer<S>, lda: Int, b: UnsafePointer<S>, ldb: Int,
                                       beta: S, c: UnsafeMutablePointer<S>, ldc: Int) {
        S.blasGemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha,
                   a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
    }

    public func gram<S: BackendScalar>(_ a: Dense<S>, transposeFirst: Bool) -> Dense<S> {
        let (n, k) = transposeFirst ? (a.columns, a.rows) : (a.rows, a.columns)
        var c = Dense<S>(zeros: n, n)
        guard n > 0, k > 0 else { return c }
        a.values.withUnsafeBufferPointer { pa in c.values.withUnsafeMutableBufferPointer { pc in
            S.blasSyrk(transpose: transposeFirst, n: n, k: k, a: pa.baseAddress!, lda: a.columns, c: pc.baseAddress!, ldc: n)
            for i in 0..<n { for j in 0..<i { pc[i * n + j] = pc[j * n + i] } }  // mirror the upper triangle
        } }
        return c
    }

    public func symmetricEigen<S: BackendScalar>(_ a: [S], n: Int) throws -> (values: [S], vectors: [S]) {
        try Decompositions.symmetricEigen(a, n: n)
    }

    /// Runs `body` with OpenBLAS held to one thread (`Parallel.withSerialBLAS`).
    public func serially<R>(_ body: () throws -> R) rethrows -> R {
        try Parallel.withSerialBLAS(body)
    }

    public func thinSVD<S: BackendScalar>(_ a: [S], rows: Int, columns: Int) throws -> (u: [S], s: [S], vt: [S]) {
        try Decompositions.thinSVD(a, rows: rows, columns: columns)
    }
}
