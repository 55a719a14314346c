import Testing
import Tensors

@Suite("Matrix products")
struct BLASTests {
    @Test(arguments: [(false, false), (true, false), (false, true), (true, true)])
    func gemmMatchesNaiveForEveryTranspose(transposeA: Bool, transposeB: Bool) {
        var rng = SeededRNG(seed: 3)
        let (m, n, k) = (13, 7, 29)
        let a = Tensor.randomNormal(transposeA ? [k, m] : [m, k], rng: &rng)
        let b = Tensor.randomNormal(transposeB ? [n, k] : [k, n], rng: &rng)
        let fast = matmul(a, b, transposeA: transposeA, transposeB: transposeB)
        let slow = naiveMatmul(a, b, transposeA: transposeA, transposeB: transposeB)
        #expect(fast.maxAbsDifference(slow) < 1e-4, "transposeA \(transposeA) transposeB \(transposeB)")
    }

    @Test func gemmAccumulatesWithBeta() {
        let a = Tensor(rows: [[1, 2], [3, 4]]), b = Tensor(rows: [[1, 0], [0, 1]])
        var c = Tensor(rows: [[10, 10], [10, 10]])
        gemm(a, b, alpha: 2, beta: 1, into: &c)
        #expect(c.scalars == [12, 14, 16, 18])
    }

    @Test func gemvBothOrientations() {
        let a = Tensor(rows: [[1, 2, 3], [4, 5, 6]])
        #expect(matvec(a, Tensor([1, 0, -1])).scalars == [-2, -2])
        #expect(matvec(a, Tensor([1, 1]), transpose: true).scalars == [5, 7, 9])
    }

    @Test func doubleMatrixProduct() {
        let a = Matrix([[1, 2, 3], [4, 5, 6]]), b = Matrix([[1, 0], [0, 1], [1, 1]])
        #expect((a * b) == Matrix([[4, 5], [10, 11]]))
        #expect(a.multiplied(by: a, transposeSelf: false, transposeOther: true) == Matrix([[14, 32], [32, 77]]))
        #expect(a.transposed.transposed == a)
    }

    @Test func emptyInnerDimensionScalesByBeta() {
        var c = Tensor(repeating: 3, shape: [2, 2])
        gemm(Tensor(zeros: [2, 0]), Tensor(zeros: [0, 2]), alpha: 1, beta: 0.5, into: &c)
        #expect(c.scalars == [1.5, 1.5, 1.5, 1.5])
    }
}
