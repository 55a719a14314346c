import Foundation
import COpenBLAS

/// An LU factorisation with partial pivoting of a square Double matrix (`dgetrf`), kept so that
/// many right-hand sides — for the matrix or its transpose — are solved without refactorising
/// (`dgetrs`).
///
/// The matrix is given row-major. LAPACK reads that buffer column-major, i.e. as Aᵀ, so the stored
/// factors are those of Aᵀ; a solve with A uses LAPACK's transposed solve and vice versa, which
/// saves a transpose of the matrix on every factorisation.
public struct LUFactorisation: Sendable {
    /// Order of the matrix.
    public let n: Int
    /// LAPACK's factors of Aᵀ (column-major), i.e. of A read row-major.
    private var factors: [Double]
    private var pivots: [Int32]

    /// Factorises the row-major n×n matrix `a`.
    /// - Throws: `LinearAlgebraError.shape` for a wrong element count, `.singular` when a pivot is
    ///   exactly zero.
    /// - Complexity: O(n³).
    public init(_ a: [Double], n: Int) throws {
        guard n >= 0, a.count == n * n else { throw LinearAlgebraError.shape("LU: \(a.count) values for an \(n)×\(n) matrix") }
        self.n = n
        factors = a
        pivots = [Int32](repeating: 0, count: n)
        if n == 0 { return }
        try factors.withUnsafeMutableBufferPointer { f in
            try pivots.withUnsafeMutableBufferPointer { p in
                try LUFactorisation.factorInPlace(f.baseAddress!, n: n, pivots: p.baseAddress!)
            }
        }
    }

    /// Solves A·x = b (or Aᵀ·x = b when `transposed`) for one right-hand side.
    /// - Complexity: O(n²).
    public func solve(_ b: [Double], transposed: Bool = false) throws -> [Double] {
        guard b.count == n else { throw LinearAlgebraError.shape("LU solve: right-hand side of \(b.count) for n = \(n)") }
        var x = b
        try solve(columns: &x, count: 1, transposed: transposed)
        return x
    }

    /// Solves for `count` right-hand sides stored one after another (each contiguous, length n),
    /// overwriting them with the solutions.
    public func solve(columns: inout [Double], count: Int, transposed: Bool = false) throws {
        guard columns.count == n * count else { throw LinearAlgebraError.shape("LU solve: \(columns.count) values for \(count) right-hand sides of length \(n)") }
        if n == 0 || count == 0 { return }
        try factors.withUnsafeBufferPointer { f in
            try pivots.withUnsafeBufferPointer { p in
                try columns.withUnsafeMutableBufferPointer { b in
                    try LUFactorisation.solveInPlace(factors: f.baseAddress!, pivots: p.baseAddress!, n: n,
                                                     rightHandSides: b.baseAddress!, count: count, transposed: transposed)
                }
            }
        }
    }

    /// Factorises the row-major n×n matrix at `matrix` in place (`dgetrf` on its column-major
    /// reading); for hot loops that keep their own buffers.
    /// - Throws: `LinearAlgebraError.singular` when a pivot is exactly zero.
    public static func factorInPlace(_ matrix: UnsafeMutablePointer<Double>, n: Int, pivots: UnsafeMutablePointer<Int32>) throws {
        var n32 = Int32(n), lda = Int32(n), info: Int32 = 0
        dgetrf_(&n32, &n32, matrix, &lda, pivots, &info)
        if let error = LinearAlgebraError.check("dgetrf", info, positive: { .singular(index: $0) }) { throw error }
    }

    /// Solves with factors made by `factorInPlace` for `count` contiguous right-hand sides of length
    /// n; `transposed` solves with Aᵀ instead of A (A as given row-major to `factorInPlace`).
    public static func solveInPlace(factors: UnsafePointer<Double>, pivots: UnsafePointer<Int32>, n: Int,
                                    rightHandSides: UnsafeMutablePointer<Double>, count: Int, transposed: Bool) throws {
        // The factors are of Aᵀ: A·x = b is LAPACK's transposed solve, Aᵀ·x = b its plain one.
        var trans = CChar(bitPattern: transposed ? UInt8(ascii: "N") : UInt8(ascii: "T"))
        var n32 = Int32(n), nrhs = Int32(count), lda = Int32(n), ldb = Int32(n), info: Int32 = 0
        dgetrs_(&trans, &n32, &nrhs, factors, &lda, pivots, rightHandSides, &ldb, &info, 1)
        if let error = LinearAlgebraError.check("dgetrs", info, positive: { .singular(index: $0) }) { throw error }
    }
}

extension Decompositions {
    /// Thin QR of a row-major m×n matrix with m ≥ n by Householder reflections (`dgeqrf`, `dorgqr`):
    /// A = Q·R with Q m×n having orthonormal columns and R n×n upper triangular, both row-major.
    /// - Complexity: O(m·n²).
    public static func thinQR(_ a: [Double], rows m: Int, columns n: Int) throws -> (q: [Double], r: [Double]) {
        guard a.count == m * n else { throw LinearAlgebraError.shape("QR: \(a.count) values for a \(m)×\(n) matrix") }
        guard m >= n else { throw LinearAlgebraError.shape("thin QR needs at least as many rows as columns, got \(m)×\(n)") }
        if n == 0 { return ([], []) }
        var matrix = transposed(a, rows: m, columns: n)  // column-major A
        var tau = [Double](repeating: 0, count: n)
        var m32 = Int32(m), n32 = Int32(n), lda = Int32(m), info: Int32 = 0
        var lwork: Int32 = -1, workSize = 0.0
        dgeqrf_(&m32, &n32, &matrix, &lda, &tau, &workSize, &lwork, &info)
        if let error = LinearAlgebraError.check("dgeqrf", info, positive: { .didNotConverge(routine: "dgeqrf", info: $0) }) { throw error }
        lwork = max(1, Int32(workSize))
        var work = [Double](repeating: 0, count: Int(lwork))
        dgeqrf_(&m32, &n32, &matrix, &lda, &tau, &work, &lwork, &info)
        if let error = LinearAlgebraError.check("dgeqrf", info, positive: { .didNotConverge(routine: "dgeqrf", info: $0) }) { throw error }
        var r = [Double](repeating: 0, count: n * n)
        for i in 0..<n { for j in i..<n { r[i * n + j] = matrix[j * m + i] } }
        lwork = -1
        dorgqr_(&m32, &n32, &n32, &matrix, &lda, &tau, &workSize, &lwork, &info)
        if let error = LinearAlgebraError.check("dorgqr", info, positive: { .didNotConverge(routine: "dorgqr", info: $0) }) { throw error }
        lwork = max(1, Int32(workSize))
        work = [Double](repeating: 0, count: Int(lwork))
        dorgqr_(&m32, &n32, &n32, &matrix, &lda, &tau, &work, &lwork, &info)
        if let error = LinearAlgebraError.check("dorgqr", info, positive: { .didNotConverge(routine: "dorgqr", info: $0) }) { throw error }
        return (transposed(matrix, rows: n, columns: m), r)
    }
}
