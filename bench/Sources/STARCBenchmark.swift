import Foundation
import Rewards
import Tensors

/// The STARC paper's full experiment (32 states, 4 actions, γ = 0.95, 128 MDPs × 8 pairs × 16
/// steps = 16,384 comparisons, all 301 variants including the exact minimal canonicalisations),
/// beside a numpy implementation of the reference method (value iteration, Monte-Carlo J) and the
/// same numpy code with exact J, both timed on a few comparisons and extrapolated.
let starcBenchmark = Benchmark(name: "starc", summary: "full STARC experiment (16,384 comparisons, all variants) beside numpy reference-method peers") {
    let settings = ExperimentSettings()
    let start = DispatchTime.now().uptimeNanoseconds, cpuStart = processCPUSeconds()
    let result = try STARCExperiment.run(settings)
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, cpu = processCPUSeconds() - cpuStart

    let total = Double(settings.comparisonCount)
    let peer = runPeer("starc_reference.py", ["--comparisons", "3", "--exact-comparisons", "16"],
                       environment: ["OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"])
    var table = BenchTable(title: "STARC experiment, \(settings.comparisonCount) comparisons, \(settings.variants.count) variants, \(Parallel.threadCount) threads",
                           unit: "s", peerName: "numpy", higherIsBetter: false)
    if let reason = peer.note { table.note("numpy peer unavailable: \(reason)") }
    table.add("full experiment vs reference method (VI + Monte-Carlo J), extrapolated", mindscope: seconds,
              peer: peer.value("reference_seconds_per_comparison").map { $0 * total })
    table.add("full experiment vs numpy with exact J, extrapolated", mindscope: seconds,
              peer: peer.value("exact_seconds_per_comparison").map { $0 * total })
    table.note("mindscope: \(String(format: "%.1f", total / seconds)) comparisons/s, \(String(format: "%.1f", cpu)) s of CPU time; the numpy peers run single-threaded on a few comparisons (the reference parallelises over processes).")
    table.note("numpy computes the minimal canonicalisation by the same exact projection; the reference fits it with Adam (up to 1e6 steps, often not converging), which is not timed, so the reference-method figure is a lower bound.")
    table.note("The reference runs environments in a process pool: on this machine's \(Parallel.coreCount) cores its wall time is at best the figure above divided by \(Parallel.coreCount).")
    table.note("\(result.degenerateComparisons) comparisons had a degenerate regret denominator.")
    table.print()

    print("\n#### Pearson correlation of distance with symmetric regret (all \(result.variants.count) variants, sorted)\n")
    print("| rank | variant | pearson |")
    print("|---:|---|---:|")
    for (rank, entry) in result.ranked.enumerated() {
        print("| \(rank + 1) | \(entry.variant.name) | \(String(format: "%.4f", entry.pearson)) |")
    }
}

/// CPU time used by this process so far (all threads), to read wall-clock times on a busy machine.
private func processCPUSeconds() -> Double {
    var usage = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &usage)
    return Double(usage.tv_sec) + Double(usage.tv_nsec) / 1e9
}
