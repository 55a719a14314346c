import Foundation
import Tensors

// mindscope-bench: release-build benchmarks, each printing a Markdown table of
// workload / mindscope / peer / ratio with the peers run on the same machine in the same run.
// Usage: mindscope-bench [NAME ...]   (no name: all of them)

BLASKernels.relaunchWithBestKernelsIfNeeded()

let benchmarks: [Benchmark] = [
    sgemmBenchmark,
    starcBenchmark,
    plotBenchmark,
    saeBenchmark,
    brainRidgeBenchmark,
    modelsBenchmark,
    shellBenchmark,
]

let requested = Array(CommandLine.arguments.dropFirst())
if requested.contains("--list") {
    for benchmark in benchmarks { print("\(benchmark.name)\t\(benchmark.summary)") }
    exit(0)
}
let unknown = requested.filter { name in !benchmarks.contains { $0.name == name } }
if !unknown.isEmpty {
    FileHandle.standardError.write(Data("error: unknown benchmark \(unknown.joined(separator: ", ")); known: \(benchmarks.map(\.name).joined(separator: ", "))\n".utf8))
    exit(2)
}
let machine = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
    .split(separator: "\n").first { $0.hasPrefix("model name") }?
    .split(separator: ":").last.map { $0.trimmingCharacters(in: .whitespaces) } ?? "unknown CPU"
print("mindscope benchmarks — \(ISO8601DateFormatter().string(from: Date())) — \(machine), \(Parallel.coreCount) cores, OpenBLAS kernels \(BLASKernels.coreName)")
for benchmark in benchmarks where requested.isEmpty || requested.contains(benchmark.name) {
    do { try benchmark.run() } catch { print("\n\(benchmark.name): error: \(error)") }
}
