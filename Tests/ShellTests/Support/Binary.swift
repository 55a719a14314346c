import Foundation
import Testing
import TestSupport

/// The built `mindscope` executable, run as a user would.
enum Binary {
    /// `mindscope` next to this test bundle (both live in `.build/<triple>/<configuration>/`).
    static var url: URL {
        let bundle = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        return bundle.deletingLastPathComponent().appendingPathComponent("mindscope")
    }

    struct Result {
        let status: Int32
        let standardOutput: String
        let standardError: String
    }

    /// The environment for runs: a private HOME, no history file, the test commands on.
    static func environment(home: URL, extra: [String: String] = [:]) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = home.path
        environment["MINDSCOPE_HISTORY"] = ""
        environment["MINDSCOPE_TEST_COMMANDS"] = "1"
        for (key, value) in extra { environment[key] = value }
        return environment
    }

    /// Runs `mindscope arguments...` in `directory`, feeding `input` on standard input.
    static func run(_ arguments: [String], input: String? = nil, in directory: URL) throws -> Result {
        try #require(FileManager.default.isExecutableFile(atPath: url.path), "build mindscope first: \(url.path) is missing")
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = environment(home: directory)
        let (stdout, stderr, stdin) = (Pipe(), Pipe(), Pipe())
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = stdin
        try runUnblocked(process)
        let collected = Collector(stdout, stderr)
        if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
        try stdin.fileHandleForWriting.close()
        process.waitUntilExit()
        let (out, err) = collected.wait()
        return Result(status: process.terminationStatus, standardOutput: out, standardError: err)
    }

    /// A fresh working directory for one test.
    static func directory() -> URL { Fixtures.temporaryDirectory("mindscope-binary") }
}

/// Reads a process's standard output and error to the end on background threads, so neither
/// pipe fills up and blocks the process.
final class Collector: Sendable {
    private let group = DispatchGroup()
    private let output: Pipe
    private let error: Pipe
    private let texts = Texts()

    private final class Texts: @unchecked Sendable {
        var output = ""
        var error = ""
    }

    init(_ output: Pipe, _ error: Pipe) {
        self.output = output
        self.error = error
        let texts = self.texts
        let outputHandle = output.fileHandleForReading, errorHandle = error.fileHandleForReading
        DispatchQueue.global().async(group: group) { texts.output = String(decoding: outputHandle.readDataToEndOfFile(), as: UTF8.self) }
        DispatchQueue.global().async(group: group) { texts.error = String(decoding: errorHandle.readDataToEndOfFile(), as: UTF8.self) }
    }

    /// Both texts, once both pipes are closed.
    func wait() -> (String, String) {
        group.wait()
        return (texts.output, texts.error)
    }
}
