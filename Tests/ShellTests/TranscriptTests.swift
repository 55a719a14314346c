import Foundation
@testable import Shell
import Testing
import TestSupport

@Suite("Transcripts, scripts and replay")
struct TranscriptTests {
    /// A testing session writing its transcript into a fresh directory.
    static func recordedSession(_ directory: URL, name: String = "s") throws -> TestSession {
        let test = TestSession(registry: .standard(testing: true), name: name)
        test.session.transcript = try Transcript(url: directory.appendingPathComponent("\(name).md"), sessionName: name,
                                                 settings: test.session.settings, date: Date(timeIntervalSince1970: 0))
        return test
    }

    @Test func transcriptRecordsStatementsOutputsAndErrors() throws {
        let directory = Fixtures.temporaryDirectory("mindscope-transcript")
        defer { try? FileManager.default.removeItem(at: directory) }
        let test = try Self.recordedSession(directory)
        test.run("t = selftest table rows=1 columns=1 seed=1; del t")
        test.run("hlp")
        test.run("say \"```\"")
        test.run("quit")
        let text = try String(contentsOf: directory.appendingPathComponent("s.md"), encoding: .utf8)
        let body = text[(text.range(of: "```msc")?.lowerBound ?? text.endIndex)...]
        #expect(text.hasPrefix("# mindscope session s\n\n- mindscope \(MindscopeVersion.current)\n- started 1970-01-01 "))
        #expect(text.contains("\n- seed 0, threads \(test.session.settings.threads)\n- working directory `"))
        #expect(body == """
            ```msc
            t = selftest table rows=1 columns=1 seed=1
            ```
            ```text
            row       x1
            ---  -------
              1  -0.8327
            t (table): standard normal numbers (1 row × 2 columns)
            ```

            ```msc
            del t
            ```
            ```text
            deleted t
            ```

            ```msc failed
            hlp
            ```
            ```text
            error: unknown command 'hlp'; did you mean 'help'?
              hlp
              ^~~
            ```

            ````msc failed
            say "```"
            ````
            ````text
            error: unknown command 'say'; type help for the list of commands
              say "```"
              ^~~
            ````


            """)
    }

    @Test func figuresAreLinkedRelativeToTheTranscript() throws {
        let directory = Fixtures.temporaryDirectory("mindscope-figures")
        defer { try? FileManager.default.removeItem(at: directory) }
        let test = TestSession(name: "figs")
        test.session.settings.plotsDirectory = directory.appendingPathComponent("plots").path
        test.session.workspace.store(Vectors(rows: [[1]]), as: "v")
        test.session.transcript = try Transcript(url: directory.appendingPathComponent("sessions/figs.md"), sessionName: "figs",
                                                 settings: test.session.settings)
        test.run("plot line v; plot bar v")
        let text = try String(contentsOf: directory.appendingPathComponent("sessions/figs.md"), encoding: .utf8)
        #expect(text.contains("```msc\nplot line v\n```\n```text\nline of v to figs-1-line.png\n```\n\n![figs-1-line.png](../plots/figs-1-line.png)\n\n"))
        #expect(text.contains("![figs-2-bar.png](../plots/figs-2-bar.png)"))
    }

    @Test func readingTranscriptsBack() {
        let markdown = """
        # mindscope session a

        - mindscope 0.1.0
        - seed 5, threads 2

        ```msc
        t = selftest table
        ```
        ```text
        ```msc
        not a statement: inside an output block
        ```

        ````msc failed
        hlp
        ````
        ```msc interrupted
        selftest spin
        ```
        ```python
        print("not mindscope")
        ```

        ---

        # mindscope session a (continued)

        - seed 0, threads 1

        ```msc
        ls
        ```
        """
        #expect(ScriptReader.transcriptItems(markdown) == [
            .sessionStart(seed: 5),
            .statement("t = selftest table", line: 7, status: .completed),
            .statement("hlp", line: 15, status: .failed),
            .statement("selftest spin", line: 18, status: .interrupted),
            .sessionStart(seed: 0),
            .statement("ls", line: 31, status: .completed),
        ])
    }

    @Test func readingScripts() {
        #expect(ScriptReader.scriptItems("# setup\nset seed=1\n\n  ls # list\r\nshow x\n") == [
            .statement("set seed=1", line: 2, status: .completed),
            .statement("  ls # list", line: 4, status: .completed),
            .statement("show x", line: 5, status: .completed),
        ])
    }

    @Test func runReportsTheScriptLineOfAnError() throws {
        let directory = Fixtures.temporaryDirectory("mindscope-run")
        defer { try? FileManager.default.removeItem(at: directory) }
        let script = directory.appendingPathComponent("bad.msc")
        try Data("t = selftest table rows=1\n\nset seed=x\nu = selftest table\n".utf8).write(to: script)
        let test = Self.testing()
        let outcome = test.run("run \(script.path)")
        #expect(test.output.standardError == "error: \(script.path):3: seed= expects an integer, found 'x'\n  set seed=x\n           ^\n")
        #expect(outcome != .completed)
        #expect(test.session.workspace.names == ["t"])
        try Data("run \(script.path)\n".utf8).write(to: script)
        test.output.reset()
        test.run("run \(script.path)")
        let caret = "      ^" + String(repeating: "~", count: script.path.count - 1)
        #expect(test.output.standardError == "error: \(script.path):1: \(script.path) is already running: a script cannot run itself\n  run \(script.path)\n\(caret)\n")
    }

    static func testing() -> TestSession { TestSession(registry: .standard(testing: true)) }

    @Test func replayReproducesTheNumbers() throws {
        let directory = Fixtures.temporaryDirectory("mindscope-replay")
        defer { try? FileManager.default.removeItem(at: directory) }
        let original = try Self.recordedSession(directory, name: "original")
        original.run("set seed=3; a = selftest table rows=4")
        original.run("selftest table columns=3")
        original.run("hlp")
        original.run("show _1")
        let recorded = original.output.standardOutput
        let replaying = Self.testing()
        replaying.run("t = selftest table")
        #expect(replaying.errors("replay \(directory.path)/original.md").hasPrefix(
            "error: replay starts from an empty workspace, and this one holds t; add clear=true to drop them, or use run"))
        replaying.output.reset()
        #expect(replaying.run("replay \(directory.path)/original.md clear=true") == .completed)
        #expect(replaying.output.standardOutput == recorded)
        let line = Self.lineOf("hlp", in: directory.appendingPathComponent("original.md"))
        #expect(replaying.output.standardError == "warning: \(directory.path)/original.md:\(line): skipping 'hlp', which failed in the recorded session\n")
        #expect(replaying.session.workspace.names == ["a", "_1"])
    }

    static func lineOf(_ statement: String, in url: URL) -> String {
        let lines = (try? String(contentsOf: url, encoding: .utf8))?.components(separatedBy: "\n") ?? []
        return String((lines.firstIndex(of: statement) ?? -1) + 1)
    }

    @Test func relativeFigureLinks() {
        let link = Transcript.relativePath(from: URL(fileURLWithPath: "/work/p/sessions"), to: URL(fileURLWithPath: "/work/p/plots/a.png"))
        #expect(link == "../plots/a.png")
        #expect(Transcript.relativePath(from: URL(fileURLWithPath: "/a"), to: URL(fileURLWithPath: "/a/b/c.png")) == "b/c.png")
    }

    @Test func fencesOutgrowBackticksInTheText() {
        #expect(Transcript.fence(for: "plain") == "```")
        #expect(Transcript.fence(for: "a ``` b ```` c") == "`````")
    }
}
