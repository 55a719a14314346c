import Foundation

/// The shell's own overheads, timed in a pseudo-terminal as a user meets them: process start
/// to the first prompt, and one trivial statement (`ls` on an empty workspace: parse, bind,
/// run, print, append to the transcript) from Enter to the next prompt. The peer is CPython's
/// interactive prompt timed the same way (`python3 -q -i`, then `pass`), plus `python3 -c pass`
/// (start to exit) as the usual reference for interpreter start-up.
let shellBenchmark = Benchmark(name: "shell", summary: "mindscope start-up to the first prompt and cost of a trivial statement, beside python3") {
    let binary = FileManager.default.currentDirectoryPath + "/.build/release/mindscope"
    var table = BenchTable(title: "Shell start-up and statement cost (median)", unit: "ms", peerName: "python3", higherIsBetter: false)
    guard FileManager.default.isExecutableFile(atPath: binary) else {
        table.note("\(binary) is missing: build it with swift build -c release")
        table.print()
        return
    }
    let python = ["/usr/bin/python3", "/usr/local/bin/python3"].first { FileManager.default.isExecutableFile(atPath: $0) }
        ?? ProcessInfo.processInfo.environment["PATH"]?.split(separator: ":").map { "\($0)/python3" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mindscope-bench-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let environment = ["HOME": directory, "MINDSCOPE_HISTORY": "", "TERM": "xterm", "LANG": "C.UTF-8",
                       "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]

    let mindscope = try promptTimes([binary], prompt: "mindscope> ", statement: "ls\r", environment: environment, directory: directory)
    let peer = try python.map { try promptTimes([$0, "-q", "-i"], prompt: ">>> ", statement: "pass\r", environment: environment, directory: directory) }
    table.add("start → first prompt", mindscope: median(mindscope.startup), peer: peer.map { median($0.startup) })
    table.add("trivial statement → next prompt", mindscope: median(mindscope.statement), peer: peer.map { median($0.statement) })
    let oneShot = try (0..<15).map { _ in try timeToExit([binary, "-c", "ls"], environment: environment, directory: directory) }
    let pythonOneShot = try python.map { python in try (0..<15).map { _ in try timeToExit([python, "-c", "pass"], environment: environment, directory: directory) } }
    table.add("mindscope -c ls / python3 -c pass (start → exit)", mindscope: median(oneShot), peer: pythonOneShot.map(median))
    if python == nil { table.note("python3 not found: no peer column") }
    table.note("goal: start → first prompt ≤ 100 ms; each number is the median of 15 starts or 200 statements, in a pseudo-terminal")
    table.print()
}

/// Start-up times (ms) to the first prompt over 15 starts, and per-statement times (ms) over
/// 200 statements typed in the last of them.
private func promptTimes(_ arguments: [String], prompt: String, statement: String, environment: [String: String],
                         directory: String) throws -> (startup: [Double], statement: [Double]) {
    var startup: [Double] = []
    var statements: [Double] = []
    for run in 0..<15 {
        let start = DispatchTime.now().uptimeNanoseconds
        let session = try TerminalSession(arguments, environment: environment, directory: directory)
        try session.read(until: prompt)
        startup.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        if run == 14 {
            usleep(100_000)
            for _ in 0..<200 {
                let typed = DispatchTime.now().uptimeNanoseconds
                session.type(statement)
                try session.read(until: prompt)
                statements.append(Double(DispatchTime.now().uptimeNanoseconds - typed) / 1e6)
            }
        }
        try session.quit()
    }
    return (startup, statements)
}

/// Milliseconds from start to exit of `arguments` run in a pseudo-terminal.
private func timeToExit(_ arguments: [String], environment: [String: String], directory: String) throws -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    let session = try TerminalSession(arguments, environment: environment, directory: directory)
    session.waitForExit()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
}

private func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.isEmpty ? .nan : sorted[sorted.count / 2]
}
