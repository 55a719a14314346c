import Tensors

/// A dense row-major matrix in the solvers' working precision (`Float` or `Double`).
///
/// The public API of the module takes `Tensor` (Float) values; solvers convert once into
/// `Dense` of the precision they run in, so one solver serves both precisions.
public struct Dense<S: BackendScalar>: Sendable, Equatable {
    /// Number of rows.
    public let rows: Int
    /// Number of columns.
    public let columns: Int
    /// Elements in row-major order.
    public var values: [S]

    /// A matrix of the given elements (row-major; `values.count == rows · columns`).
    public init(rows: Int, columns: Int, values: [S]) {
        precondition(values.count == rows * columns, "\(values.count) values for a \(rows)×\(columns) matrix")
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    /// A zero matrix.
    public init(zeros rows: Int, _ columns: Int) {
        self.init(rows: rows, columns: columns, values: [S](repeating: 0, count: rows * columns))
    }

    /// The rows `indices` (in that order) of a rank-2 tensor, converted to this precision;
    /// all rows when `indices` is nil.
    public init(_ tensor: Tensor, rows indices: [Int]? = nil) {
        precondition(tensor.rank == 2, "matrix from a rank-\(tensor.rank) tensor")
        let width = tensor.shape[1]
        let chosen = indices ?? Array(0..<tensor.shape[0])
        var values = [S](repeating: 0, count: chosen.count * width)
        tensor.withUnsafeBufferPointer { source in
            values.withUnsafeMutableBufferPointer { target in
                for (row, index) in chosen.enumerated() {
                    for j in 0..<width { target[row * width + j] = S(source[index * width + j]) }
                }
            }
        }
        self.init(rows: chosen.count, columns: width, values: values)
    }

    /// Element (i, j).
    @inlinable public subscript(_ i: Int, _ j: Int) -> S {
        get { values[i * columns + j] }
        set { values[i * columns + j] = newValue }
    }

    /// The rows `indices`, in that order.
    public func gatherRows(_ indices: [Int]) -> Dense {
        var result = [S](repeating: 0, count: indices.count * columns)
        values.withUnsafeBufferPointer { source in
            result.withUnsafeMutableBufferPointer { target in
                for (row, index) in indices.enumerated() {
                    for j in 0..<columns { target[row * columns + j] = source[index * columns + j] }
                }
            }
        }
        return Dense(rows: indices.count, columns: columns, values: result)
    }

    /// The columns `range` as a new matrix.
    public func columns(_ range: Range<Int>) -> Dense {
        var result = [S](repeating: 0, count: rows * range.count)
        for i in 0..<rows { for (k, j) in range.enumerated() { result[i * range.count + k] = values[i * columns + j] } }
        return Dense(rows: rows, columns: range.count, values: result)
    }

    /// Mean of each column, accumulated in `Double`.
    public func columnMeans() -> [Double] {
        var sums = [Double](repeating: 0, count: columns)
        values.withUnsafeBufferPointer { v in
            for i in 0..<rows { for j in 0..<columns { sums[j] += Double(v[i * columns + j]) } }
        }
        return sums.map { rows > 0 ? $0 / Double(rows) : 0 }
    }

    /// The matrix with `means` subtracted from each row.
    public func centered(by means: [Double]) -> Dense {
        precondition(means.count == columns, "\(means.count) means for \(columns) columns")
        var result = self
        result.values.withUnsafeMutableBufferPointer { v in
            for i in 0..<rows { for j in 0..<columns { v[i * columns + j] = S(Double(v[i * columns + j]) - means[j]) } }
        }
        return result
    }

    /// The elements converted to another precision.
    public func converted<T: BackendScalar>(to _: T.Type = T.self) -> Dense<T> {
        Dense<T>(rows: rows, columns: columns, values: values.map { T($0) })
    }

    /// The elements as a Float tensor.
    public var tensor: Tensor { Tensor(values.map { Float($0) }, shape: [rows, columns]) }
}

extension LinearAlgebraBackend {
    /// op(A) · op(B) as a new matrix.
    public func product<S: BackendScalar>(_ a: Dense<S>, _ b: Dense<S>, transposeA: Bool = false, transposeB: Bool = false) -> Dense<S> {
        let (m, ka) = transposeA ? (a.columns, a.rows) : (a.rows, a.columns)
        let (kb, n) = transposeB ? (b.columns, b.rows) : (b.rows, b.columns)
        precondition(ka == kb, "inner dimensions differ: \(m)×\(ka) times \(kb)×\(n)")
        var c = Dense<S>(zeros: m, n)
        if m == 0 || n == 0 || ka == 0 { return c }
        a.values.withUnsafeBufferPointer { pa in b.values.withUnsafeBufferPointer { pb in
            c.values.withUnsafeMutableBufferPointer { pc in
                gemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: ka, alpha: 1,
                     a: pa.baseAddress!, lda: max(a.columns, 1), b: pb.baseAddress!, ldb: max(b.columns, 1),
                     beta: 0, c: pc.baseAddress!, ldc: max(n, 1))
            }
        } }
        return c
    }
}
