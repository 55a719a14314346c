import Testing
import Tensors

@Suite("Tensor values")
struct TensorTests {
    @Test func shapeCountAndRows() {
        let t = Tensor((0..<12).map(Float.init), shape: [3, 4])
        #expect(t.count == 12 && t.rank == 2 && t.rowCount == 3 && t.rowWidth == 4)
        #expect(t[1, 2] == 6)
        #expect(t.rows(1..<3).scalars == (4..<12).map(Float.init))
        #expect(t.row(2).shape == [4] && t.row(2).scalars == [8, 9, 10, 11])
    }

    @Test func viewsAreCopiedOnWrite() {
        let t = Tensor((0..<6).map(Float.init), shape: [3, 2])
        var view = t.rows(1..<2)
        view[0, 0] = 100
        #expect(t[1, 0] == 2, "writing a view must not change the original")
        #expect(view.scalars == [100, 3])
        var copy = t
        copy[0, 0] = -1
        #expect(t[0, 0] == 0 && copy[0, 0] == -1)
    }

    @Test func reshapeWithWildcard() {
        let t = Tensor(zeros: [2, 3, 4])
        #expect(t.reshaped([-1, 4]).shape == [6, 4])
        #expect(t.reshaped([2, -1]).shape == [2, 12])
    }

    @Test func elementwiseAndRowBroadcast() {
        let a = Tensor(rows: [[1, 2, 3], [4, 5, 6]])
        let row = Tensor([10, 20, 30])
        #expect((a + row).scalars == [11, 22, 33, 14, 25, 36])
        #expect((a * 2).scalars == [2, 4, 6, 8, 10, 12])
        #expect((a - a).scalars.allSatisfy { $0 == 0 })
        var b = a
        b.addScaled(a, alpha: 0.5)
        #expect(b.scalars == [1.5, 3, 4.5, 6, 7.5, 9])
        #expect(a.transposed().scalars == [1, 4, 2, 5, 3, 6])
    }

    @Test func concatenateAndCompact() {
        let a = Tensor(rows: [[1, 2]]), b = Tensor(rows: [[3, 4], [5, 6]])
        let c = Tensor.concatenateRows([a, b])
        #expect(c.shape == [3, 2] && c.scalars == [1, 2, 3, 4, 5, 6])
        #expect(c.rows(1..<3).compacted() == b)
    }

    @Test func reductionsAlongAxes() {
        let a = Tensor(rows: [[1, 2, 3], [4, 5, 9]])
        #expect(a.sum(axis: 0).scalars == [5, 7, 12])
        #expect(a.sum(axis: 1).scalars == [6, 18])
        #expect(a.mean(axis: 1).scalars == [2, 6])
        #expect(a.max(axis: 0).scalars == [4, 5, 9])
        #expect(a.argmax(axis: 1) == [2, 2])
        #expect(a.argmax(axis: 0) == [1, 1, 1])
        // Population variance of [4, 5, 9] = 14/3; sample variance = 7.
        #expect(abs(a.variance(axis: 1).scalars[1] - 14.0 / 3) < 1e-6)
        #expect(abs(a.variance(axis: 1, correction: 1).scalars[1] - 7) < 1e-6)
        #expect(a.sum() == 24)
    }

    @Test func reductionOfRank3MiddleAxis() {
        let t = Tensor((0..<24).map(Float.init), shape: [2, 3, 4])
        let s = t.sum(axis: 1)
        #expect(s.shape == [2, 4])
        #expect(s[0, 0] == 0 + 4 + 8 && s[1, 3] == 15 + 19 + 23)
    }
}
