import Testing
import Foundation
import Tensors

@Suite("Seeded random numbers")
struct RandomTests {
    @Test func streamIsPinnedAcrossMachines() {
        // xoshiro256** seeded through SplitMix64, computed with an independent Python implementation.
        var rng = SeededRNG(seed: 42)
        #expect([rng.next(), rng.next(), rng.next()] == [1546998764402558742, 6990951692964543102, 12544586762248559009])
        var zero = SeededRNG(seed: 0)
        #expect([zero.next(), zero.next()] == [11091344671253066420, 13793997310169335082])
    }

    @Test func sameSeedSameStreamAndDerivedStreamsDiffer() {
        var a = SeededRNG(seed: 9), b = SeededRNG(seed: 9)
        #expect((0..<100).map { _ in a.normal() } == (0..<100).map { _ in b.normal() })
        var c = SeededRNG(seed: 9).derived(0), d = SeededRNG(seed: 9).derived(1)
        #expect(c.next() != d.next())
        var used = SeededRNG(seed: 9)
        _ = used.next()
        var e = used.derived(0), f = SeededRNG(seed: 9).derived(0)
        #expect(e.next() == f.next(), "derived streams do not depend on how much of the parent was used")
    }

    @Test func distributionsHaveTheRightMoments() {
        var rng = SeededRNG(seed: 1)
        let normals = (0..<200_000).map { _ in rng.normal() }
        #expect(abs(Statistics.mean(normals)) < 0.01)
        #expect(abs(Statistics.variance(normals) - 1) < 0.01)
        let uniforms = (0..<200_000).map { _ in rng.uniform() }
        #expect(uniforms.allSatisfy { $0 >= 0 && $0 < 1 })
        #expect(abs(Statistics.mean(uniforms) - 0.5) < 0.005)
        let dice = (0..<60_000).map { _ in rng.integer(below: 6) }
        for face in 0..<6 { #expect(abs(Double(dice.filter { $0 == face }.count) - 10_000) < 400) }
    }

    @Test func permutationsAndSamples() {
        var rng = SeededRNG(seed: 2)
        #expect(rng.permutation(100).sorted() == Array(0..<100))
        let small = rng.sample(10, from: 1_000_000)
        #expect(Set(small).count == 10 && small.allSatisfy { $0 < 1_000_000 })
        let dense = rng.sample(90, from: 100)
        #expect(Set(dense).count == 90)
        let picks = (0..<10_000).map { _ in rng.categorical([0, 1, 3]) }
        #expect(!picks.contains(0))
        #expect(abs(Double(picks.filter { $0 == 2 }.count) / 10_000 - 0.75) < 0.02)
    }
}

@Suite("Statistics")
struct StatisticsTests {
    // Reference values from scipy.stats on the same inputs.
    let x: [Double] = [1, 2, 2, 3, 5, 5, 5, 9]
    let y: [Double] = [2, 1, 4, 3, 7, 6, 6, 8]

    @Test func correlationsMatchScipy() {
        #expect(abs(Statistics.pearson(x, y) - 0.890374084392237) < 1e-12)
        #expect(abs(Statistics.spearman(x, y) - 0.9015094183400432) < 1e-12)
        #expect(Statistics.ranks(x) == [1, 2.5, 2.5, 4, 6, 6, 6, 8])
        #expect(Statistics.pearson([1, 1, 1], [1, 2, 3]).isNaN, "constant input has no correlation")
    }

    @Test func medianAndQuantileMatchNumpy() {
        let values: [Double] = [3, 1, 4, 1, 5, 9, 2, 6]
        #expect(Statistics.median(values) == 3.5)
        #expect(abs(Statistics.quantile(values, 0.3) - 2.1) < 1e-12)
        #expect(Statistics.median([Double.nan, 1, 2, 3]) == 2, "NaN is ignored")
        #expect(Statistics.variance([1.0, 2, 3, 4], correction: 1) == 5.0 / 3)
    }

    @Test func columnwisePearsonAgreesWithVectorPearson() {
        var rng = SeededRNG(seed: 11)
        let a = Tensor.randomNormal([40, 300], rng: &rng)
        var b = a * 0.5 + Tensor.randomNormal([40, 300], rng: &rng)
        for i in 0..<40 { b[i, 7] = 1 }  // a constant column gives NaN
        let r = Statistics.columnwisePearson(a, b)
        for j in [0, 1, 150, 299] {
            let column = { (t: Tensor) in (0..<40).map { Double(t[$0, j]) } }
            #expect(abs(r[j] - Statistics.pearson(column(a), column(b))) < 1e-9)
        }
        #expect(r[7].isNaN)
    }

    @Test func parallelPartitionCoversRangeOnce() {
        for (count, parts) in [(10, 3), (1, 4), (0, 2), (1000, 7)] {
            let ranges = Parallel.partition(count, parts: parts)
            #expect(ranges.flatMap { Array($0) } == Array(0..<count), "count \(count) parts \(parts)")
        }
    }
}
