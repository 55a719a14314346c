import Foundation
import Tensors

/// sgemm throughput from Swift through OpenBLAS, at 1 and 2 threads, beside numpy (same shapes,
/// same thread counts, same run).
let sgemmBenchmark = Benchmark(name: "sgemm", summary: "sgemm GFLOP/s at 1 and 2 threads beside numpy") {
    let shapes: [(m: Int, n: Int, k: Int)] = [(1024, 1024, 1024), (4096, 1536, 384)]
    var table = BenchTable(title: "sgemm (C = A·B, Float32)", unit: "GFLOP/s", peerName: "numpy", higherIsBetter: true)
    for threads in [1, 2] {
        Parallel.setThreadCount(threads)
        let peer = runPeer("sgemm_numpy.py", shapes.map { "\($0.m)x\($0.n)x\($0.k)" },
                           environment: ["OPENBLAS_NUM_THREADS": "\(threads)", "OMP_NUM_THREADS": "\(threads)"])
        if let reason = peer.note { table.note("numpy unavailable: \(reason)") }
        for (m, n, k) in shapes {
            var rng = SeededRNG(seed: 1)
            let a = Tensor.randomNormal([m, k], rng: &rng), b = Tensor.randomNormal([k, n], rng: &rng)
            var c = Tensor(zeros: [m, n])
            let seconds = bestTime(repeats: 5) { gemm(a, b, into: &c) }
            let gflops = 2.0 * Double(m * n * k) / seconds / 1e9
            let key = "\(m)x\(n)x\(k)"
            table.add("\(m)×\(n)×\(k), \(threads) thread\(threads > 1 ? "s" : "")", mindscope: gflops, peer: peer.value(key))
        }
    }
    Parallel.setThreadCount(Parallel.coreCount)
    table.print()
}
