import Foundation
@testable import Shell
import Testing
import TestSupport

@Suite("Tab completion")
struct CompleterTests {
    static func completer() -> Completer {
        var workspace = Workspace()
        workspace.store(Vectors(rows: [[1]]), as: "v")
        workspace.store(Vectors(rows: [[2]]), as: "vec2")
        workspace.store(TinySAE(k: 4, steps: 0), as: "sae")
        return Completer(registry: Lab.registry, workspace: workspace)
    }

    static func texts(_ prefix: String) -> [String] { completer().complete(prefix).map(\.text) }

    static let cases: [(prefix: String, candidates: [String])] = [
        // Every first word of a visible verb, once, sorted (the areas registered decide which).
        ("", Array(Set(Lab.registry.visibleCommands.map { $0.verb[0] })).sorted()),
        ("h", ["help", "history"]),
        ("tr", ["train"]),
        ("train ", ["sae"]),
        ("train s", ["sae"]),
        ("train sae ", ["alphas", "k", "lr", "more", "pool", "seed", "v", "vec2", "verbose"]),
        ("train sae v", ["v", "vec2", "verbose"]),
        ("train sae v p", ["pool"]),
        ("train sae v k=3 ", ["alphas", "lr", "pool", "seed", "verbose"]),
        ("train sae v pool=", ["last", "mean", "none"]),
        ("train sae v pool=m", ["mean"]),
        ("train sae v verbose=", ["false", "true"]),
        ("train sae v k=", []),
        ("train sae more ", ["sae", "steps"]),
        ("show ", ["sae", "v", "vec2"]),
        ("del v ", ["sae", "v", "vec2"]),
        ("save v ", ["format", "to"]),
        ("save v t", ["to"]),
        ("plot ", ["bar", "line", "verbose"]),
        ("plot line v ", ["to", "verbose"]),
        ("x = tr", ["train"]),
        ("x = train sae v l", ["lr"]),
        ("ls; sh", ["show"]),
        ("help tr", ["train"]),
        ("help l", ["lab", "load", "ls"]),
        ("set s", ["seed", "sessions"]),
        ("frobnicate ", []),
        ("ls ", []),
    ]

    @Test func anEmptyLineOffersTheCoreAndLabVerbs() {
        let offered = Set(Self.texts(""))
        #expect(offered.isSuperset(of: ["del", "export", "help", "history", "load", "ls", "plot", "quit", "replay", "run", "save", "set", "show", "train"]))
    }

    @Test func candidatesFromTheDeclarations() {
        for (prefix, expected) in Self.cases {
            #expect(Self.texts(prefix) == expected, "prefix: '\(prefix)'")
        }
    }

    @Test func whatFollowsASingleCandidate() {
        let completer = Self.completer()
        #expect(completer.complete("train sae v p") == [CompletionCandidate(text: "pool", suffix: "=")])
        #expect(completer.complete("sh") == [CompletionCandidate(text: "show", suffix: " ")])
        #expect(completer.complete("show ve") == [CompletionCandidate(text: "vec2", suffix: " ")])
    }

    @Test func pathsWithDirectoriesAndExtensions() throws {
        let directory = Fixtures.temporaryDirectory("mindscope-completion")
        defer { try? FileManager.default.removeItem(at: directory) }
        for name in ["data/a.csv", "data/b.json", "data/.hidden.csv", "data/sub/c.csv"] {
            let url = directory.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("1,2\n".utf8).write(to: url)
        }
        let root = directory.path
        let completer = Self.completer()
        #expect(completer.complete("load vectors \(root)/da") == [CompletionCandidate(text: "\(root)/data/", suffix: "")])
        #expect(completer.complete("load vectors \(root)/data/").map(\.text) == ["\(root)/data/a.csv", "\(root)/data/sub/"])
        #expect(completer.complete("load vectors \(root)/data/.").map(\.text) == ["\(root)/data/.hidden.csv"])
        #expect(completer.complete("run \(root)/data/").map(\.text) == ["\(root)/data/a.csv", "\(root)/data/b.json", "\(root)/data/sub/"])
        #expect(completer.complete("save v to \(root)/data/a").last == CompletionCandidate(text: "\(root)/data/a.csv", suffix: " "))
    }
}
