extension ShellError.Problem {
    /// The message for this problem: one line that names the problem and what would be accepted.
    public var message: String {
        switch self {
        case let .controlCharacter(scalar):
            return "unexpected control character U+\(String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4))"
        case .danglingBackslash:
            return "a backslash at the end of the line escapes nothing"
        case let .unknownEscape(character):
            return "unknown escape '\\\(character)' in a string; known: \\\" \\' \\\\ \\n \\t"
        case let .unterminatedString(quote):
            return "unterminated string: missing closing \(quote)"
        case let .expectedCommand(found):
            return "expected a command, found \(found); type help for the list of commands"
        case let .expectedCommandAfterTarget(name, found):
            return "expected a command after '\(name) =', found \(found ?? "the end of the statement")"
        case let .invalidTarget(text):
            return "cannot store a result in '\(text)': names start with a letter or _ and hold letters, digits and _"
        case let .invalidOptionKey(text):
            return "'\(text)' cannot name an option: options are written KEY=VALUE with a word as KEY"
        case let .expectedValue(key, found):
            return "expected a value after '\(key)=', found \(found ?? "the end of the statement")"
        case .misplacedEquals:
            return "unexpected '=': options are written KEY=VALUE, results are stored with NAME = COMMAND"
        case let .unexpectedToken(token):
            return "unexpected \(token) outside a list"
        case .unterminatedList:
            return "unterminated list: missing ']'"
        case let .expectedListSeparator(found):
            return "expected ',' or ']' in the list, found \(found)"
        case let .duplicateOption(key):
            return "option '\(key)' is given twice"
        default:
            return bindingMessage
        }
    }

    private var bindingMessage: String {
        switch self {
        case let .unknownCommand(words, suggestion):
            return "unknown command '\(words)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? "; type help for the list of commands")
        case let .incompleteCommand(words, completions):
            return "'\(words)' is not a command by itself; did you mean \(Self.alternatives(completions.map { "'\($0)'" }))?"
        case let .unknownOption(key, command, suggestion, known):
            if let suggestion { return "unknown option '\(key)' for '\(command)'; did you mean '\(suggestion)'?" }
            if known.isEmpty { return "'\(command)' takes no options" }
            return "unknown option '\(key)' for '\(command)'; it takes \(known.joined(separator: ", "))"
        case let .missingArgument(command, argument, usage):
            return "'\(command)' needs \(argument); usage: \(usage)"
        case let .missingOption(command, option):
            return "'\(command)' needs the option \(option)="
        case let .unexpectedArgument(command, found, usage):
            return "unexpected \(found) after '\(command)'; usage: \(usage)"
        case let .expectedWord(word, command, found):
            return "expected '\(word)' in '\(command)', found \(found ?? "the end of the statement")"
        case let .wrongType(parameter, expected, found):
            return "\(parameter) expects \(expected), found \(found)"
        case let .outOfRange(parameter, value, bounds):
            return "\(parameter) must be \(bounds), found \(value)"
        case let .notAChoice(parameter, found, choices, suggestion):
            return "\(parameter) must be one of \(choices.joined(separator: ", ")), found '\(found)'"
                + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
        case let .unknownObject(name, suggestion):
            return "no object named '\(name)' in the workspace" + (suggestion.map { "; did you mean '\($0)'?" } ?? "; ls lists them")
        case let .wrongKind(name, kind, expected):
            return "'\(name)' is \(Self.article(kind)) \(kind), but \(Self.alternatives(expected.map { Self.article($0) + " " + $0 })) is needed here"
        case let .fileNotFound(path):
            return "no such file: \(path)"
        case let .wrongExtension(path, parameter, expected):
            return "\(parameter) '\(path)' should end in \(Self.alternatives(expected.map { "." + $0 }))"
        case let .noResultToStore(command, target):
            return "'\(command)' gives no result to store in '\(target)'"
        default:
            return runningMessage
        }
    }

    private var runningMessage: String {
        switch self {
        case let .invalidArgument(parameter, reason): return "\(parameter) \(reason)"
        case let .failed(message): return message
        case let .cannotSave(kind): return "objects of kind \(kind) have no native file format; use export"
        case let .cannotExport(kind, format, available):
            let others = available.isEmpty ? "it has no export" : "it exports \(Self.alternatives(available.map { "." + $0 }))"
            return "\(Self.article(kind)) \(kind) has no .\(format) export; \(others)"
        case let .fileError(path, reason): return "\(path): \(reason)"
        case let .recursiveRun(path): return "\(path) is already running: a script cannot run itself"
        case let .replayNeedsEmptyWorkspace(names):
            return "replay starts from an empty workspace, and this one holds \(names.joined(separator: ", ")); "
                + "add clear=true to drop them, or use run to add the statements to this workspace"
        case let .internalError(message): return "internal error: \(message)"
        default: return "unexpected problem"
        }
    }

    /// `a`, `a or b`, `a, b or c`.
    static func alternatives(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "nothing" }
        return items.dropLast().joined(separator: ", ") + " or " + items[items.count - 1]
    }

    /// `a` or `an` for a kind name.
    static func article(_ word: String) -> String {
        guard let first = word.lowercased().first else { return "a" }
        return "aeiou".contains(first) ? "an" : "a"
    }
}

extension String {
    /// The string padded on the left with `pad` up to `width` characters.
    func leftPadded(to width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
