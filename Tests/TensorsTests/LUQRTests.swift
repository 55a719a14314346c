import Testing
import Tensors

/// LU (dgetrf/dgetrs) and thin QR (dgeqrf/dorgqr) against direct products.
@Suite struct LUQRTests {
    private func randomMatrix(_ rows: Int, _ columns: Int, seed: UInt64) -> [Double] {
        var rng = SeededRNG(seed: seed)
        return (0..<(rows * columns)).map { _ in rng.normal() }
    }

    private func multiply(_ a: [Double], _ x: [Double], n: Int, transposed: Bool) -> [Double] {
        (0..<n).map { i in (0..<n).reduce(0.0) { $0 + (transposed ? a[$1 * n + i] : a[i * n + $1]) * x[$1] } }
    }

    @Test func luSolvesMatrixAndTranspose() throws {
        for n in [1, 3, 17] {
            let a = randomMatrix(n, n, seed: UInt64(n))
            let b = randomMatrix(n, 1, seed: 99)
            let lu = try LUFactorisation(a, n: n)
            for transposed in [false, true] {
                let x = try lu.solve(b, transposed: transposed)
                let back = multiply(a, x, n: n, transposed: transposed)
                for i in 0..<n { #expect(abs(back[i] - b[i]) < 1e-10, "n=\(n) transposed=\(transposed) row \(i)") }
            }
        }
    }

    @Test func luSolvesSeveralRightHandSides() throws {
        let n = 6, count = 3
        let a = randomMatrix(n, n, seed: 5)
        var columns = randomMatrix(count, n, seed: 6)
        let original = columns
        try LUFactorisation(a, n: n).solve(columns: &columns, count: count)
        for k in 0..<count {
            let back = multiply(a, Array(columns[(k * n)..<((k + 1) * n)]), n: n, transposed: false)
            for i in 0..<n { #expect(abs(back[i] - original[k * n + i]) < 1e-10) }
        }
    }

    @Test func luReportsSingularMatrix() {
        #expect(throws: LinearAlgebraError.self) { try LUFactorisation([1, 2, 2, 4], n: 2) }
        #expect(throws: LinearAlgebraError.self) { try LUFactorisation([1, 2, 3], n: 2) }
    }

    @Test func thinQRReconstructsWithOrthonormalColumns() throws {
        let (m, n) = (9, 4)
        let a = randomMatrix(m, n, seed: 11)
        let (q, r) = try Decompositions.thinQR(a, rows: m, columns: n)
        for i in 0..<m {
            for j in 0..<n {
                let product = (0..<n).reduce(0.0) { $0 + q[i * n + $1] * r[$1 * n + j] }
                #expect(abs(product - a[i * n + j]) < 1e-12, "A[\(i), \(j)]")
            }
        }
        for j in 0..<n {
            for k in 0..<n {
                let dot = (0..<m).reduce(0.0) { $0 + q[$1 * n + j] * q[$1 * n + k] }
                #expect(abs(dot - (j == k ? 1 : 0)) < 1e-12, "QᵀQ[\(j), \(k)]")
            }
            for k in 0..<j { #expect(r[j * n + k] == 0) }
        }
        #expect(throws: LinearAlgebraError.self) { try Decompositions.thinQR(a, rows: n, columns: m) }
    }
}

/// The `Double` overload of Pearson correlation agrees with the generic one.
@Suite struct DoublePearsonTests {
    @Test func matchesGenericPearson() {
        var rng = SeededRNG(seed: 3)
        let x = (0..<1000).map { _ in rng.normal() }
        let y = x.map { 0.3 * $0 + rng.normal() }
        let generic = Statistics.pearson(x.lazy.map { $0 }, y.lazy.map { $0 })
        #expect(abs(Statistics.pearson(x, y) - generic) < 1e-14)
        #expect(Statistics.pearson([1, 1, 1], [1, 2, 3]).isNaN)
        #expect(Statistics.pearson([Double](), []).isNaN)
    }
}
