import Foundation
import SAE
import Tensors

/// Throughput of one MLSAE training step (d = 384, F = 6144, k = 32, batch 4096, AuxK active on
/// 1/16 of the latents flagged dead) at 1 and 2 threads, beside a dense PyTorch CPU step with
/// the same method and hyper-parameters (bench/peers/sae_torch.py), plus the encoder sgemm's
/// share of the step and its distance from this machine's sgemm peak.
let saeBenchmark = Benchmark(name: "sae", summary: "MLSAE training step (d=384, F=6144, k=32, batch 4096) beside dense PyTorch") {
    let (d, f, k, batch, layers, deadEvery) = (384, 6144, 32, 4096, 6, 16)
    var rng = SeededRNG(seed: 1)
    let tensors = (0..<layers).map { layer in
        Tensor.randomNormal([batch, d], mean: 0.5 * Float(layer), std: 1 + Float(layer), rng: &rng)
    }
    let data = try InMemoryActivations(layers: tensors)
    let configuration = SAEConfiguration(inputWidth: d, latentCount: f, k: k, layers: Array(0..<layers))
    var table = BenchTable(title: "MLSAE training step (D=\(d), F=\(f), k=\(k), k_aux=256, batch \(batch))",
                           unit: "examples/s", peerName: "PyTorch dense", higherIsBetter: true)
    for threads in [1, 2] {
        Parallel.setThreadCount(threads)
        let environment = ["OMP_NUM_THREADS": "\(threads)", "MKL_NUM_THREADS": "\(threads)", "OPENBLAS_NUM_THREADS": "\(threads)"]
        let peer = runPeer("sae_torch.py", ["\(d)", "\(f)", "\(k)", "\(batch)", "\(layers)", "3", "\(deadEvery)"], environment: environment)
        if let reason = peer.note { table.note("PyTorch unavailable at \(threads) thread(s): \(reason)") }

        let trainer = try makeTrainer(configuration, batch: batch, deadEvery: deadEvery)
        _ = try trainer.train(on: data, steps: 1)  // first step also sets the pre-encoder bias
        let step = try bestTime(repeats: 3, warmup: 0) { _ = try trainer.train(on: data, steps: 1) }
        let label = "\(threads) thread\(threads > 1 ? "s" : "")"
        table.add("training step, \(label)", mindscope: Double(batch) / step, peer: peer.value("examples_per_second"))

        // The encoder sgemm of the step ([N, D]·[D, F]) beside a large square sgemm, the machine's
        // practical peak at this thread count (what `mindscope-bench sgemm` measures).
        let encoderSeconds = sgemmSeconds(m: batch, n: f, k: d, transposeB: true), peakSeconds = sgemmSeconds(m: 2048, n: 2048, k: 2048)
        let encoderFlops = 2.0 * Double(batch * d * f), peakFlops = 2.0 * 2048 * 2048 * 2048
        let encoderRate = encoderFlops / encoderSeconds / 1e9, peakRate = peakFlops / peakSeconds / 1e9
        table.note(String(format: "%@: encoder sgemm 2·N·D·F = %.1f GFLOP in %.0f ms = %.0f GFLOP/s, %.0f%% of the %.0f GFLOP/s peak (2048³ sgemm); %.0f%% of the %.0f ms step",
                          label, encoderFlops / 1e9, encoderSeconds * 1e3, encoderRate, 100 * encoderRate / peakRate, peakRate,
                          100 * encoderSeconds / step, step * 1e3))
    }
    Parallel.setThreadCount(Parallel.coreCount)
    table.print()
}

/// A trainer whose every `deadEvery`-th latent is dead: its encoder row is scaled by 0.01, so it
/// never reaches the top k, and its counter starts past the window. AuxK then runs at its full
/// k_aux = 256 (of 384 dead latents) in every measured step, as in the PyTorch peer.
private func makeTrainer(_ configuration: SAEConfiguration, batch: Int, deadEvery: Int) throws -> SAETrainer {
    let training = TrainingConfiguration(batchSize: batch, deadTokens: 1 << 40, seed: 0)
    let initial = try SparseAutoencoder.initialized(configuration, seed: 0)
    var parameters = initial.parameters
    let width = configuration.inputWidth
    parameters.encoderWeight.withUnsafeMutableBufferPointer { weight in
        for latent in stride(from: 0, to: configuration.latentCount, by: deadEvery) {
            for j in 0..<width { weight[latent * width + j] *= 0.01 }
        }
    }
    var state = TrainingState(configuration: training, sae: configuration)
    for latent in stride(from: 0, to: configuration.latentCount, by: deadEvery) { state.examplesSinceFired[latent] = 1 << 60 }
    return try SAETrainer(sae: SparseAutoencoder(configuration: configuration, parameters: parameters), state: state)
}

/// Best time of C = A·op(B) for [m, k]·[k, n] (B stored [n, k] when `transposeB`, as the encoder's weight is).
private func sgemmSeconds(m: Int, n: Int, k: Int, transposeB: Bool = false) -> Double {
    var rng = SeededRNG(seed: 2)
    let a = Tensor.randomNormal([m, k], rng: &rng), b = Tensor.randomNormal(transposeB ? [n, k] : [k, n], rng: &rng)
    var c = Tensor(zeros: [m, n])
    return bestTime(repeats: 5) { gemm(a, b, transposeB: transposeB, into: &c) }
}
