/// A statement matched to its command, with typed arguments.
public struct BoundStatement {
    /// The command to run.
    public let command: Command
    /// The typed arguments.
    public let arguments: Arguments
    /// The name the result goes to, when the statement has `NAME =`.
    public let target: String?
}

/// Matches statements to commands and converts their words to typed arguments.
public enum Binder {
    /// Binds `statement`: resolves the verb, then positionals in order, then options.
    /// - Throws: `ShellError` naming the first problem (unknown verb or option, missing or extra
    ///   argument, wrong type, out of range, unknown object, missing file) with its span.
    public static func bind(_ statement: Statement, registry: CommandRegistry, workspace: Workspace) throws -> BoundStatement {
        let (command, positionals) = try resolveVerb(statement, registry: registry, workspace: workspace)
        if let target = statement.target, command.result.kind == nil {
            throw ShellError(.noResultToStore(command: command.name, target: target), at: statement.targetSpan)
        }
        var values: [String: Any] = [:]
        var spans: [String: SourceSpan] = [:]
        var texts: [String: String] = [:]
        try bindPositionals(positionals, of: command, statement: statement, workspace: workspace,
                            values: &values, spans: &spans, texts: &texts)
        for item in statement.items {
            guard case let .option(key, keySpan, value) = item else { continue }
            guard let option = command.options.first(where: { $0.name == key }) else {
                let known = command.options.map(\.name)
                throw ShellError(.unknownOption(key, command: command.name, suggestion: Suggestions.closest(to: key, among: known),
                                                known: known), at: keySpan)
            }
            values[key] = try option.bind([value], workspace)
            spans[key] = keySpan.union(value.span)
            texts[key] = value.text
        }
        for option in command.options where values[option.name] == nil {
            values[option.name] = option.omitted?()
        }
        let arguments = Arguments(statement: statement, commandName: command.name, values: values, spans: spans, texts: texts)
        return BoundStatement(command: command, arguments: arguments, target: statement.target)
    }

    /// The command named by the leading words, and the positional values after its verb.
    static func resolveVerb(_ statement: Statement, registry: CommandRegistry, workspace: Workspace) throws -> (Command, [SyntaxValue]) {
        let positionals = statement.items.compactMap { item -> SyntaxValue? in
            if case let .positional(value) = item { return value }
            return nil
        }
        var words: [String] = []
        for value in positionals {
            guard case let .word(word) = value.kind else { break }
            words.append(word)
        }
        guard !words.isEmpty else {
            throw ShellError(.expectedCommand(found: positionals.first?.description ?? "nothing"), at: positionals.first?.span ?? statement.span)
        }
        if let (command, length) = registry.resolve(words) {
            return (command, Array(positionals.dropFirst(length)))
        }
        var matched = 0
        while matched < words.count, !registry.commands(startingWith: Array(words.prefix(matched + 1))).isEmpty { matched += 1 }
        let firstSpan = positionals.first?.span ?? statement.span
        if matched > 0, matched == words.count || positionals.count == matched {
            let span = firstSpan.union(positionals[matched - 1].span)
            let prefix = Array(words.prefix(matched))
            throw ShellError(.incompleteCommand(prefix.joined(separator: " "), completions: registry.commands(startingWith: prefix).map(\.name)), at: span)
        }
        let shown = Array(words.prefix(max(1, matched + 1)))
        let span = firstSpan.union(positionals[max(0, shown.count - 1)].span)
        var suggestion = registry.closestVerb(to: words)
        if suggestion == nil, words.count == 1, statement.items.count == 1, workspace.object(named: words[0]) != nil {
            suggestion = "show \(words[0])"
        }
        throw ShellError(.unknownCommand(shown.joined(separator: " "), suggestion: suggestion), at: span)
    }
}
