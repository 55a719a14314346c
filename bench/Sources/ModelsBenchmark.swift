import Foundation
import Models
import Tensors

/// MiniLM (all-MiniLM-L6-v2) forward with every hidden state at 1 and 2 threads beside PyTorch's
/// `BertModel` (same ids, same threads, same run): batch 32 × 128 tokens, and 32 sequences of
/// 16…128 tokens (PyTorch pads them; mindscope packs them). Also the flop rate against sgemm's,
/// and the cost of loading the model (time, peak resident memory).
let modelsBenchmark = Benchmark(name: "minilm", summary: "MiniLM forward tokens/s beside PyTorch, sgemm fraction, load time and memory") {
    let directory = URL(fileURLWithPath: "models/all-MiniLM-L6-v2")
    let (batchSize, length, rounds) = (32, 128, 3)
    let loading = try measureLoading(directory)
    let model = try PretrainedModel.load(directory: directory)
    let fixed = try TokenBatch(sequences: (0..<batchSize).map { s in (0..<length).map { miniLMBenchmarkTokenID(s, $0, length) } })
    let mixed = try TokenBatch(sequences: (0..<batchSize).map { s in
        let n = 16 + (s * 37) % (length - 15)
        return (0..<n).map { miniLMBenchmarkTokenID(s, $0, n) }
    })
    let flops = forwardFlops(model.summary, batch: fixed)
    var table = BenchTable(title: "MiniLM forward, all hidden states (best of \(rounds) rounds × 5 runs, alternating with the peer)",
                           unit: "tokens/s", peerName: "PyTorch", higherIsBetter: true)
    for threads in [1, 2] {
        Parallel.setThreadCount(threads)
        var ours = (fixed: 0.0, mixed: 0.0), theirs: (fixed: Double?, mixed: Double?) = (nil, nil)
        var sgemm = 0.0
        for _ in 0..<rounds {
            sgemm = max(sgemm, sgemmRate(m: fixed.tokenCount, n: model.summary.feedForwardSize, k: model.summary.hiddenSize))
            let peer = runPeer("minilm_torch.py", [directory.path, "\(threads)", "\(batchSize)", "\(length)"])
            if let reason = peer.note { table.note("PyTorch unavailable (\(threads) threads): \(reason)") }
            theirs = (max(theirs.fixed ?? 0, peer.value("fixed") ?? 0), max(theirs.mixed ?? 0, peer.value("mixed") ?? 0))
            ours.fixed = max(ours.fixed, try tokensPerSecond(model, fixed))
            ours.mixed = max(ours.mixed, try tokensPerSecond(model, mixed))
        }
        let label = "\(threads) thread\(threads > 1 ? "s" : "")"
        table.add("\(batchSize) × \(length) tokens, \(label)", mindscope: ours.fixed, peer: theirs.fixed.flatMap { $0 > 0 ? $0 : nil })
        table.add("\(batchSize) × 16…\(length) tokens (mean \(mixed.tokenCount / batchSize)), \(label)", mindscope: ours.mixed,
                  peer: theirs.mixed.flatMap { $0 > 0 ? $0 : nil })
        let achieved = flops * ours.fixed / Double(fixed.tokenCount)
        table.note(String(format: "%@: %.1f GFLOP/s on 32 × 128 = %.0f%% of sgemm's %.1f GFLOP/s (%d×%d×%d); at that rate the whole forward would run at %.0f tokens/s",
                          label, achieved / 1e9, 100 * achieved / sgemm, sgemm / 1e9, fixed.tokenCount, model.summary.feedForwardSize,
                          model.summary.hiddenSize, sgemm / flops * Double(fixed.tokenCount)))
    }
    Parallel.setThreadCount(Parallel.coreCount)
    table.note(String(format: "forward of 32 × 128 = %.1f GFLOP: per layer 2·T·(4C² + 2CF) for projections + 4·n²·C per sequence for attention", flops / 1e9))
    table.note("mixed lengths: PyTorch computes the padded 32 × 128 batch with an attention mask; mindscope packs the real tokens")
    table.print()

    var memory = BenchTable(title: String(format: "Loading MiniLM (weights %.1f MB)", loading.fileMB), unit: "ratio or s", peerName: "goal", higherIsBetter: false)
    memory.add("peak resident memory / weight file, load", mindscope: loading.peakAfterLoadMB / loading.fileMB, peer: 1.5)
    memory.add("peak resident memory / weight file, load + first forward", mindscope: loading.peakAfterForwardMB / loading.fileMB, peer: 1.5)
    memory.add("load time in s (best of 5)", mindscope: loading.seconds, peer: 0.5)
    memory.note(String(format: "peak resident memory = VmHWM above VmRSS before loading: %.1f MB after load, %.1f MB after a first short forward",
                       loading.peakAfterLoadMB, loading.peakAfterForwardMB))
    memory.note("weights are memory-mapped, F32 tensors used in place; ratio column = goal / mindscope (> 1: within the goal)")
    memory.print()
}

/// Real tokens per second of one forward with every hidden state, best of 5 after a warm-up.
func tokensPerSecond(_ model: PretrainedModel, _ batch: TokenBatch) throws -> Double {
    let seconds = try bestTime(repeats: 5) { _ = try model.network.forward(batch, options: ForwardOptions()) }
    return Double(batch.tokenCount) / seconds
}

/// The benchmark's token ids: [CLS] … [SEP] around deterministic word pieces (the peer uses the same formula).
func miniLMBenchmarkTokenID(_ s: Int, _ t: Int, _ length: Int) -> Int {
    if t == 0 { return 101 }
    if t == length - 1 { return 102 }
    return 1000 + (s * 131 + t * 17) % 20000
}

/// Flops of one encoder forward over a packed batch: per layer 2·T·(4C² + 2CF) for the
/// projections and 4·n²·C per sequence for QKᵀ and PV.
func forwardFlops(_ s: ModelSummary, batch: TokenBatch) -> Double {
    let c = Double(s.hiddenSize), f = Double(s.feedForwardSize), t = Double(batch.tokenCount)
    let attention = batch.ranges.reduce(0.0) { $0 + 4 * Double($1.count * $1.count) * c }
    return (2 * t * (4 * c * c + 2 * c * f) + attention) * Double(s.layerCount)
}

/// sgemm flop rate at the current thread count on one [m, k] × [k, n] product (best of 10).
func sgemmRate(m: Int, n: Int, k: Int) -> Double {
    var rng = SeededRNG(seed: 3)
    let a = Tensor.randomNormal([m, k], rng: &rng), b = Tensor.randomNormal([k, n], rng: &rng)
    var c = Tensor(zeros: [m, n])
    let seconds = bestTime(repeats: 10) { gemm(a, b, into: &c) }
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
