import Foundation

/// One completion candidate: the text replacing the word being typed, and what to add after it
/// when it is the only candidate (a space, `=` after an option key, nothing after a directory).
public struct CompletionCandidate: Equatable, Sendable {
    /// The full word.
    public var text: String
    /// Added after the word when it is the only candidate.
    public var suffix: String
}

/// Tab completion from the same declarations that drive parsing and help: verbs, the option keys
/// of the command being typed, workspace names where an object is expected, paths where a path
/// is expected, enum words where a choice is expected.
public struct Completer {
    /// Characters that end the word being completed (as libedit is told).
    public static let wordBreakCharacters = " \t\n\"'=[],;"

    let registry: CommandRegistry
    let workspace: Workspace

    /// A completer over `registry` and the names in `workspace`.
    public init(registry: CommandRegistry, workspace: Workspace) {
        self.registry = registry
        self.workspace = workspace
    }

    /// Candidates for the word that ends `prefix` (the line up to the cursor), sorted.
    public func complete(_ prefix: String) -> [CompletionCandidate] {
        let partialStart = prefix.lastIndex { Completer.wordBreakCharacters.contains($0) }.map { prefix.index(after: $0) } ?? prefix.startIndex
        let partial = String(prefix[partialStart...])
        var tokens = Lexer.tokenizePartial(String(prefix[..<partialStart]))
        if let lastSemicolon = tokens.lastIndex(where: { $0.kind == .semicolon }) { tokens.removeFirst(lastSemicolon + 1) }
        let candidates = candidates(tokens: tokens, partial: partial)
        var seen: Set<String> = []
        return candidates.filter { $0.text.hasPrefix(partial) && seen.insert($0.text).inserted }.sorted { $0.text < $1.text }
    }

    private func candidates(tokens: [Token], partial: String) -> [CompletionCandidate] {
        var tokens = tokens
        if tokens.count >= 2, tokens[1].kind == .equals, case .word = tokens[0].kind { tokens.removeFirst(2) }
        if tokens.isEmpty { return verbWords(after: []) }
        if tokens.last?.kind == .equals {
            guard tokens.count >= 2, case let .word(key, _) = tokens[tokens.count - 2].kind,
                  let command = resolved(tokens.dropLast(2)).command,
                  let option = command.options.first(where: { $0.name == key }) else { return [] }
            return values(for: option.completion, partial: partial)
        }
        let (command, words) = resolved(tokens[...])
        guard let command else { return verbWords(after: words) }
        let givenKeys = Set(tokens.indices.dropLast().compactMap { index -> String? in
            guard tokens[index + 1].kind == .equals, case let .word(key, _) = tokens[index].kind else { return nil }
            return key
        })
        var candidates = command.options.filter { !givenKeys.contains($0.name) }.map { CompletionCandidate(text: $0.name, suffix: "=") }
        let written = positionalWords(tokens[...]).dropFirst(command.verb.count)
        if written.isEmpty { candidates += verbWords(after: command.verb) }
        candidates += positionalCandidates(command, written: Array(written), partial: partial)
        return candidates
    }

    /// The command named by the leading words (longest match) and the leading words themselves.
    private func resolved(_ tokens: ArraySlice<Token>) -> (command: Command?, words: [String]) {
        let words = positionalWords(tokens).prefix { !$0.isEmpty }
        return (registry.resolve(Array(words))?.command, Array(words))
    }

    /// The positional words written (option `KEY = value` triples skipped); "" for non-words.
    private func positionalWords(_ tokens: ArraySlice<Token>) -> [String] {
        var words: [String] = []
        var index = tokens.startIndex
        while index < tokens.endIndex {
            if index + 1 < tokens.endIndex, tokens[index + 1].kind == .equals {
                index += 3
                continue
            }
            if case let .word(text, _) = tokens[index].kind { words.append(text) } else { words.append("") }
            index += 1
        }
        return words
    }

    /// The next verb word of every visible command whose verb starts with `words`.
    private func verbWords(after words: [String]) -> [CompletionCandidate] {
        registry.commands(startingWith: words).compactMap { command in
            command.verb.count > words.count ? CompletionCandidate(text: command.verb[words.count], suffix: " ") : nil
        }
    }

    private func positionalCandidates(_ command: Command, written: [String], partial: String) -> [CompletionCandidate] {
        var index = 0
        for parameter in command.positionals {
            if let preposition = parameter.preposition {
                if index < written.count, written[index] == preposition {
                    index += 1
                } else if index == written.count {
                    return [CompletionCandidate(text: preposition, suffix: " ")]
                } else if !parameter.isRequired {
                    continue
                }
            }
            if parameter.isVariadic || index == written.count {
                if parameter.completion == .plottableObjects { return plottableObjects(offering: index > 0 ? written[index - 1] : nil) }
                return values(for: parameter.completion, partial: partial)
            }
            index += 1
        }
        return []
    }

    private func values(for source: CompletionSource, partial: String) -> [CompletionCandidate] {
        switch source {
        case .none: return []
        case let .words(words): return words.map { CompletionCandidate(text: $0, suffix: " ") }
        case let .objects(kinds):
            let names = kinds.map { $0.flatMap { workspace.names(ofKind: $0) } } ?? workspace.names
            return names.map { CompletionCandidate(text: $0, suffix: " ") }
        case .commands:
            return registry.visibleCommands.map { CompletionCandidate(text: $0.verb[0], suffix: " ") }
                + registry.areas.map { CompletionCandidate(text: $0.name, suffix: " ") } + [CompletionCandidate(text: "kinds", suffix: " ")]
        case let .paths(extensions): return PathCompletion.candidates(for: partial, extensions: extensions)
        case .plotKinds:
            return workspace.names.flatMap { workspace.object(named: $0)?.plotForms.map(\.kind) ?? [] }
                .map { CompletionCandidate(text: $0, suffix: " ") }
        case .plottableObjects: return plottableObjects(offering: nil)
        }
    }

    /// Objects offering the plot `kind` (any plot when nil).
    private func plottableObjects(offering kind: String?) -> [CompletionCandidate] {
        workspace.names.filter { name in
            let forms = workspace.object(named: name)?.plotForms ?? []
            return kind.map { kind in forms.contains { $0.kind == kind } } ?? !forms.isEmpty
        }.map { CompletionCandidate(text: $0, suffix: " ") }
    }
}
