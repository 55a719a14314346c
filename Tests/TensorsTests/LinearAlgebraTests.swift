import Testing
import Tensors

@Suite("LAPACK decompositions")
struct LinearAlgebraTests {
    /// A random symmetric positive-definite n×n matrix: AᵀA + n·I.
    static func spd(_ n: Int, seed: UInt64) -> Tensor {
        var rng = SeededRNG(seed: seed)
        let a = Tensor.randomNormal([n, n], rng: &rng)
        var result = matmul(a, a, transposeA: true)
        for i in 0..<n { result[i, i] += Float(n) }
        return result
    }

    @Test func symmetricEigenReconstructs() throws {
        let a = Self.spd(9, seed: 1)
        let (values, vectors) = try a.symmetricEigen()
        #expect(values.scalars == values.scalars.sorted(), "eigenvalues ascend")
        for j in 0..<9 {  // A v_j = λ_j v_j
            let v = Tensor((0..<9).map { vectors[$0, j] })
            let av = matvec(a, v)
            #expect(av.maxAbsDifference(v * values[j]) < 1e-3)
        }
    }

    @Test(arguments: [(7, 4), (4, 7), (5, 5)])
    func thinSVDReconstructs(rows: Int, columns: Int) throws {
        var rng = SeededRNG(seed: 2)
        let a = Tensor.randomNormal([rows, columns], rng: &rng)
        let (u, s, vt) = try a.thinSVD()
        let k = min(rows, columns)
        #expect(u.shape == [rows, k] && s.shape == [k] && vt.shape == [k, columns])
        var us = u
        for i in 0..<rows { for j in 0..<k { us[i, j] *= s[j] } }
        #expect(matmul(us, vt).maxAbsDifference(a) < 1e-4)
        #expect(matmul(u, u, transposeA: true).maxAbsDifference(identity(k)) < 1e-4)
        #expect(s.scalars == s.scalars.sorted(by: >))
    }

    @Test func doubleSVDReconstructs() throws {
        let a = Matrix([[3, 1, 2], [0, 4, 1]])
        let (u, s, vt) = try a.thinSVD()
        var us = u
        for i in 0..<2 { for j in 0..<2 { us[i, j] *= s[j] } }
        #expect((us * vt).maxAbsDifference(a) < 1e-12)
    }

    @Test func choleskyFactorAndSolve() throws {
        let a = Self.spd(6, seed: 5)
        let l = try a.cholesky()
        for i in 0..<6 { for j in (i + 1)..<6 { #expect(l[i, j] == 0, "L is lower triangular") } }
        #expect(matmul(l, l, transposeB: true).maxAbsDifference(a) < 1e-3)
        var rng = SeededRNG(seed: 6)
        let b = Tensor.randomNormal([6, 3], rng: &rng)
        let x = try l.choleskySolve(b)
        #expect(matmul(a, x).maxAbsDifference(b) < 1e-4)
    }

    @Test func generalSolveFloatAndDouble() throws {
        let a = Tensor(rows: [[2, 1, 0], [1, 3, 1], [0, 1, 4]])
        let x = try a.solve(Tensor([1, 2, 3]))
        #expect(matvec(a, x).maxAbsDifference(Tensor([1, 2, 3])) < 1e-5)
        let m = Matrix([[0, 1], [1, 0]])  // needs pivoting
        #expect(try m.solve([2, 3]) == [3, 2])
    }

    @Test func errorsAreReportedInWords() {
        #expect(throws: LinearAlgebraError.notPositiveDefinite(order: 2)) {
            try Tensor(rows: [[1, 2], [2, 1]]).cholesky()
        }
        #expect(throws: LinearAlgebraError.singular(index: 2)) {
            try Matrix([[1, 2], [2, 4]]).solve([1, 1])
        }
        #expect(throws: LinearAlgebraError.self) { try Tensor(zeros: [2, 3]).symmetricEigen() }
        #expect(LinearAlgebraError.notPositiveDefinite(order: 2).description.contains("not positive definite"))
    }

    func identity(_ n: Int) -> Tensor {
        var t = Tensor(zeros: [n, n])
        for i in 0..<n { t[i, i] = 1 }
        return t
    }
}
