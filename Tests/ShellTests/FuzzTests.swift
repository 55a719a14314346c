import Foundation
@testable import Shell
import Testing

/// Random and mutated input through the parser, the binder and completion: nothing may crash,
/// and every failure must be one clean error (one line, a span inside the line).
@Suite("Randomized input")
struct FuzzTests {
    /// SplitMix64: a fixed stream, so a failure names an input that can be replayed.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(max(1, bound))) }
    }

    static let alphabet = Array("abcdefghijklmnopqrstuvwxyz_ABZ0123456789 \t=;[],\"'#\\./-+eé€😀\u{1}\u{7F}\u{301}")

    static func check(_ line: String, workspace: Workspace, completer: Completer) {
        let count = line.count
        do {
            for statement in try Parser.parse(line) {
                #expect(statement.span.start >= 0 && statement.span.end <= count, "statement span in \(line.debugDescription)")
                do {
                    _ = try Binder.bind(statement, registry: Lab.registry, workspace: workspace)
                } catch let error as ShellError {
                    checkClean(error, line: line, count: count)
                } catch {
                    Issue.record("binding \(line.debugDescription) threw \(error)")
                }
            }
        } catch {
            checkClean(error, line: line, count: count)
        }
        _ = completer.complete(line)
        _ = completer.complete(String(line.prefix(count / 2)))
    }

    static func checkClean(_ error: ShellError, line: String, count: Int) {
        #expect(!error.message.isEmpty && !error.message.contains("\n"), "message for \(line.debugDescription): \(error.message)")
        if let span = error.span {
            #expect(span.start >= 0 && span.start <= count && span.end <= count + 1, "span \(span) in \(line.debugDescription)")
        }
        var located = error
        located.source = (nil, line)
        #expect(ErrorReport.render(located, includeLocation: true).hasPrefix("error: "))
    }

    static func labWorkspace() -> Workspace {
        var workspace = Workspace()
        workspace.store(Vectors(rows: [[1]]), as: "v")
        workspace.store(TinySAE(k: 2, steps: 0), as: "sae")
        return workspace
    }

    @Test func randomBytes() {
        var generator = Generator(state: 1)
        let workspace = Self.labWorkspace()
        let completer = Completer(registry: Lab.registry, workspace: workspace)
        for _ in 0..<4000 {
            let length = generator.below(60)
            let line: String
            if generator.below(3) == 0 {
                line = String(decoding: (0..<length).map { _ in UInt8(truncatingIfNeeded: generator.next()) }, as: UTF8.self)
            } else {
                line = String((0..<length).map { _ in Self.alphabet[generator.below(Self.alphabet.count)] })
            }
            Self.check(line, workspace: workspace, completer: completer)
        }
    }

    @Test func mutatedStatements() {
        var generator = Generator(state: 2)
        let workspace = Self.labWorkspace()
        let completer = Completer(registry: Lab.registry, workspace: workspace)
        let corpus = Lab.registry.commands.flatMap(\.examples) + ParserTests.validLines.map(\.line) + BinderTests.errorCases.map(\.line)
        for _ in 0..<6000 {
            var characters = Array(corpus[generator.below(corpus.count)])
            for _ in 0...generator.below(3) {
                let position = generator.below(characters.count + 1)
                switch generator.below(5) {
                case 0 where !characters.isEmpty: characters.remove(at: min(position, characters.count - 1))
                case 1: characters.insert(Self.alphabet[generator.below(Self.alphabet.count)], at: position)
                case 2 where position + 1 < characters.count: characters.swapAt(position, position + 1)
                case 3 where position < characters.count:
                    let end = min(characters.count, position + 1 + generator.below(6))
                    characters.insert(contentsOf: characters[position..<end], at: position)
                default: characters = Array(characters.prefix(position))
                }
            }
            Self.check(String(characters), workspace: workspace, completer: completer)
        }
    }
}
