import Foundation
import Testing

/// Ctrl-C (SIGINT) sent to a running `mindscope`: the statement stops, keeps the state reached,
/// and the session goes on (piped input) or the script stops with status 130.
@Suite("Interrupting statements", .serialized)
struct InterruptTests {
    @Test func pipedSessionContinuesAfterAnInterruptedStatement() throws {
        let directory = Binary.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let running = try RunningBinary(["--session", "live"], in: directory)
        running.send("help quit\nselftest spin steps=100000 ms=1\n")
        #expect(running.wait { running.standardOutput.contains("End the session") })
        let transcript = directory.appendingPathComponent("sessions/live.md")
        #expect(running.wait {
            ((try? String(contentsOf: transcript, encoding: .utf8)) ?? "").contains("```msc\nhelp quit\n```")
        }, "the transcript holds each statement as soon as it ends")
        usleep(400_000)
        running.process.interrupt()
        #expect(running.wait { running.standardError.contains("interrupted\n") })
        running.send("ls\nquit\n")
        try running.closeInput()
        #expect(running.finish() == 0)
        let output = running.standardOutput
        #expect(output.contains("reached step "), "\(output)")
        #expect(output.contains(" of 100000\n_1 (table): steps reached (1 row × 1 column)\nname  kind   shape  memory\n"), "\(output)")
        #expect(output.hasSuffix("_1    table  1 × 1     8 B\n"), "\(output)")
        #expect(running.standardError == "interrupted\n")
        let text = try String(contentsOf: transcript, encoding: .utf8)
        #expect(text.contains("```msc interrupted\nselftest spin steps=100000 ms=1\n```\n```text\nreached step "))
        #expect(text.contains("interrupted\n```\n\n```msc\nls\n```"))
    }

    @Test func scriptStopsWithStatus130() throws {
        let directory = Binary.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("selftest spin steps=100000 ms=1\nls\n".utf8).write(to: directory.appendingPathComponent("long.msc"))
        let running = try RunningBinary(["run", "long.msc", "--session", "long"], in: directory)
        let transcript = directory.appendingPathComponent("sessions/long.md")
        #expect(running.wait { FileManager.default.fileExists(atPath: transcript.path) })
        usleep(400_000)
        running.process.interrupt()
        #expect(running.finish() == 130)
        #expect(running.standardOutput.hasPrefix("reached step "))
        #expect(!running.standardOutput.contains("name  kind"))
        #expect(running.standardError == "interrupted\n")
    }

    @Test func ctrlCWhileWaitingForPipedInputEndsTheSession() throws {
        let directory = Binary.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let running = try RunningBinary(["--session", "idle"], in: directory)
        running.send("ls\n")
        #expect(running.wait { running.standardOutput == "the workspace is empty\n" })
        // Interrupt once the main thread waits in read(0, ...) for the next statement: a Ctrl-C
        // that lands while the statement that printed is still ending belongs to that statement.
        let syscall = "/proc/\(running.process.processIdentifier)/syscall"
        #expect(running.wait { ((try? String(contentsOfFile: syscall, encoding: .utf8)) ?? "").hasPrefix("0 0x0 ") })
        running.process.interrupt()
        #expect(running.finish() == 130)
    }
}
