import Foundation
import Testing

/// The prompt in a real terminal (tmux): completion of verbs, options, names and paths; Ctrl-C
/// clearing the line and stopping a statement; the progress bar; history kept across sessions
/// in $HOME/.mindscope_history and searched with Ctrl-R.
@Suite("Interactive prompt", .serialized)
struct InteractiveTests {
    static func command(home: URL, session: String) -> String {
        "env HOME=\(home.path) MINDSCOPE_TEST_COMMANDS=1 \(Binary.url.path) --session \(session)"
    }

    @Test func completionCtrlCProgressAndHistoryAcrossSessions() throws {
        let directory = Binary.directory()
        let home = directory.appendingPathComponent("home")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("data/sub"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let prompt = "mindscope>"  // tmux drops the trailing space

        let first = try Tmux(command: Self.command(home: home, session: "one"), in: directory)
        first.wait("the prompt") { $0.hasSuffix(prompt + "\n") }
        usleep(200_000)  // as a person would: keys typed the instant a prompt appears can be lost
        try first.send("he", "Tab")
        first.wait("help completed") { $0.hasSuffix(prompt + " help\n") }
        try first.type("kinds")
        try first.send("Enter")
        first.wait("help kinds") { $0.contains("table: a table of named columns") }

        try first.type("t1 = selftest table rows=2")
        try first.send("Enter")
        first.wait("t1 stored") { $0.contains("t1 (table): standard normal numbers (2 rows × 3 columns)") }
        try first.type("show t")
        try first.send("Tab")
        first.wait("name completed") { $0.hasSuffix(prompt + " show t1\n") }
        try first.send("Enter")
        first.wait("show ran") { $0.contains("t1 (table)\nstandard normal numbers") }

        try first.type("set se")
        try first.send("Tab", "Tab")
        first.wait("options listed") { $0.contains("seed") && $0.contains("sessions") }
        try first.type("ed")
        try first.send("Tab")
        first.wait("option completed with =") { $0.hasSuffix(prompt + " set seed=\n") }

        try first.send("C-c")
        first.wait("Ctrl-C gives a fresh prompt") { $0.hasSuffix("set seed=\n" + prompt + "\n") }
        try first.type("export t1 to da")
        try first.send("Tab")
        first.wait("directory completed") { $0.hasSuffix(prompt + " export t1 to data/\n") }
        try first.type("s")
        try first.send("Tab")
        first.wait("subdirectory completed") { $0.hasSuffix(prompt + " export t1 to data/sub/\n") }
        try first.type("t.csv")
        try first.send("Enter")
        first.wait("exported") { $0.contains("exported t1 (table) to data/sub/t.csv") }
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("data/sub/t.csv").path))

        try first.type("selftest spin steps=2000 ms=5")
        try first.send("Enter")
        first.wait("progress bar") { $0.contains("spinning ") && $0.contains(" steps/s  ETA ") }
        try first.send("C-c")
        first.wait("interrupted") { $0.hasSuffix("interrupted\n" + prompt + "\n") }
        #expect(!first.screen().contains("spinning "), "the bar is cleared when the statement ends")
        try first.type("ls")
        try first.send("Enter")
        first.wait("partial result kept") { $0.contains("_1    table  1 × 1") }
        try first.type("quit")
        try first.send("Enter")
        first.wait(timeout: 5, "quit") { _ in !first.isRunning }

        let history = try String(contentsOf: home.appendingPathComponent(".mindscope_history"), encoding: .utf8)
        #expect(history.contains("t1 = selftest table rows=2\nshow t1\n"))

        let second = try Tmux(command: Self.command(home: home, session: "two"), in: directory)
        second.wait("the second prompt") { $0.hasSuffix(prompt + "\n") }
        usleep(200_000)
        try second.send("Up")
        second.wait("Up recalls the last statement") { $0.hasSuffix(prompt + " quit\n") }
        try second.send("C-u", "C-r")
        try second.type("selftest tab")
        second.wait("Ctrl-R finds an earlier statement") { $0.contains("t1 = selftest table rows=2") }
        try second.send("Enter")
        second.wait("the found statement ran") { $0.contains("t1 (table): standard normal numbers (2 rows × 3 columns)") }
        try second.type("history 3")
        try second.send("Enter")
        second.wait("history across sessions") { $0.contains("t1 = selftest table rows=2\n") && $0.hasSuffix("history 3\n" + prompt + "\n") }
        try second.type("é = selftest table rows=1")
        try second.send("Enter")
        second.wait("non-ASCII names") { $0.contains("é (table): standard normal numbers (1 row × 3 columns)") }
        try second.send("C-d")
        second.wait(timeout: 5, "Ctrl-D quits") { _ in !second.isRunning }

        let transcript = try String(contentsOf: directory.appendingPathComponent("sessions/one.md"), encoding: .utf8)
        #expect(transcript.contains("```msc\nt1 = selftest table rows=2\n```"))
        #expect(transcript.contains("```msc interrupted\nselftest spin steps=2000 ms=5\n```"))
        #expect(!transcript.contains("spinning"), "no progress bar in the transcript")
    }
}
