import Foundation
@testable import Shell
import Testing
import TestSupport

@Suite("Binding statements to commands")
struct BinderTests {
    /// A session holding vectors `v`, `vec2` and an SAE `sae`.
    static func labSession() -> TestSession {
        let test = TestSession()
        test.session.workspace.store(Vectors(rows: [[1, 2], [3, 4]]), as: "v")
        test.session.workspace.store(Vectors(rows: [[5, 6]]), as: "vec2")
        test.session.workspace.store(TinySAE(k: 4, steps: 1), as: "sae")
        return test
    }

    /// Each statement with the exact message and caret it gets.
    static let errorCases: [(line: String, report: String)] = [
        ("trian sae v", "unknown command 'trian'; did you mean 'train sae'?\n  trian sae v\n  ^~~~~"),
        ("train sea v", "unknown command 'train sea'; did you mean 'train sae'?\n  train sea v\n  ^~~~~~~~~"),
        ("train", "'train' is not a command by itself; did you mean 'train sae' or 'train sae more'?\n  train\n  ^~~~~"),
        ("train 3", "'train' is not a command by itself; did you mean 'train sae' or 'train sae more'?\n  train 3\n  ^~~~~"),
        ("sh v", "unknown command 'sh'; did you mean 'show'?\n  sh v\n  ^~"),
        ("v", "unknown command 'v'; did you mean 'show v'?\n  v\n  ^"),
        ("frobnicate", "unknown command 'frobnicate'; type help for the list of commands\n  frobnicate\n  ^~~~~~~~~~"),
        ("train sae v kk=3", "unknown option 'kk' for 'train sae'; did you mean 'k'?\n  train sae v kk=3\n              ^~"),
        ("train sae v zz=3", "unknown option 'zz' for 'train sae'; it takes k, lr, pool, alphas, seed, verbose\n  train sae v zz=3\n              ^~"),
        ("ls all=true", "'ls' takes no options\n  ls all=true\n     ^~~"),
        ("train sae v k=0", "k= must be at least 1, found 0\n  train sae v k=0\n                ^"),
        ("train sae v k=2.5", "k= expects an integer, found number 2.5\n  train sae v k=2.5\n                ^~~"),
        ("train sae v lr=0", "lr= must be greater than 0, found 0\n  train sae v lr=0\n                 ^"),
        ("train sae v lr=fast", "lr= expects a number, found 'fast'\n  train sae v lr=fast\n                 ^~~~"),
        ("train sae v pool=maen", "pool= must be one of none, mean, last, found 'maen'; did you mean 'mean'?\n  train sae v pool=maen\n                   ^~~~"),
        ("train sae v pool=[1]", "pool= expects one of none, mean, last, found a list of 1\n  train sae v pool=[1]\n                   ^~~"),
        ("train sae v alphas=[1, -2]", "alphas= must be greater than 0, found -2\n  train sae v alphas=[1, -2]\n                         ^~"),
        ("train sae v verbose=yes", "verbose= expects true or false, found 'yes'\n  train sae v verbose=yes\n                      ^~~"),
        ("train sae vv", "no object named 'vv' in the workspace; did you mean 'v'?\n  train sae vv\n            ^~"),
        ("train sae sae", "'sae' is a sae, but a vectors is needed here\n  train sae sae\n            ^~~"),
        ("train sae \"v\"", "ACTS expects the name of a vectors, found string \"v\"\n  train sae \"v\"\n            ^~~"),
        ("train sae", "'train sae' needs ACTS; usage: train sae ACTS [options]\n  train sae\n           ^"),
        ("train sae v vec2", "unexpected 'vec2' after 'train sae'; usage: train sae ACTS [options]\n  train sae v vec2\n              ^~~~"),
        ("train sae v k=65", "k= must be at most the width 64\n  train sae v k=65\n              ^~~~"),
        ("x = ls", "'ls' gives no result to store in 'x'\n  x = ls\n  ^"),
        ("load vectors missing.csv", "no such file: missing.csv\n  load vectors missing.csv\n               ^~~~~~~~~~~"),
        ("load vectors data.txt", "FILE 'data.txt' should end in .csv\n  load vectors data.txt\n               ^~~~~~~~"),
        ("plot pie v", "KIND must be one of line, bar, found 'pie'\n  plot pie v\n       ^~~"),
        ("plot line v into x.png", "unexpected 'into' after 'plot'; usage: plot KIND NAME [to FILE] [options]\n  plot line v into x.png\n              ^~~~"),
        ("plot line v to", "'plot' needs FILE; usage: plot KIND NAME [to FILE] [options]\n  plot line v to\n                ^"),
        ("plot line v to x.jpg", "FILE 'x.jpg' should end in .png\n  plot line v to x.jpg\n                 ^~~~~"),
        ("save v", "expected 'to' in 'save', found the end of the statement\n  save v\n        ^"),
        ("save v as x", "expected 'to' in 'save', found 'as'\n  save v as x\n         ^~"),
        ("export v to v.xml", "PATH 'v.xml' should end in .json or .csv\n  export v to v.xml\n              ^~~~~"),
        ("export v to v.json", "a vectors has no .json export; it has no export\n  export v to v.json\n              ^~~~~~"),
        ("save sae to x", "objects of kind sae have no native file format; use export\n  save sae to x\n       ^~~"),
        ("help trian", "unknown command 'trian'; did you mean 'train sae'?\n  help trian\n       ^~~~~"),
        ("replay nothing.md", "no such file: nothing.md\n  replay nothing.md\n         ^~~~~~~~~~"),
    ]

    @Test func errorsAreExactAndLeaveTheWorkspaceAlone() {
        let test = Self.labSession()
        for (line, expected) in Self.errorCases {
            let outcome = test.run(line)
            guard case let .failed(error) = outcome else {
                Issue.record("no error for \(line): \(outcome)")
                continue
            }
            #expect(ErrorReport.render(error, includeLocation: true) == "error: " + expected + "\n", "line: \(line)")
            #expect(test.session.workspace.names == ["v", "vec2", "sae"], "line: \(line)")
        }
    }

    @Test func typedArgumentsAndDefaults() {
        let test = Self.labSession()
        #expect(test.printed("a = train sae v") == "k 32 lr 0.001 pool none alphas [1.0, 10.0] seed nil\na (sae): k=32, 0 steps\n")
        #expect(test.printed("train sae v k=8 lr=1e-2 pool=mean alphas=3 seed=5") == "k 8 lr 0.01 pool mean alphas [3.0] seed Optional(5)\n_1 (sae): k=8, 0 steps\n")
    }

    @Test func longestVerbWinsAndUpdatesStayInPlace() {
        let test = Self.labSession()
        #expect(test.printed("train sae more sae steps=4") == "sae (sae): k=4, 5 steps\n")
        #expect(test.printed("bigger = train sae more sae") == "bigger (sae): k=4, 15 steps\n")
        #expect(test.session.workspace.names == ["v", "vec2", "sae", "bigger"])
    }

    @Test func optionalPrepositionalPath() {
        let test = Self.labSession()
        #expect(test.printed("plot bar v") == "bar of v to test-1-bar.png\n")
        #expect(test.printed("plot line v to figure.png verbose=true") == "line of v to figure.png\n")
    }

    @Test func pathsExpandTheHomeDirectory() throws {
        let statement = try #require(try Parser.parse("plot line v to ~/x.png").first)
        let bound = try Binder.bind(statement, registry: Lab.registry, workspace: Self.labSession().session.workspace)
        let url = try bound.arguments[Lab.figure]
        #expect(url?.path == (ProcessInfo.processInfo.environment["HOME"] ?? "") + "/x.png")
    }

    @Test func readingAnUndeclaredParameterIsAnError() throws {
        let statement = try #require(try Parser.parse("ls").first)
        let bound = try Binder.bind(statement, registry: Lab.registry, workspace: Workspace())
        #expect(throws: ShellError(.internalError("'ls' reads k= without declaring it"))) { try bound.arguments[Lab.k] }
    }
}
