import Foundation
import Models
import Tensors

/// MiniLM (all-MiniLM-L6-v2) forward with every hidden state, batch 32 × 128 tokens, at 1 and 2
/// threads beside PyTorch's `BertModel` (same ids, same threads, same run); the fraction of the
/// sgemm rate the forward reaches; and the cost of loading the model (time, peak resident memory).
let modelsBenchmark = Benchmark(name: "minilm", summary: "MiniLM forward tokens/s beside PyTorch, sgemm fraction, load time and memory") {
    let directory = URL(fileURLWithPath: "models/all-MiniLM-L6-v2")
    let (batchSize, length) = (32, 128)
    let loading = try measureLoading(directory)
    let model = try PretrainedModel.load(directory: directory)
    let summary = model.summary
    let sequences = (0..<batchSize).map { s in (0..<length).map { t in miniLMBenchmarkTokenID(s, t, length) } }
    let batch = try TokenBatch(sequences: sequences)
    let flops = forwardFlops(summary, tokens: batchSize * length, sequenceLength: length)

    var table = BenchTable(title: "MiniLM forward, all hidden states, \(batchSize) × \(length) tokens",
                           unit: "tokens/s", peerName: "PyTorch", higherIsBetter: true)
    var notes: [String] = []
    for threads in [1, 2] {
        Parallel.setThreadCount(threads)
        let peer = runPeer("minilm_torch.py", [directory.path, "\(threads)", "\(batchSize)", "\(length)"])
        if let reason = peer.note { table.note("PyTorch unavailable: \(reason)") }
        let seconds = try bestTime(repeats: 5) { _ = try model.network.forward(batch, options: ForwardOptions()) }
        table.add("\(threads) thread\(threads > 1 ? "s" : "")", mindscope: Double(batchSize * length) / seconds,
                  peer: peer.value("tokens_per_second"))
        let peak = sgemmRate(m: batchSize * length, n: summary.feedForwardSize, k: summary.hiddenSize)
        notes.append(String(format: "%d thread%@: %.1f GFLOP/s = %.0f%% of sgemm's %.1f GFLOP/s (%d×%d×%d)",
                            threads, threads > 1 ? "s" : "", flops / seconds / 1e9, 100 * flops / seconds / peak,
                            peak / 1e9, batchSize * length, summary.feedForwardSize, summary.hiddenSize))
    }
    Parallel.setThreadCount(Parallel.coreCount)
    table.note(String(format: "forward = %.1f GFLOP per batch (projections 2·T·(4C² + 2CF) + attention 4·n²·C per sequence, per layer)", flops / 1e9))
    for note in notes { table.note(note) }
    table.print()

    var memory = BenchTable(title: "Loading MiniLM (weights %.1f MB)".replacingOccurrences(of: "%.1f", with: String(format: "%.1f", loading.fileMB)),
                            unit: "ratio / s", peerName: "goal", higherIsBetter: false)
    memory.add("peak resident memory / weight file, load only", mindscope: loading.peakAfterLoadMB / loading.fileMB, peer: 1.5)
    memory.add("peak resident memory / weight file, load + first forward", mindscope: loading.peakAfterForwardMB / loading.fileMB, peer: 1.5)
    memory.add("load time (s, best of 5)", mindscope: loading.seconds, peer: 0.5)
    memory.note(String(format: "peak resident memory is VmHWM above VmRSS before loading: %.1f MB after load, %.1f MB after a first forward (every weight page touched)",
                       loading.peakAfterLoadMB, loading.peakAfterForwardMB))
    memory.note("ratio column: goal / mindscope (> 1 means within the goal)")
    memory.print()
}

/// The benchmark's token ids: [CLS] … [SEP] around deterministic word pieces (the peer uses the same formula).
func miniLMBenchmarkTokenID(_ s: Int, _ t: Int, _ length: Int) -> Int {
    if t == 0 { return 101 }
    if t == length - 1 { return 102 }
    return 1000 + (s * 131 + t * 17) % 20000
}

/// Flops of one encoder forward: per layer 2·T·(4C² + 2CF) for the projections and 4·n²·C per
/// sequence for QKᵀ and PV.
func forwardFlops(_ s: ModelSummary, tokens: Int, sequenceLength: Int) -> Double {
    let c = Double(s.hiddenSize), f = Double(s.feedForwardSize), t = Double(tokens), n = Double(sequenceLength)
    let perLayer = 2 * t * (4 * c * c + 2 * c * f) + (t / n) * 4 * n * n * c
    return perLayer * Double(s.layerCount)
}

/// sgemm flop rate at the current thread count on one [m, k] × [k, n] product.
func sgemmRate(m: Int, n: Int, k: Int) -> Double {
    var rng = SeededRNG(seed: 3)
    let a = Tensor.randomNormal([m, k], rng: &rng), b = Tensor.randomNormal([k, n], rng: &rng)
    var c = Tensor(zeros: [m, n])
    let seconds = bestTime(repeats: 5) { gemm(a, b, into: &c) }
    return 2 * Double(m) * Double(n) * Double(k) / seconds
}

/// Time and peak memory of loading a model directory.
struct LoadingCost {
    let seconds: Double
    let fileMB: Double
    let peakAfterLoadMB: Double
    let peakAfterForwardMB: Double
}

func measureLoading(_ directory: URL) throws -> LoadingCost {
    let file = directory.appendingPathComponent("model.safetensors").path
    let fileMB = Double((try FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0) / 1e6
    let seconds = try bestTime(repeats: 5) { _ = try PretrainedModel.load(directory: directory) }
    // Reset the high-water mark (Linux ≥ 4.0: "5" to clear_refs), then load once more.
    try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
    let baseline = processMemoryMB("VmRSS")
    let model = try PretrainedModel.load(directory: directory)
    let afterLoad = processMemoryMB("VmHWM") - baseline
    let ids = try model.requireTokenizer().encode("A first sentence touches every weight page.").ids
    _ = try model.network.forward(try TokenBatch(sequences: [ids]), options: ForwardOptions())
    let afterForward = processMemoryMB("VmHWM") - baseline
    return LoadingCost(seconds: seconds, fileMB: fileMB, peakAfterLoadMB: afterLoad, peakAfterForwardMB: afterForward)
}

/// A `/proc/self/status` field in MB (0 when unavailable).
func processMemoryMB(_ field: String) -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = status.split(separator: "\n").first(where: { $0.hasPrefix(field + ":") }),
          let kilobytes = line.split(separator: " ").dropFirst().first.flatMap({ Double($0) }) else { return 0 }
    return kilobytes / 1e3
}
