import Testing
import COpenBLAS
@testable import Tensors

/// `Parallel.forRangesWithSerialBLAS`: same results as a serial loop, BLAS threads restored.
@Suite struct ParallelBLASTests {
    @Test func coversEveryIndexOnceAndRestoresBLASThreads() {
        let before = openblas_get_num_threads()
        var hits = [Int](repeating: 0, count: 1000)
        hits.withUnsafeMutableBufferPointer { counts in
            Parallel.forRangesWithSerialBLAS(counts.count, minimumChunk: 7) { range in
                for i in range { counts[i] += 1 }
            }
        }
        #expect(hits.allSatisfy { $0 == 1 })
        #expect(openblas_get_num_threads() == before)
    }

    @Test func productsInsideMatchTheNaiveDefinition() {
        var rng = SeededRNG(seed: 4)
        let a = (0..<8).map { _ in Tensor.randomNormal([9, 5], rng: &rng) }
        let b = Tensor.randomNormal([5, 6], rng: &rng)
        var results = [Tensor](repeating: Tensor(zeros: [9, 6]), count: 8)
        results.withUnsafeMutableBufferPointer { out in
            Parallel.forRangesWithSerialBLAS(8) { range in
                for i in range { out[i] = matmul(a[i], b) }
            }
        }
        for i in 0..<8 { #expect(results[i].maxAbsDifference(naiveMatmul(a[i], b)) < 1e-5) }
    }

    @Test func serialBLASScopeRestoresAndNests() {
        let before = openblas_get_num_threads()
        let inside = Parallel.withSerialBLAS { Parallel.withSerialBLAS { openblas_get_num_threads() } }
        #expect(inside == 1)
        #expect(openblas_get_num_threads() == before)
    }
}
