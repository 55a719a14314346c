import Foundation
import Testing

/// Sessions through the built `mindscope` binary: `run`, `-c`, piped input, exit statuses,
/// transcripts, replay, Ctrl-C.
@Suite("The mindscope command line")
struct BinaryTests {
    static func write(_ text: String, to name: String, in directory: URL) throws {
        try Data(text.utf8).write(to: directory.appendingPathComponent(name))
    }

    static func transcripts(in directory: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("sessions").path).sorted()
    }

    static func transcript(_ name: String, in directory: URL) throws -> String {
        try String(contentsOf: directory.appendingPathComponent("sessions/\(name).md"), encoding: .utf8)
    }

    @Test func versionAndHelp() throws {
        let directory = Binary.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let version = try Binary.run(["--version"], in: directory)
        #expect(version.status == 0 && version.standardOutput == "0.1.0\n")
        let help = try Binary.run(["--help"], in: directory)
        #expect(help.status == 0)
        #expect(help.standardOutput.contains("USAGE: mindscope [-c <STATEMENTS>] [--session <NAME>] [--init <FILE>] <subcommand>"))
        #expect(help.standardOutput.contains("run                     Run scripts (.msc) or transcripts (.md)"))
        let runWithoutFiles = try Binary.run(["run"], in: directory)
        #expect(runWithoutFiles.status != 0 && runWithoutFiles.standardError.contains("Missing expected argument '<FILE> ...'"))
    }

    @Test func scriptRunsAndLeavesATranscript() throws {
        let directory = Binary.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Self.write("# a tour\nset seed=2\nt = selftest table rows=2 columns=1\nls\nexport t to out/t.csv\n", to: "tour.msc", in: directory)
        let result = try Binary.run(["run", "tour.msc", "--session", "tour"], in: directory)
        #expect(result.status == 0)
        #expect(result.standardError == "")
        #expect(result.standardOutput.hasPrefix("seed 2\nrow       x1\n---  -------\n"))
        #expect(result.standardOutput.hasSuffix("t (table): standard normal numbers (2 rows × 2 columns)\nname  kind   shape  memory\n----  -----  -----  ------\nt     table  2 × 2    32 B\nexported t (table) to out/t.csv\n"))
        let csv = try String(contentsOf: directory.appendingPathComponent("out/t.csv"), encoding: .utf8)
        #expect(csv.hasPrefix("row,x1\n1,") && csv.split(separator: "\n").count == 3)
        let transcript = try Self.transcript("tour", in: directory)
        #expect(transcript.hasPrefix("# mindscope session tour\n\n- mindscope 0.1.0\n- started "))
        #expect(transcript.contains("\n```msc\nset seed=2\n```\n```text\nseed 2\n```\n\n```msc\nt = selftest table rows=2 columns=1\n```\n"))
        #expect(transcript.hasSuffix("```msc\nexport t to out/t.csv\n```\n```text\nexported t (table) to out/t.csv\n```\n\n"))
    }

    @Test func scriptsStopAtTheFirstError() throws {
        let directory = Binary.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Self.write("ls\nset seed=1\nshow nothing\nls\n", to: "bad.msc", in: directory)
        let result = try Binary.run(["run", "bad.msc"], in: directory)
        #expect(result.status == 1)
        #expect(result.standardError == "error: bad.msc:3: no object named 'nothing' in the workspace; ls lists them\n  show nothing\n       ^~~~~~~\n")
        #expect(result.standardOutput == "the workspace is empty\nseed 1\n")
        let missing = try Binary.run(["run", "nothing.msc"], in: directory)
        #expect(missing.status == 1 && missing.standardError == "error: no such file: nothing.msc\n")
    }

    @Test func statementsOnTheCommandLine() throws {
        let directory = Binary.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let good = try Binary.run(["-c", "set seed=4; ls"], in: directory)
        #expect(good.status == 0 && good.standardOutput == "seed 4\nthe workspace is empty\n")
        let bad = try Binary.run(["-c", "ls; hlp; ls"], in: directory)
        #expect(bad.status == 1)
        #expect(bad.standardOutput == "the workspace is empty\n")
        #expect(bad.standardError == "error: <command-line>:1: unknown command 'hlp'; did you mean 'help'?\n  ls; hlp; ls\n      ^~~\n")
    }

    @Test func pipedStandardInput() throws {
        let directory = Binary.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try Binary.run(["--session", "piped"], input: "set seed=3\n\n  # comment\nt = selftest table rows=1 columns=1\nls\n", in: directory)
        #expect(result.status == 0 && result.standardError == "")
        #expect(result.standardOutput.hasPrefix("seed 3\n") && result.standardOutput.hasSuffix("t     table  1 × 2    16 B\n"))
        let transcript = try Self.transcript("piped", in: directory)
        #expect(transcript.contains("```msc\nset seed=3\n```") && transcript.contains("```msc\nls\n```"))
        let failing = try Binary.run([], input: "ls\nshow x\nls\n", in: directory)
        #expect(failing.status == 1)
        #expect(failing.standardError == "error: <stdin>:2: no object named 'x' in the workspace; ls lists them\n  show x\n       ^\n")
        #expect(failing.standardOutput == "the workspace is empty\n")
    }

    @Test func sessionNames() throws {
        let directory = Binary.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let bad = try Binary.run(["--session", "../escape", "-c", "ls"], in: directory)
        #expect(bad.status == 2 && bad.standardError == "error: --session ../escape: a session name uses letters, digits, '.', '-' and '_'\n")
        _ = try Binary.run(["-c", "ls"], in: directory)
        _ = try Binary.run(["-c", "ls"], in: directory)
        let names = try Self.transcripts(in: directory)
        #expect(names.count == 2)
        #expect(names.allSatisfy { $0.range(of: #"^\d{4}-\d{2}-\d{2}-\d{6}(-\d+)?\.md$"#, options: .regularExpression) != nil }, "\(names)")
        _ = try Binary.run(["--session", "same", "-c", "ls"], in: directory)
        _ = try Binary.run(["--session", "same", "-c", "set"], in: directory)
        let same = try Self.transcript("same", in: directory)
        #expect(same.contains("\n---\n\n# mindscope session same (continued)\n"))
    }

    @Test func replayReproducesThePrintedNumbers() throws {
        let directory = Binary.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let script = "set seed=11\na = selftest table rows=3 columns=2\nselftest table\nshow a\nhlp\nexport a to a.csv\n"
        try Self.write(script, to: "work.msc", in: directory)
        let original = try Binary.run(["--session", "original"], input: script, in: directory)
        #expect(original.status == 1)
        try Self.write(script.replacingOccurrences(of: "hlp\n", with: ""), to: "work.msc", in: directory)
        let first = try Binary.run(["run", "work.msc", "--session", "first"], in: directory)
        #expect(first.status == 0)
        let firstCSV = try Data(contentsOf: directory.appendingPathComponent("a.csv"))
        try FileManager.default.removeItem(at: directory.appendingPathComponent("a.csv"))
        let replayed = try Binary.run(["--session", "again", "-c", "replay sessions/first.md"], in: directory)
        #expect(replayed.status == 0)
        #expect(replayed.standardOutput == first.standardOutput)
        #expect(try Data(contentsOf: directory.appendingPathComponent("a.csv")) == firstCSV)
        let rerun = try Binary.run(["run", "sessions/first.md"], in: directory)
        #expect(rerun.status == 0 && rerun.standardOutput == first.standardOutput)
        let fromFailedSession = try Binary.run(["run", "sessions/original.md"], in: directory)
        #expect(fromFailedSession.standardError.contains("warning: sessions/original.md:"))
        #expect(fromFailedSession.standardError.contains(": skipping 'hlp', which failed in the recorded session\n"))
        #expect(fromFailedSession.status == 0)
    }
}
