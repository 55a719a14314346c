import Foundation
import Synchronization
import Testing

/// A `mindscope` process kept running, fed statements one at a time, for tests that interrupt
/// statements while they run.
final class RunningBinary {
    let process = Process()
    private let input = Pipe()
    private let output = OutputBuffer()
    let directory: URL
    private let outputHandles: (FileHandle, FileHandle)

    init(_ arguments: [String], in directory: URL) throws {
        self.directory = directory
        try #require(FileManager.default.isExecutableFile(atPath: Binary.url.path), "build mindscope first")
        process.executableURL = Binary.url
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = Binary.environment(home: directory)
        let (stdout, stderr) = (Pipe(), Pipe())
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = input
        outputHandles = (stdout.fileHandleForReading, stderr.fileHandleForReading)
        let output = self.output
        stdout.fileHandleForReading.readabilityHandler = { handle in
            let text = String(decoding: handle.availableData, as: UTF8.self)
            output.text.withLock { $0.standardOutput += text }
        }
        stderr.fileHandleForReading.readabilityHandler = { handle in
            let text = String(decoding: handle.availableData, as: UTF8.self)
            output.text.withLock { $0.standardError += text }
        }
        try runUnblocked(process)
    }

    var standardOutput: String { output.text.withLock { $0.standardOutput } }
    var standardError: String { output.text.withLock { $0.standardError } }

    /// Sends `text` to standard input.
    func send(_ text: String) { input.fileHandleForWriting.write(Data(text.utf8)) }

    /// Closes standard input.
    func closeInput() throws { try input.fileHandleForWriting.close() }

    /// Waits (up to `timeout` seconds) until `condition` holds; returns whether it did.
    func wait(timeout: Double = 10, until condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if condition() { return true }
            usleep(20_000)
        }
        return condition()
    }

    /// Waits for the process to end and for its last output, returning the exit status.
    func finish(timeout: Double = 20) -> Int32? {
        guard wait(timeout: timeout, until: { !process.isRunning }) else {
            process.terminate()
            return nil
        }
        outputHandles.0.readabilityHandler = nil
        outputHandles.1.readabilityHandler = nil
        let rest = (String(decoding: outputHandles.0.readDataToEndOfFile(), as: UTF8.self),
                    String(decoding: outputHandles.1.readDataToEndOfFile(), as: UTF8.self))
        output.text.withLock { $0.standardOutput += rest.0; $0.standardError += rest.1 }
        return process.terminationStatus
    }
}

/// Text read from a process, shared with the pipes' reading handlers.
final class OutputBuffer: Sendable {
    let text = Mutex<(standardOutput: String, standardError: String)>(("", ""))
}
