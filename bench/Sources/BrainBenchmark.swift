import Foundation
import Brain
import Tensors

/// 5-fold cross-validated ridge with a per-target penalty (7 penalties, leave-one-out selection)
/// and Pearson r per target, beside scikit-learn's `RidgeCV(alpha_per_target=True)` in a
/// `KFold(5)` loop on the same data in the same run; also prints the largest difference between
/// the two methods' per-target r (the goal: ≤ 1e-4, and ≥ 10× faster).
let brainRidgeBenchmark = Benchmark(name: "ridge", summary: "5-fold CV ridge, 7 alphas, per-target alpha, beside scikit-learn") {
    let workloads: [(stimuli: Int, features: Int, targets: Int)] = [(1000, 384, 1024), (4000, 1536, 1024)]
    var table = BenchTable(title: "Cross-validated ridge (5 folds, 7 alphas, per-target alpha, Pearson r)", unit: "s",
                           peerName: "scikit-learn", higherIsBetter: false)
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mindscope-ridge-bench-\(getpid())")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    var peerArguments: [String] = [], data: [(Tensor, Tensor)] = []
    for (index, workload) in workloads.enumerated() {
        let (x, y) = ridgeBenchmarkData(workload, seed: UInt64(index + 1))
        let name = workloadName(workload)
        let paths = ["x", "y", "r"].map { directory.appendingPathComponent("\(index)-\($0).bin").path }
        try writeRawFloats(x, to: paths[0])
        try writeRawFloats(y, to: paths[1])
        peerArguments.append("\(name)=\(paths.joined(separator: ",")),\(workload.stimuli),\(workload.features),\(workload.targets)")
        data.append((x, y))
    }
    let peer = runPeer("ridge_sklearn.py", peerArguments)
    if let reason = peer.note { table.note("scikit-learn unavailable: \(reason)") }
    for (index, workload) in workloads.enumerated() {
        let (x, y) = data[index]
        let splits = try KFold(folds: 5).splits(count: workload.stimuli)
        let model = EncodingModel.ridge(alphas: RidgeSolver<Float, OpenBLASBackend>.defaultAlphas, selection: .leaveOneOut)
        var result: CrossValidatedScore?
        let seconds = try bestTime(repeats: workload.stimuli <= 1000 ? 5 : 2) {
            result = try EncodingScores.crossValidated(features: x, responses: y, model: model, splits: splits, precision: .single)
        }
        let name = workloadName(workload)
        table.add("\(workload.stimuli)×\(workload.features) → \(workload.targets)", mindscope: seconds, peer: peer.value(name))
        let peerPath = directory.appendingPathComponent("\(index)-r.bin").path
        if let ours = result?.perTarget, let theirs = try? readRawDoubles(peerPath, count: workload.targets) {
            let difference = zip(ours, theirs).reduce(0.0) { max($0, abs($1.0 - $1.1)) }
            table.note("\(name): max |r(mindscope) − r(scikit-learn)| over \(workload.targets) targets = \(String(format: "%.2e", difference))")
        }
    }
    table.print()
}

private func workloadName(_ workload: (stimuli: Int, features: Int, targets: Int)) -> String {
    "\(workload.stimuli)x\(workload.features)x\(workload.targets)"
}

/// Features from a normal distribution with unequal column scales; targets from a sparse linear
/// map of them plus noise whose level varies by target, so different targets prefer different penalties.
private func ridgeBenchmarkData(_ workload: (stimuli: Int, features: Int, targets: Int), seed: UInt64) -> (Tensor, Tensor) {
    var rng = SeededRNG(seed: seed)
    let (s, f, t) = workload
    let scales = (0..<f).map { 0.5 + 2.5 * Float($0) / Float(max(f - 1, 1)) }
    let x = Tensor(shape: [s, f]) { v in for i in 0..<s { for j in 0..<f { v[i * f + j] = scales[j] * Float(rng.normal()) } } }
    let weights = Tensor(shape: [f, t]) { v in for i in 0..<(f * t) { v[i] = rng.uniform() < 0.05 ? Float(rng.normal()) : 0 } }
    var y = matmul(x, weights)
    let noise = (0..<t).map { Float(0.1 * pow(1000.0, Double($0) / Double(max(t - 1, 1)))) }
    y.withUnsafeMutableBufferPointer { v in for i in 0..<s { for j in 0..<t { v[i * t + j] += noise[j] * Float(rng.normal()) } } }
    return (x, y)
}

private func writeRawFloats(_ tensor: Tensor, to path: String) throws {
    let data = tensor.withUnsafeBufferPointer { Data(buffer: $0) }  // little-endian on every supported machine
    try data.write(to: URL(fileURLWithPath: path))
}

private func readRawDoubles(_ path: String, count: Int) throws -> [Double] {
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    guard data.count == count * 8 else { throw BrainError.shape("peer wrote \(data.count) bytes, expected \(count * 8)") }
    return data.withUnsafeBytes { Array($0.bindMemory(to: Double.self)) }
}
