import Testing
@testable import Tensors

/// Cosine similarities between rows, against the definition computed pair by pair.
@Suite struct CosineTests {
    @Test func matchesThePairwiseDefinition() {
        var rng = SeededRNG(seed: 4)
        let a = Tensor.randomNormal([5, 7], rng: &rng), b = Tensor.randomNormal([3, 7], rng: &rng)
        let cosines = Tensor.cosineSimilarities(a, b)
        #expect(cosines.shape == [5, 3])
        for i in 0..<5 {
            for j in 0..<3 {
                let x = a.row(i).scalars.map(Double.init), y = b.row(j).scalars.map(Double.init)
                let dot = zip(x, y).reduce(0) { $0 + $1.0 * $1.1 }
                let norms = x.reduce(0) { $0 + $1 * $1 }.squareRoot() * y.reduce(0) { $0 + $1 * $1 }.squareRoot()
                #expect(abs(Double(cosines.row(i).scalars[j]) - dot / norms) < 1e-5, "pair \(i), \(j)")
            }
        }
    }

    @Test func selfSimilarityIsOneAndZeroRowsStayZero() {
        let a = Tensor(rows: [[3, 4], [0, 0], [-1, 0]])
        let cosines = Tensor.cosineSimilarities(a, a)
        let expected: [Float] = [1, 0, -0.6, 0, 0, 0, -0.6, 0, 1]
        #expect(zip(cosines.scalars, expected).allSatisfy { abs($0 - $1) < 1e-6 }, "\(cosines.scalars)")
        #expect(zip(a.rowsScaledToUnitNorm().scalars, [0.6, 0.8, 0, 0, -1, 0] as [Float]).allSatisfy { abs($0 - $1) < 1e-7 })
    }
}
