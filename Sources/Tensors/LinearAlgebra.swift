import Foundation

/// Decompositions of `Tensor` (Float) and `Matrix` (Double) values; see `Decompositions`.
extension Tensor {
    /// Eigenvalues (ascending) and eigenvectors (as columns) of a symmetric [n, n] tensor.
    public func symmetricEigen() throws -> (values: Tensor, vectors: Tensor) {
        let n = try squareSide()
        let (values, vectors) = try Decompositions.symmetricEigen(scalars, n: n)
        return (Tensor(values), Tensor(vectors, shape: [n, n]))
    }

    /// Thin SVD of an [m, n] tensor: U [m, k], S [k] descending, Vᵀ [k, n] with k = min(m, n).
    public func thinSVD() throws -> (u: Tensor, s: Tensor, vt: Tensor) {
        guard rank == 2 else { throw LinearAlgebraError.shape("SVD of a rank-\(rank) tensor") }
        let (m, n) = (shape[0], shape[1]), k = Swift.min(m, n)
        let (u, s, vt) = try Decompositions.thinSVD(scalars, rows: m, columns: n)
        return (Tensor(u, shape: [m, k]), Tensor(s), Tensor(vt, shape: [k, n]))
    }

    /// Lower Cholesky factor of a symmetric positive-definite [n, n] tensor.
    public func cholesky() throws -> Tensor {
        let n = try squareSide()
        return Tensor(try Decompositions.cholesky(scalars, n: n), shape: [n, n])
    }

    /// Solves self · X = B for X, where self is the lower Cholesky factor returned by `cholesky()`.
    public func choleskySolve(_ b: Tensor) throws -> Tensor {
        let n = try squareSide()
        let columns = b.rank == 1 ? 1 : b.rowWidth
        guard b.rowCount == n else { throw LinearAlgebraError.shape("right-hand side has \(b.rowCount) rows, expected \(n)") }
        return Tensor(try Decompositions.choleskySolve(factor: scalars, n: n, b: b.scalars, nrhs: columns), shape: b.shape)
    }

    /// Solves self · X = B for a general square self (LU with partial pivoting).
    public func solve(_ b: Tensor) throws -> Tensor {
        let n = try squareSide()
        let columns = b.rank == 1 ? 1 : b.rowWidth
        guard b.rowCount == n else { throw LinearAlgebraError.shape("right-hand side has \(b.rowCount) rows, expected \(n)") }
        return Tensor(try Decompositions.solve(scalars, n: n, b: b.scalars, nrhs: columns), shape: b.shape)
    }

    private func squareSide() throws -> Int {
        guard rank == 2, shape[0] == shape[1] else { throw LinearAlgebraError.shape("expected a square matrix, got shape \(shape)") }
        return shape[0]
    }
}

extension Matrix {
    /// Eigenvalues (ascending) and eigenvectors (as columns) of a symmetric matrix.
    public func symmetricEigen() throws -> (values: [Double], vectors: Matrix) {
        try requireSquare()
        let (values, vectors) = try Decompositions.symmetricEigen(self.values, n: rows)
        return (values, Matrix(rows: rows, columns: rows, values: vectors))
    }

    /// Thin SVD: U (rows×k), singular values (descending), Vᵀ (k×columns), k = min(rows, columns).
    public func thinSVD() throws -> (u: Matrix, s: [Double], vt: Matrix) {
        let k = Swift.min(rows, columns)
        let (u, s, vt) = try Decompositions.thinSVD(values, rows: rows, columns: columns)
        return (Matrix(rows: rows, columns: k, values: u), s, Matrix(rows: k, columns: columns, values: vt))
    }

    /// Lower Cholesky factor of a symmetric positive-definite matrix.
    public func cholesky() throws -> Matrix {
        try requireSquare()
        return Matrix(rows: rows, columns: rows, values: try Decompositions.cholesky(values, n: rows))
    }

    /// Solves self · X = B given that self is a lower Cholesky factor.
    public func choleskySolve(_ b: Matrix) throws -> Matrix {
        try requireSquare()
        return Matrix(rows: b.rows, columns: b.columns, values: try Decompositions.choleskySolve(factor: values, n: rows, b: b.values, nrhs: b.columns))
    }

    /// Solves self · X = B (LU with partial pivoting).
    public func solve(_ b: Matrix) throws -> Matrix {
        try requireSquare()
        guard b.rows == rows else { throw LinearAlgebraError.shape("right-hand side has \(b.rows) rows, expected \(rows)") }
        return Matrix(rows: b.rows, columns: b.columns, values: try Decompositions.solve(values, n: rows, b: b.values, nrhs: b.columns))
    }

    /// Solves self · x = b for one right-hand side.
    public func solve(_ b: [Double]) throws -> [Double] {
        try solve(Matrix(rows: b.count, columns: 1, values: b)).values
    }

    private func requireSquare() throws {
        guard rows == columns else { throw LinearAlgebraError.shape("expected a square matrix, got \(rows)×\(columns)") }
    }
}
