import Foundation
@testable import Shell
import Testing
import TestSupport

@Suite("Sessions in process")
struct SessionTests {
    static func testing() -> TestSession { TestSession(registry: .standard(testing: true)) }

    @Test func automaticNamesAssignmentAndDeletion() {
        let test = Self.testing()
        #expect(test.printed("selftest table rows=1 columns=1").hasSuffix("_1 (table): standard normal numbers (1 row × 2 columns)\n"))
        #expect(test.printed("t = selftest table rows=2").hasSuffix("t (table): standard normal numbers (2 rows × 3 columns)\n"))
        #expect(test.printed("_3 = selftest table").hasSuffix("_3 (table): standard normal numbers (3 rows × 3 columns)\n"))
        #expect(test.printed("selftest table").hasSuffix("_2 (table): standard normal numbers (3 rows × 3 columns)\n"))
        #expect(test.printed("selftest table").hasSuffix("_4 (table): standard normal numbers (3 rows × 3 columns)\n"))
        #expect(test.printed("ls") == """
            name  kind   shape  memory
            ----  -----  -----  ------
            _1    table  1 × 2    16 B
            t     table  2 × 3    48 B
            _3    table  3 × 3    72 B
            _2    table  3 × 3    72 B
            _4    table  3 × 3    72 B

            """)
        #expect(test.printed("del _1 _3") == "deleted _1, _3\n")
        #expect(test.session.workspace.names == ["t", "_2", "_4"])
        #expect(test.errors("del t nothing").hasPrefix("error: no object named 'nothing' in the workspace; ls lists them"))
        #expect(test.session.workspace.names == ["t", "_2", "_4"])
    }

    @Test func showPrintsTheDetails() throws {
        let test = Self.testing()
        test.run("t = selftest table rows=2 columns=1 seed=3")
        let shown = test.printed("show t")
        #expect(shown == "t (table)\nstandard normal numbers (2 rows × 2 columns)\nrow      x1\n---  ------\n  1  -0.546\n  2  -1.705\n"
                + "plots: line, scatter, hist, bar, heatmap (plot KIND t)\n")
    }

    @Test func randomStreamsRestartWithTheSeed() {
        let test = Self.testing()
        let first = test.printed("selftest table")
        let second = test.printed("selftest table")
        #expect(first.prefix(60) != second.prefix(60))
        test.run("set seed=0")
        #expect(test.printed("selftest table").prefix(60) == first.prefix(60))
        test.run("set seed=9")
        #expect(test.printed("selftest table").prefix(60) != first.prefix(60))
        #expect(test.printed("selftest table seed=4").prefix(60) == test.printed("selftest table seed=4").prefix(60))
    }

    @Test func failedStatementsTakeNoRandomStream() {
        let test = Self.testing()
        let reference = test.printed("selftest table")
        test.run("set seed=0")
        test.run("selftest table rows=0")
        #expect(test.printed("selftest table").prefix(60) == reference.prefix(60))
    }

    @Test func settingsListAndChange() throws {
        let test = Self.testing()
        let listing = test.printed("set")
        #expect(listing.hasPrefix("setting   value     meaning\n--------  --------  "))
        #expect(listing.contains("seed      0         the session seed random streams come from"))
        #expect(test.printed("set seed=12 plots=figures") == "seed 12\nplots figures\n")
        #expect(test.session.settings.seed == 12 && test.session.settings.plotsDirectory == "figures")
    }

    @Test func linesStopAtTheFirstError() {
        let test = Self.testing()
        let outcome = test.run("t = selftest table; hlp; u = selftest table")
        let expected = ShellError(.unknownCommand("hlp", suggestion: "help"), at: SourceSpan(20, 23))
        #expect(outcome == .failed(expected.withSource(nil, "t = selftest table; hlp; u = selftest table")))
        #expect(test.session.workspace.names == ["t"])
        #expect(test.session.history == ["t = selftest table", "hlp"])
    }

    @Test func quitEndsTheSession() {
        let test = Self.testing()
        #expect(test.run("ls; quit; ls") == .quit)
        #expect(test.session.quitRequested)
    }

    @Test func historyNumbersStatements() {
        let test = Self.testing()
        test.session.previousHistory = ["old one", "old two"]
        test.run("ls")
        #expect(test.printed("history 2") == "3  ls\n4  history 2\n")
    }

    @Test func cancellationKeepsTheStateReached() {
        let test = Self.testing()
        let cancellation = test.session.cancellation
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.15) { cancellation.cancel() }
        let outcome = test.run("selftest spin steps=100000 ms=1")
        #expect(outcome == .interrupted)
        #expect(test.output.standardError == "interrupted\n")
        let printed = test.output.standardOutput
        #expect(printed.hasPrefix("reached step ") && printed.hasSuffix(" of 100000\n_1 (table): steps reached (1 row × 1 column)\n"))
        #expect(test.printed("ls").contains("_1    table  1 × 1"))
        #expect(test.run("ls") == .completed)
    }
}

extension ShellError {
    /// This error with its source line filled in, as the session reports it.
    func withSource(_ location: ScriptLocation?, _ line: String) -> ShellError {
        var copy = self
        copy.source = (location, line)
        return copy
    }
}
