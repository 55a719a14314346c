import Foundation
import Testing
import TestSupport

/// `mindscope --init FILE`: the script's statements run first and are recorded like any others;
/// at the prompt an error in it is reported and the session goes on; `sessions/start.msc` (what
/// `make run` opens with) loads the default model and the fortunes.
@Suite("The --init script")
struct InitScriptTests {
    /// A working directory with the repository's `models` linked in and `sessions/start.msc` copied.
    func directoryWithStartScript() throws -> URL {
        let directory = Binary.directory()
        _ = try ModelsTestPaths.requireMiniLM()
        try FileManager.default.createSymbolicLink(at: directory.appendingPathComponent("models"),
                                                   withDestinationURL: ModelsTestPaths.repositoryRoot.appendingPathComponent("models"))
        try FileManager.default.copyItem(at: ModelsTestPaths.repositoryRoot.appendingPathComponent("sessions/start.msc"),
                                         to: directory.appendingPathComponent("start.msc"))
        return directory
    }

    @Test func startScriptLoadsTheDefaultModelAndCorpus() throws {
        let directory = try directoryWithStartScript()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try Binary.run(["--init", "start.msc", "--session", "start"], input: "ls\n", in: directory)
        #expect(result.status == 0 && result.standardError == "", "\(result.standardError)")
        #expect(result.standardOutput.contains("minilm (model): BERT, 6 layers, width 384, 22.7M parameters\n"))
        #expect(result.standardOutput.contains("fortunes (text): "))
        #expect(result.standardOutput.contains("Loaded minilm (all-MiniLM-L6-v2) and fortunes"))
        #expect(result.standardOutput.contains("minilm    model  6 layers × 384  86.6 MiB\nfortunes  text   "), "\(result.standardOutput)")
        let transcript = try String(contentsOf: directory.appendingPathComponent("sessions/start.md"), encoding: .utf8)
        #expect(transcript.contains("```msc\nminilm = load model models/all-MiniLM-L6-v2\n```"))
        #expect(transcript.contains("```msc\nls\n```"))
    }

    @Test func anErrorInTheInitScriptIsReportedAndTheSessionGoesOn() throws {
        let directory = Binary.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try ModelScripts.write("echo before\nshow nothing\necho after\n", "init.msc", in: directory)
        let piped = try Binary.run(["--init", "init.msc", "--session", "piped"], input: "echo typed\n", in: directory)
        #expect(piped.status == 0)
        #expect(piped.standardOutput == "before\ntyped\n", "the script stops at its first error; the statements typed still run")
        #expect(piped.standardError.hasPrefix("error: init.msc:2: no object named 'nothing' in the workspace; ls lists them\n"))
        let transcript = try String(contentsOf: directory.appendingPathComponent("sessions/piped.md"), encoding: .utf8)
        #expect(transcript.contains("```msc failed\nshow nothing\n```") && transcript.contains("```msc\necho typed\n```"))
        // Without a prompt (run, -c) a failing init script ends the session with status 1.
        let command = try Binary.run(["--init", "init.msc", "-c", "echo never"], in: directory)
        #expect(command.status == 1 && command.standardOutput == "before\n")
        let missing = try Binary.run(["--init", "missing.msc"], input: "echo still here\n", in: directory)
        #expect(missing.status == 0 && missing.standardError == "error: no such file: missing.msc\n" && missing.standardOutput == "still here\n")
    }

    @Test func thePromptOpensAfterAFailingInitScript() throws {
        let directory = Binary.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try ModelScripts.write("echo loaded\nload text missing.txt\n", "init.msc", in: directory)
        let home = directory.appendingPathComponent("home")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let terminal = try Tmux(command: "env HOME=\(home.path) \(Binary.url.path) --init init.msc --session prompt", in: directory)
        terminal.wait("the prompt after the init error") { $0.contains("error: init.msc:2: no such file: missing.txt") && $0.hasSuffix("mindscope>\n") }
        usleep(200_000)
        try terminal.type("echo at the prompt")
        try terminal.send("Enter")
        terminal.wait("a statement at the prompt") { $0.contains("\nat the prompt\n") }
        try terminal.send("C-d")
        terminal.wait(timeout: 5, "the session ends on Ctrl-D") { _ in !terminal.isRunning }
    }
}
