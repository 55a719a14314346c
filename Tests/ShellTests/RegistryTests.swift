import Formats
@testable import Shell
import Testing

@Suite("Command registry")
struct RegistryTests {
    static let registries = [("standard", CommandRegistry.standard(testing: true)), ("lab", Lab.registry)]

    @Test func declarationsHaveNoProblems() {
        for (label, registry) in Self.registries {
            #expect(registry.declarationProblems() == [], "\(label)")
        }
    }

    @Test func everyCommandHasSummaryUsageAndExamplesThatResolveToIt() throws {
        for (_, registry) in Self.registries {
            for command in registry.commands {
                #expect(!command.summary.isEmpty && command.summary.hasSuffix("."), "\(command.name): summary")
                #expect(command.usage.hasPrefix(command.name), "\(command.name): usage")
                #expect(!command.examples.isEmpty, "\(command.name): examples")
                for example in command.examples {
                    let statements = try Parser.parse(example)
                    #expect(statements.count == 1, "\(example)")
                    guard let statement = statements.first else { continue }
                    let (resolved, _) = try Binder.resolveVerb(statement, registry: registry, workspace: Workspace())
                    #expect(resolved.name == command.name, "\(example) resolves to \(resolved.name)")
                    for case let .option(key, _, _) in statement.items {
                        #expect(command.options.contains { $0.name == key }, "\(example): option \(key)")
                    }
                    if statement.target != nil { #expect(command.result.kind != nil, "\(example) stores a result") }
                }
            }
        }
    }

    @Test func examplesBindWhenTheirObjectsExist() throws {
        let test = TestSession()
        test.session.workspace.store(TableObject(try Table(names: ["x"], columns: [.numbers([1])]), title: "t"), as: "_1")
        for example in ["show _1", "del _1", "save _1 to out.csv", "export _1 to out.json", "set seed=7 threads=2", "history 50", "help save"] {
            let statement = try #require(try Parser.parse(example).first)
            _ = try Binder.bind(statement, registry: test.session.registry, workspace: test.session.workspace)
        }
    }

    @Test func helpForOneCommand() throws {
        let text = try HelpCommand.text(for: ["train", "sae"], registry: Lab.registry, span: nil)
        #expect(text == """
        train sae ACTS [options]
          Train a tiny SAE.

        arguments:
          ACTS  vectors to train on (the name of a vectors)

        options:
          k=INT                latents kept per token (default 32; at least 1)
          lr=NUMBER            learning rate (default 0.001; greater than 0)
          pool=none|mean|last  how tokens are pooled (default none)
          alphas=[NUMBER,...]  ridge penalties (default [1, 10]; greater than 0)
          seed=INT             seed (at least 0)
          verbose=true|false   print more (default false)

        result: a sae, stored under NAME = or the next _N

        example:
          sae = train sae acts k=8
        """)
    }

    @Test func helpTopics() throws {
        let registry = Lab.registry
        #expect(try HelpCommand.text(for: [], registry: registry, span: nil).contains("lab: test commands\n  train sae ACTS [options]"))
        #expect(try HelpCommand.text(for: ["lab"], registry: registry, span: nil).hasPrefix("lab: test commands\n"))
        #expect(try HelpCommand.text(for: ["kinds"], registry: registry, span: nil).contains("table: a table of named columns"))
        let trainBoth = try HelpCommand.text(for: ["train"], registry: registry, span: nil)
        #expect(trainBoth.hasPrefix("train sae ACTS [options]") && trainBoth.contains("\n\ntrain sae more SAE [options]"))
        #expect(throws: ShellError(.unknownCommand("sae", suggestion: "save"))) { try HelpCommand.text(for: ["sae"], registry: registry, span: nil) }
    }

    @Test func hiddenCommandsStayOutOfHelpAndCompletion() {
        let registry = CommandRegistry.standard(testing: true)
        #expect(registry.command(named: "selftest spin") != nil)
        #expect(!registry.visibleCommands.contains { $0.verb[0] == "selftest" })
        #expect(!HelpText.index(registry).contains("selftest"))
        #expect(!Completer(registry: registry, workspace: Workspace()).complete("sel").contains { $0.text == "selftest" })
    }
}
