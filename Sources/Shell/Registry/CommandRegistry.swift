/// Every command of a session, grouped by area; resolves verb words to commands.
public struct CommandRegistry: Sendable {
    /// The areas in `help` order.
    public let areas: [CommandArea]
    /// Every command, hidden ones included, in area order.
    public let commands: [Command]

    /// A registry of `areas`.
    public init(areas: [CommandArea]) {
        self.areas = areas
        commands = areas.flatMap(\.commands)
    }

    /// Commands shown by `help` and offered by completion.
    public var visibleCommands: [Command] { commands.filter { !$0.isHidden } }

    /// Every object kind the areas declare.
    public var kinds: [ObjectKind] { areas.flatMap(\.kinds) }

    /// The command whose verb is the longest match at the start of `words`, and how many words it used.
    public func resolve(_ words: [String]) -> (command: Command, length: Int)? {
        var best: Command?
        for command in commands where command.verb.count <= words.count && Array(words.prefix(command.verb.count)) == command.verb {
            if command.verb.count > (best?.verb.count ?? 0) { best = command }
        }
        return best.map { ($0, $0.verb.count) }
    }

    /// The command named exactly `name` (e.g. `"train sae"`).
    public func command(named name: String) -> Command? { commands.first { $0.name == name } }

    /// Visible commands whose verb starts with all of `words`.
    public func commands(startingWith words: [String]) -> [Command] {
        visibleCommands.filter { $0.verb.count >= words.count && Array($0.verb.prefix(words.count)) == words }
    }

    /// The visible verb closest to the start of `words` (for did-you-mean): the verb whose words
    /// are within the edit distance `Suggestions` allows of as many typed words; else the
    /// shortest verb whose first word is close to (or the only extension of) the first typed word.
    public func closestVerb(to words: [String]) -> String? {
        var best: (name: String, distance: Int)?
        for command in visibleCommands where words.count >= command.verb.count {
            let typed = words.prefix(command.verb.count).joined(separator: " ")
            let distance = Suggestions.editDistance(Array(typed.lowercased()), Array(command.name))
            if distance <= Suggestions.allowedDistance(forLength: typed.count), distance < (best?.distance ?? .max) {
                best = (command.name, distance)
            }
        }
        if let best { return best.name }
        guard let first = words.first else { return nil }
        let firstWords = Array(Set(visibleCommands.map { $0.verb[0] })).sorted()
        guard let word = Suggestions.closest(to: first, among: firstWords) else { return nil }
        return visibleCommands.filter { $0.verb[0] == word }.min { $0.verb.count < $1.verb.count }?.name
    }

    /// Problems with the declarations, each as a sentence (empty when all is well): duplicate
    /// verbs, empty summaries or helps, missing examples, clashing parameter names, variadic
    /// positionals that are not last.
    public func declarationProblems() -> [String] {
        var problems: [String] = []
        var seen: Set<String> = []
        for command in commands {
            let name = command.name
            if !seen.insert(name).inserted { problems.append("'\(name)' is declared twice") }
            if command.summary.isEmpty { problems.append("'\(name)' has no summary") }
            if command.examples.isEmpty { problems.append("'\(name)' has no example") }
            var parameterNames: Set<String> = []
            for parameter in command.parameters {
                if !parameterNames.insert(parameter.name).inserted { problems.append("'\(name)' declares \(parameter.name) twice") }
                if parameter.help.isEmpty { problems.append("'\(name)' parameter \(parameter.name) has no help") }
            }
            if let variadic = command.positionals.firstIndex(where: \.isVariadic), variadic != command.positionals.count - 1 {
                problems.append("'\(name)': only the last positional may take several words")
            }
            if case let .updates(_, argument) = command.result, !command.positionals.contains(where: { $0.name == argument }) {
                problems.append("'\(name)' updates \(argument), which is not one of its positionals")
            }
        }
        return problems
    }
}
