import Foundation

/// One benchmark: a name for the command line and a body that prints its table.
struct Benchmark: Sendable {
    let name: String
    let summary: String
    let run: @Sendable () throws -> Void
}

/// Wall-clock timing: the best of `repeats` runs after `warmup` runs (seconds).
func bestTime(repeats: Int = 5, warmup: Int = 1, _ body: () throws -> Void) rethrows -> Double {
    for _ in 0..<warmup { try body() }
    var best = Double.infinity
    for _ in 0..<repeats {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    return best
}

/// The result of a peer script: a dictionary of numbers by workload name, or why there is none.
enum PeerResult {
    case values([String: Double])
    case unavailable(String)

    func value(_ key: String) -> Double? {
        if case let .values(values) = self { return values[key] }
        return nil
    }

    var note: String? {
        if case let .unavailable(reason) = self { return reason }
        return nil
    }
}

/// Runs `python3 bench/peers/SCRIPT args...` in this process's run; the script prints one JSON
/// object of numbers on its last line, or exits 3 with a reason when its library is missing.
func runPeer(_ script: String, _ arguments: [String] = [], environment: [String: String] = [:]) -> PeerResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "bench/peers/\(script)"] + arguments
    var env = ProcessInfo.processInfo.environment
    for (key, value) in environment { env[key] = value }
    process.environment = env
    let output = Pipe(), errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    do { try process.run() } catch { return .unavailable("python3 not runnable: \(error)") }
    let data = output.fileHandleForReading.readDataToEndOfFile()
    let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    let text = String(decoding: data, as: UTF8.self)
    guard process.terminationStatus == 0 else {
        let reason = (text + errorText).split(separator: "\n").last.map(String.init) ?? "exit \(process.terminationStatus)"
        return .unavailable(reason)
    }
    guard let last = text.split(separator: "\n").last,
          let object = try? JSONSerialization.jsonObject(with: Data(last.utf8)) as? [String: Any] else {
        return .unavailable("peer printed no JSON result")
    }
    return .values(object.compactMapValues { ($0 as? NSNumber)?.doubleValue })
}

/// A table of workload / mindscope / peer / ratio, printed in Markdown so RESULTS.md can hold it.
struct BenchTable {
    let title: String
    let unit: String
    let peerName: String
    /// True when larger numbers are better (throughput); false for times.
    let higherIsBetter: Bool
    private var rows: [(String, Double, Double?)] = []
    private var notes: [String] = []

    init(title: String, unit: String, peerName: String, higherIsBetter: Bool) {
        self.title = title
        self.unit = unit
        self.peerName = peerName
        self.higherIsBetter = higherIsBetter
    }

    mutating func add(_ workload: String, mindscope: Double, peer: Double?) { rows.append((workload, mindscope, peer)) }
    mutating func note(_ text: String) { notes.append(text) }

    func print() {
        Swift.print("\n### \(title)\n")
        Swift.print("| workload | mindscope (\(unit)) | \(peerName) (\(unit)) | ratio |")
        Swift.print("|---|---:|---:|---:|")
        for (workload, ours, peer) in rows {
            let peerText = peer.map { format($0) } ?? "n/a"
            var ratio = "n/a"
            if let peer, peer > 0, ours > 0 { ratio = String(format: "%.2f×", higherIsBetter ? ours / peer : peer / ours) }
            Swift.print("| \(workload) | \(format(ours)) | \(peerText) | \(ratio) |")
        }
        if !notes.isEmpty { Swift.print(""); for note in notes { Swift.print("- \(note)") } }
        Swift.print("\nratio > 1 means mindscope is faster.")
    }

    private func format(_ value: Double) -> String {
        if value >= 100 { return String(format: "%.0f", value) }
        if value >= 1 { return String(format: "%.2f", value) }
        return String(format: "%.4f", value)
    }
}
