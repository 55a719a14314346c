/// The texts of `help`, `help AREA`, `help VERB` and `help kinds`, all made from the declarations.
public enum HelpText {
    /// The index: every visible command by area, then how statements are written.
    public static func index(_ registry: CommandRegistry) -> String {
        var lines = ["mindscope \(MindscopeVersion.current): commands by area (help VERB for one command, help AREA for an area)"]
        let width = registry.visibleCommands.map(\.usage.count).max() ?? 0
        for area in registry.areas {
            let commands = area.commands.filter { !$0.isHidden }
            guard !commands.isEmpty else { continue }
            lines.append("")
            lines.append("\(area.name): \(area.title)")
            lines.append(commandTable(commands, usageWidth: width).render(indent: 2))
        }
        lines.append("")
        lines.append(contentsOf: [
            "A statement is [NAME =] VERB words KEY=VALUE ...; separate statements with ';', comment with '#'.",
            "Values: numbers (32, 1e-3), \"strings\", names, paths, [lists], true, false. Results without NAME = get _1, _2, ...",
            "Tab completes verbs, options, names and paths. Ctrl-C stops a running command. help kinds lists object kinds.",
        ])
        return lines.joined(separator: "\n")
    }

    /// An area's commands and object kinds.
    public static func area(_ area: CommandArea) -> String {
        var lines = ["\(area.name): \(area.title)", commandTable(area.commands.filter { !$0.isHidden }).render(indent: 2)]
        if !area.kinds.isEmpty {
            lines.append("")
            lines.append("object kinds:")
            lines.append(kindTable(area.kinds).render(indent: 2))
        }
        return lines.joined(separator: "\n")
    }

    /// A command's usage, summary, arguments, options (with defaults and ranges), result and examples.
    public static func command(_ command: Command) -> String {
        var lines = [command.usage, "  " + command.summary]
        if !command.positionals.isEmpty {
            lines.append("")
            lines.append("arguments:")
            var table = TextTable(columns: 2)
            for positional in command.positionals {
                let written = (positional.preposition.map { "\($0) " } ?? "") + positional.name + (positional.isVariadic ? "..." : "")
                let notes = [positional.expected, positional.boundsText, positional.isRequired ? nil : "optional"].compactMap { $0 }
                table.append([written, positional.help + " (\(notes.joined(separator: "; ")))"])
            }
            lines.append(table.render(indent: 2))
        }
        if !command.options.isEmpty {
            lines.append("")
            lines.append("options:")
            var table = TextTable(columns: 2)
            for option in command.options {
                let notes = [option.defaultText.map { "default \($0)" }, option.boundsText].compactMap { $0 }
                table.append(["\(option.name)=\(option.valueLabel)", option.help + (notes.isEmpty ? "" : " (\(notes.joined(separator: "; ")))")])
            }
            lines.append(table.render(indent: 2))
        }
        if let kind = command.result.kind {
            lines.append("")
            switch command.result {
            case let .updates(_, argument):
                lines.append("result: \(ShellError.Problem.article(kind.name)) \(kind.name), stored under NAME = or back under \(argument)")
            default:
                lines.append("result: \(ShellError.Problem.article(kind.name)) \(kind.name), stored under NAME = or the next _N")
            }
        }
        if let discussion = command.discussion {
            lines.append("")
            lines.append(discussion)
        }
        lines.append("")
        lines.append(command.examples.count == 1 ? "example:" : "examples:")
        lines.append(contentsOf: command.examples.map { "  " + $0 })
        return lines.joined(separator: "\n")
    }

    /// Every object kind: what it is, its native file and its exports.
    public static func kinds(_ registry: CommandRegistry) -> String {
        var lines = ["object kinds (save writes the native file; export writes .json or .csv):"]
        for kind in registry.kinds {
            lines.append("")
            lines.append("\(kind.name): \(kind.summary)")
            lines.append("  save: " + (kind.saveFormat.map { "\($0)" + (kind.saveExtension.map { " (.\($0))" } ?? "") } ?? "no native format"))
            for layout in kind.saveLayouts { lines.append("  save format=\(layout.word): \(layout.description)") }
            for format in ExportFormat.allCases {
                if let description = kind.exports[format] { lines.append("  export .\(format.rawValue): \(description)") }
            }
        }
        return lines.joined(separator: "\n")
    }

    private static func commandTable(_ commands: [Command], usageWidth: Int = 0) -> TextTable {
        var table = TextTable(columns: 2)
        for command in commands {
            table.append([command.usage + String(repeating: " ", count: max(0, usageWidth - command.usage.count)), command.summary])
        }
        return table
    }

    private static func kindTable(_ kinds: [ObjectKind]) -> TextTable {
        var table = TextTable(columns: 2)
        for kind in kinds { table.append([kind.name, kind.summary]) }
        return table
    }
}
