import Foundation

/// Decompositions and solves on row-major buffers, written once for `Float` and `Double`.
///
/// LAPACK works in column-major order; a row-major buffer read column-major is the transpose,
/// which each routine below accounts for (symmetric matrices are their own transpose). Every
/// routine first asks LAPACK for its optimal workspace (`lwork = -1`) and then runs.
public enum Decompositions {
    /// Eigenvalues (ascending) and eigenvectors of a symmetric n×n matrix (`?syevd`).
    /// - Returns: `vectors` is row-major n×n with eigenvector j in column j (numpy's `eigh` layout).
    /// - Complexity: O(n³).
    public static func symmetricEigen<S: LAPACKScalar>(_ a: [S], n: Int) throws -> (values: [S], vectors: [S]) {
        guard a.count == n * n else { throw LinearAlgebraError.shape("eigendecomposition needs a square matrix, got \(a.count) values for n = \(n)") }
        if n == 0 { return ([], []) }
        var matrix = a
        var values = [S](repeating: 0, count: n)
        var n32 = Int32(n), info: Int32 = 0
        var lwork: Int32 = -1, liwork: Int32 = -1
        var workSize: S = 0, iworkSize: Int32 = 0
        S.syevd(UInt8(ascii: "V"), UInt8(ascii: "L"), &n32, &matrix, &n32, &values, &workSize, &lwork, &iworkSize, &liwork, &info)
        if let error = LinearAlgebraError.check(S.prefix + "syevd", info, positive: { .didNotConverge(routine: S.prefix + "syevd", info: $0) }) { throw error }
        lwork = Int32(workSize); liwork = iworkSize
        var work = [S](repeating: 0, count: Int(lwork))
        var iwork = [Int32](repeating: 0, count: Int(liwork))
        S.syevd(UInt8(ascii: "V"), UInt8(ascii: "L"), &n32, &matrix, &n32, &values, &work, &lwork, &iwork, &liwork, &info)
        if let error = LinearAlgebraError.check(S.prefix + "syevd", info, positive: { .didNotConverge(routine: S.prefix + "syevd", info: $0) }) { throw error }
        return (values, transposed(matrix, rows: n, columns: n))  // column-major vectors → row-major columns
    }

    /// Thin SVD of a row-major m×n matrix: A = U · diag(s) · Vᵀ with k = min(m, n) (`?gesdd`).
    /// - Returns: `u` m×k, `s` (descending) k, `vt` k×n, all row-major.
    /// - Complexity: O(m · n · k).
    public static func thinSVD<S: LAPACKScalar>(_ a: [S], rows m: Int, columns n: Int) throws -> (u: [S], s: [S], vt: [S]) {
        guard a.count == m * n else { throw LinearAlgebraError.shape("SVD: \(a.count) values for a \(m)×\(n) matrix") }
        let k = min(m, n)
        if k == 0 { return ([], [], []) }
        // Column-major, the buffer is Aᵀ (n×m) = U′ Σ V′ᵀ, so A = V′ Σ U′ᵀ: LAPACK's U′ is our Vᵀ and its V′ᵀ our U.
        var matrix = a
        var singular = [S](repeating: 0, count: k)
        var uPrime = [S](repeating: 0, count: n * k)
        var vtPrime = [S](repeating: 0, count: k * m)
        var rows32 = Int32(n), columns32 = Int32(m), ldu = Int32(n), ldvt = Int32(k), info: Int32 = 0
        var lwork: Int32 = -1, workSize: S = 0
        var iwork = [Int32](repeating: 0, count: 8 * k)
        S.gesdd(UInt8(ascii: "S"), &rows32, &columns32, &matrix, &rows32, &singular, &uPrime, &ldu, &vtPrime, &ldvt, &workSize, &lwork, &iwork, &info)
        if let error = LinearAlgebraError.check(S.prefix + "gesdd", info, positive: { .didNotConverge(routine: S.prefix + "gesdd", info: $0) }) { throw error }
        lwork = Int32(workSize)
        var work = [S](repeating: 0, count: max(1, Int(lwork)))
        S.gesdd(UInt8(ascii: "S"), &rows32, &columns32, &matrix, &rows32, &singular, &uPrime, &ldu, &vtPrime, &ldvt, &work, &lwork, &iwork, &info)
        if let error = LinearAlgebraError.check(S.prefix + "gesdd", info, positive: { .didNotConverge(routine: S.prefix + "gesdd", info: $0) }) { throw error }
        return (vtPrime, singular, uPrime)
    }

    /// Lower Cholesky factor L of a symmetric positive-definite n×n matrix, A = L·Lᵀ (`?potrf`).
    /// - Complexity: O(n³/3).
    public static func cholesky<S: LAPACKScalar>(_ a: [S], n: Int) throws -> [S] {
        guard a.count == n * n else { throw LinearAlgebraError.shape("Cholesky needs a square matrix, got \(a.count) values for n = \(n)") }
        if n == 0 { return [] }
        // Column-major 'U' (A = UᵀU) read row-major is Uᵀ = L.
        var factor = a
        var n32 = Int32(n), info: Int32 = 0
        S.potrf(UInt8(ascii: "U"), &n32, &factor, &n32, &info)
        if let error = LinearAlgebraError.check(S.prefix + "potrf", info, positive: { .notPositiveDefinite(order: $0) }) { throw error }
        for i in 0..<n { for j in (i + 1)..<max(i + 1, n) { factor[i * n + j] = 0 } }
        return factor
    }

    /// Solves A·X = B given the lower Cholesky factor L of A; B is row-major n×nrhs (`?potrs`).
    public static func choleskySolve<S: LAPACKScalar>(factor: [S], n: Int, b: [S], nrhs: Int) throws -> [S] {
        guard factor.count == n * n, b.count == n * nrhs else { throw LinearAlgebraError.shape("Cholesky solve: factor \(factor.count) / right-hand side \(b.count) values for n = \(n), nrhs = \(nrhs)") }
        if n == 0 || nrhs == 0 { return b }
        var columnMajorB = transposed(b, rows: n, columns: nrhs)
        var n32 = Int32(n), nrhs32 = Int32(nrhs), info: Int32 = 0
        S.potrs(UInt8(ascii: "U"), &n32, &nrhs32, factor, &n32, &columnMajorB, &n32, &info)
        if let error = LinearAlgebraError.check(S.prefix + "potrs", info, positive: { .notPositiveDefinite(order: $0) }) { throw error }
        return transposed(columnMajorB, rows: nrhs, columns: n)
    }

    /// Solves A·X = B for a general n×n A by LU with partial pivoting; B is row-major n×nrhs (`?gesv`).
    /// - Complexity: O(n³ + n²·nrhs).
    public static func solve<S: LAPACKScalar>(_ a: [S], n: Int, b: [S], nrhs: Int) throws -> [S] {
        guard a.count == n * n, b.count == n * nrhs else { throw LinearAlgebraError.shape("solve: \(a.count) values for A and \(b.count) for B with n = \(n), nrhs = \(nrhs)") }
        if n == 0 || nrhs == 0 { return b }
        var columnMajorA = transposed(a, rows: n, columns: n)
        var columnMajorB = transposed(b, rows: n, columns: nrhs)
        var pivots = [Int32](repeating: 0, count: n)
        var n32 = Int32(n), nrhs32 = Int32(nrhs), info: Int32 = 0
        S.gesv(&n32, &nrhs32, &columnMajorA, &n32, &pivots, &columnMajorB, &n32, &info)
        if let error = LinearAlgebraError.check(S.prefix + "gesv", info, positive: { .singular(index: $0) }) { throw error }
        return transposed(columnMajorB, rows: nrhs, columns: n)
    }

    /// The transpose of a row-major rows×columns buffer.
    public static func transposed<S>(_ values: [S], rows: Int, columns: Int) -> [S] {
        guard rows > 1 && columns > 1 else { return values }
        var result = values
        values.withUnsafeBufferPointer { source in result.withUnsafeMutableBufferPointer { target in
            for i in 0..<rows { for j in 0..<columns { target[j * rows + i] = source[i * columns + j] } }
        } }
        return result
    }
}
