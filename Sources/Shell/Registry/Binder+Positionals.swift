extension Binder {
    /// Matches the written positional values to the command's positional parameters in order:
    /// a parameter with a preposition expects that word first; an optional one is skipped when
    /// its preposition (or value) is absent; a variadic one takes the remaining values.
    static func bindPositionals(_ written: [SyntaxValue], of command: Command, statement: Statement, workspace: Workspace,
                                values: inout [String: Any], spans: inout [String: SourceSpan],
                                texts: inout [String: String]) throws {
        let endSpan = SourceSpan(statement.span.end, statement.span.end + 1)
        var index = 0
        for parameter in command.positionals {
            if let preposition = parameter.preposition {
                if index < written.count, written[index].kind == .word(preposition) {
                    index += 1
                } else if !parameter.isRequired {
                    values[parameter.name] = parameter.omitted?()
                    continue
                } else {
                    throw ShellError(.expectedWord(preposition, command: command.name, found: index < written.count ? written[index].description : nil),
                                     at: index < written.count ? written[index].span : endSpan)
                }
            }
            let taken: [SyntaxValue]
            if parameter.isVariadic {
                taken = Array(written[min(index, written.count)...])
            } else {
                taken = index < written.count ? [written[index]] : []
            }
            guard !taken.isEmpty else {
                if !parameter.isRequired, parameter.preposition == nil {
                    values[parameter.name] = parameter.omitted?()
                    continue
                }
                throw ShellError(.missingArgument(command: command.name, argument: parameter.name, usage: command.usage), at: endSpan)
            }
            index += taken.count
            values[parameter.name] = try parameter.bind(taken, workspace)
            spans[parameter.name] = taken[0].span.union(taken[taken.count - 1].span)
            texts[parameter.name] = taken.compactMap(\.text).joined(separator: " ")
        }
        if index < written.count {
            throw ShellError(.unexpectedArgument(command: command.name, found: written[index].description, usage: command.usage),
                             at: written[index].span)
        }
    }
}
