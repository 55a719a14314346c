import Foundation

/// A dense row-major matrix of `Double`, for tabular work (MDPs, regression statistics) where
/// single precision is not enough. Values, like `Tensor`, with copy-on-write through `Array`.
public struct Matrix: Equatable, Sendable {
    /// Number of rows.
    public let rows: Int
    /// Number of columns.
    public let columns: Int
    /// Elements in row-major order (`rows × columns` of them).
    public var values: [Double]

    /// A matrix with the given elements in row-major order.
    public init(rows: Int, columns: Int, values: [Double]) {
        precondition(rows >= 0 && columns >= 0 && values.count == rows * columns,
                     "\(values.count) values for a \(rows)×\(columns) matrix")
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    /// A matrix filled with `value`.
    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        self.init(rows: rows, columns: columns, values: [Double](repeating: value, count: rows * columns))
    }

    /// A matrix from nested rows of equal length.
    public init(_ nested: [[Double]]) {
        let width = nested.first?.count ?? 0
        precondition(nested.allSatisfy { $0.count == width }, "ragged rows")
        self.init(rows: nested.count, columns: width, values: nested.flatMap { $0 })
    }

    /// The n×n identity.
    public static func identity(_ n: Int) -> Matrix {
        var result = Matrix(rows: n, columns: n)
        for i in 0..<n { result[i, i] = 1 }
        return result
    }

    /// A matrix of the values of a rank-2 tensor.
    public init(_ tensor: Tensor) {
        precondition(tensor.rank == 2, "matrix from a rank-\(tensor.rank) tensor")
        self.init(rows: tensor.shape[0], columns: tensor.shape[1], values: tensor.scalars.map(Double.init))
    }

    /// The elements rounded to `Float`, as a [rows, columns] tensor.
    public var tensor: Tensor { Tensor(values.map(Float.init), shape: [rows, columns]) }

    /// Element (i, j).
    @inlinable
    public subscript(_ i: Int, _ j: Int) -> Double {
        get { values[i * columns + j] }
        set { values[i * columns + j] = newValue }
    }

    /// Row `i` as an array.
    public func row(_ i: Int) -> [Double] { Array(values[(i * columns)..<((i + 1) * columns)]) }

    /// Column `j` as an array.
    public func column(_ j: Int) -> [Double] { (0..<rows).map { self[$0, j] } }

    /// The transpose.
    public var transposed: Matrix {
        var result = Matrix(rows: columns, columns: rows)
        for i in 0..<rows { for j in 0..<columns { result.values[j * rows + i] = values[i * columns + j] } }
        return result
    }

    /// op(self) · op(other) through `cblas_dgemm`.
    public func multiplied(by other: Matrix, transposeSelf: Bool = false, transposeOther: Bool = false) -> Matrix {
        let (m, k) = transposeSelf ? (columns, rows) : (rows, columns)
        let (k2, n) = transposeOther ? (other.columns, other.rows) : (other.rows, other.columns)
        precondition(k == k2, "inner dimensions differ: \(m)×\(k) times \(k2)×\(n)")
        var result = Matrix(rows: m, columns: n)
        values.withUnsafeBufferPointer { a in other.values.withUnsafeBufferPointer { b in
            result.values.withUnsafeMutableBufferPointer { c in
                BLAS.dgemm(transposeA: transposeSelf, transposeB: transposeOther, m: m, n: n, k: k, alpha: 1,
                           a: a.baseAddress!, lda: columns, b: b.baseAddress!, ldb: other.columns,
                           beta: 0, c: c.baseAddress!, ldc: n)
            }
        } }
        return result
    }

    /// Matrix product.
    public static func * (lhs: Matrix, rhs: Matrix) -> Matrix { lhs.multiplied(by: rhs) }

    /// Matrix–vector product.
    public func multiplied(by vector: [Double]) -> [Double] {
        precondition(vector.count == columns, "vector of \(vector.count) for a \(rows)×\(columns) matrix")
        var result = [Double](repeating: 0, count: rows)
        for i in 0..<rows {
            var total = 0.0
            for j in 0..<columns { total += values[i * columns + j] * vector[j] }
            result[i] = total
        }
        return result
    }

    /// Elementwise sum and difference, and scaling.
    public static func + (lhs: Matrix, rhs: Matrix) -> Matrix {
        precondition(lhs.rows == rhs.rows && lhs.columns == rhs.columns, "shapes differ")
        return Matrix(rows: lhs.rows, columns: lhs.columns, values: Swift.zip(lhs.values, rhs.values).map(+))
    }
    public static func - (lhs: Matrix, rhs: Matrix) -> Matrix {
        precondition(lhs.rows == rhs.rows && lhs.columns == rhs.columns, "shapes differ")
        return Matrix(rows: lhs.rows, columns: lhs.columns, values: Swift.zip(lhs.values, rhs.values).map(-))
    }
    public static func * (lhs: Double, rhs: Matrix) -> Matrix {
        Matrix(rows: rhs.rows, columns: rhs.columns, values: rhs.values.map { lhs * $0 })
    }

    /// Largest absolute elementwise difference.
    public func maxAbsDifference(_ other: Matrix) -> Double {
        precondition(rows == other.rows && columns == other.columns, "shapes differ")
        return Swift.zip(values, other.values).reduce(0) { Swift.max($0, abs($1.0 - $1.1)) }
    }
}
