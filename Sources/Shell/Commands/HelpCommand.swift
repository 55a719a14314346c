/// `help [VERB...]`: the index, an area, a command, or the object kinds.
enum HelpCommand {
    static let topic = Positional.words("TOPIC", completion: .commands, help: "a command (e.g. train sae), an area, or kinds")

    static let command = Command(
        "help", summary: "Show the commands by area, or how to use one command.", parameters: [topic],
        examples: ["help", "help save", "help kinds"]
    ) { arguments, context in
        let words = try arguments[topic]
        let registry = context.session.registry
        context.output.print(try text(for: words, registry: registry, span: arguments.span(of: topic)))
        return .done
    }

    static func text(for words: [String], registry: CommandRegistry, span: SourceSpan?) throws -> String {
        if words.isEmpty { return HelpText.index(registry) }
        if words == ["kinds"] { return HelpText.kinds(registry) }
        if words.count == 1, let area = registry.areas.first(where: { $0.name == words[0] }) { return HelpText.area(area) }
        if let (command, length) = registry.resolve(words), length == words.count, !command.isHidden {
            return HelpText.command(command)
        }
        let matches = registry.commands(startingWith: words)
        if !matches.isEmpty {
            return matches.map { HelpText.command($0) }.joined(separator: "\n\n")
        }
        let suggestion = registry.closestVerb(to: words) ?? Suggestions.closest(to: words[0], among: registry.areas.map(\.name) + ["kinds"])
        throw ShellError(.unknownCommand(words.joined(separator: " "), suggestion: suggestion), at: span)
    }
}
