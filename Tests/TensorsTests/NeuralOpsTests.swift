import Testing
import Foundation
import Tensors

@Suite("Neural-network row operations")
struct NeuralOpsTests {
    @Test func softmaxMatchesDefinition() {
        let t = Tensor(rows: [[1, 2, 3], [1000, 1000, 1000]])
        let s = t.softmaxRows()
        let e = [exp(1.0), exp(2.0), exp(3.0)], total = e.reduce(0, +)
        for j in 0..<3 { #expect(abs(Double(s[0, j]) - e[j] / total) < 1e-6) }
        for j in 0..<3 { #expect(abs(s[1, j] - 1.0 / 3) < 1e-6, "large logits must not overflow") }
    }

    @Test func softmaxOfFullyMaskedRowIsZero() {
        let s = Tensor(rows: [[-.infinity, -.infinity]]).softmaxRows()
        #expect(s.scalars == [0, 0])
    }

    @Test func layerNormMatchesHandComputation() {
        // Row [1, 2, 3, 4]: mean 2.5, biased variance 1.25.
        let x = Tensor(rows: [[1, 2, 3, 4]])
        let y = x.layerNormRows(gamma: Tensor([1, 2, 1, 1]), beta: Tensor([0, 0, 0, 1]), eps: 1e-5)
        let inv = 1 / (1.25 + 1e-5).squareRoot()
        let expected = [-1.5 * inv, -0.5 * inv * 2, 0.5 * inv, 1.5 * inv + 1]
        for j in 0..<4 { #expect(abs(Double(y[0, j]) - expected[j]) < 1e-6) }
    }

    @Test func geluErfKnownValues() {
        // 0.5·x·(1 + erf(x/√2)) at x = 1, −1, 2 (values from the standard normal CDF).
        let y = Tensor([1, -1, 2, 0]).gelu()
        #expect(abs(y[0] - 0.8413447) < 1e-6)
        #expect(abs(y[1] + 0.1586553) < 1e-6)
        #expect(abs(y[2] - 1.9544997) < 1e-6)
        #expect(y[3] == 0)
    }

    @Test func topKOrdersAndBreaksTiesByIndex() {
        let t = Tensor(rows: [[3, 1, 3, 2, 5], [0, 0, 0, 0, 0]])
        let (values, indices) = t.topK(3)
        #expect(values.scalars == [5, 3, 3, 0, 0, 0])
        #expect(indices == [4, 0, 2, 0, 1, 2])
    }

    @Test func topKAgreesWithSortingOnRandomRows() {
        var rng = SeededRNG(seed: 7)
        let t = Tensor.randomNormal([50, 200], rng: &rng)
        let (values, indices) = t.topK(17)
        for row in 0..<50 {
            let sorted = t.row(row).scalars.enumerated().sorted { $0.element > $1.element || ($0.element == $1.element && $0.offset < $1.offset) }
            #expect(Array(sorted.prefix(17).map { Int32($0.offset) }) == Array(indices[(row * 17)..<((row + 1) * 17)]))
            #expect(values.row(row).scalars == sorted.prefix(17).map(\.element))
        }
    }

    @Test func gatherAndScatterAddRows() {
        let t = Tensor(rows: [[1, 1], [2, 2], [3, 3]])
        #expect(t.gatherRows([2, 0, 2]).scalars == [3, 3, 1, 1, 3, 3])
        var target = Tensor(zeros: [3, 2])
        target.scatterAddRows(Tensor(rows: [[1, 2], [10, 20], [100, 200]]), at: [1, 1, 0])
        #expect(target.scalars == [100, 200, 11, 22, 0, 0])
    }
}
