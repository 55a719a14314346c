/// One command of the language, declared once: its verb, parameters, result, help and handler.
/// Dispatch, `help`, usage lines and tab completion all come from this declaration.
public struct Command: Sendable {
    /// The verb words, e.g. `["train", "sae", "more"]`.
    public let verb: [String]
    /// One line saying what the command does (shown by `help`).
    public let summary: String
    /// Positional parameters (in order) and options.
    public let parameters: [ParameterSpec]
    /// What the command stores in the workspace.
    public let result: ResultRule
    /// Example statements, shown by `help VERB` and checked by tests to parse and bind.
    public let examples: [String]
    /// More help shown by `help VERB` after the options (a few lines), when useful.
    public let discussion: String?
    /// Hidden commands are left out of `help` and completion (test-only commands).
    public let isHidden: Bool
    /// Runs the command with bound arguments.
    public let handler: @Sendable (Arguments, CommandContext) throws -> CommandResult

    /// Declares a command.
    /// - Parameters:
    ///   - verb: the verb words separated by spaces, e.g. `"train sae"`.
    ///   - summary: one line for `help`.
    ///   - parameters: positional parameters in the order written, and options (any order).
    ///   - result: what the command stores (`.nothing` by default).
    ///   - examples: at least one example statement.
    ///   - discussion: extra help text for `help VERB`.
    ///   - hidden: leave out of `help` and completion.
    ///   - run: the handler; it reads `arguments[parameter]`, prints through `context.output`
    ///     and returns a `CommandResult`.
    public init(_ verb: String, summary: String, parameters: [any ParameterDeclaration] = [], result: ResultRule = .nothing,
                examples: [String], discussion: String? = nil, hidden: Bool = false,
                run: @escaping @Sendable (Arguments, CommandContext) throws -> CommandResult) {
        self.verb = verb.split(separator: " ").map(String.init)
        self.summary = summary
        self.parameters = parameters.map(\.spec)
        self.result = result
        self.examples = examples
        self.discussion = discussion
        self.isHidden = hidden
        handler = run
    }

    /// The verb as written: `train sae`.
    public var name: String { verb.joined(separator: " ") }
    /// Positional parameters in order.
    public var positionals: [ParameterSpec] { parameters.filter { $0.role == .positional } }
    /// Options in declaration order.
    public var options: [ParameterSpec] { parameters.filter { $0.role == .option } }

    /// The usage line: `save NAME to PATH`, `help [VERB...]`, `train sae ACTS [options]`.
    public var usage: String {
        var parts = [name]
        for positional in positionals {
            var part = (positional.preposition.map { $0 + " " } ?? "") + positional.name
            if positional.isVariadic { part += "..." }
            parts.append(positional.isRequired ? part : "[\(part)]")
        }
        if !options.isEmpty { parts.append("[options]") }
        return parts.joined(separator: " ")
    }
}

/// What a command stores in the workspace.
public enum ResultRule: Sendable {
    /// Nothing: `NAME = VERB ...` is an error.
    case nothing
    /// A new object of this kind, stored under `NAME` or the next automatic name `_N`.
    case object(ObjectKind)
    /// An updated object, stored under `NAME` when given, else back under the name written for
    /// the positional parameter `argument` (e.g. `train sae more SAE` updates SAE in place).
    case updates(ObjectKind, argument: String)

    /// The kind of object stored, if any.
    public var kind: ObjectKind? {
        switch self {
        case .nothing: return nil
        case let .object(kind), let .updates(kind, _): return kind
        }
    }
}

/// What a handler hands back: an object to store, or nothing, and whether it was interrupted.
public struct CommandResult {
    /// The object to store (see the command's `ResultRule`), if any.
    public var object: (any WorkspaceObject)?
    /// True when the work stopped early on Ctrl-C; `object` then holds the state reached.
    public var interrupted: Bool

    /// Nothing to store.
    public static var done: CommandResult { CommandResult(object: nil, interrupted: false) }

    /// Store `object`.
    public static func object(_ object: any WorkspaceObject) -> CommandResult {
        CommandResult(object: object, interrupted: false)
    }

    /// Stopped on Ctrl-C, keeping `object` (the state reached so far) when given.
    public static func interrupted(keeping object: (any WorkspaceObject)?) -> CommandResult {
        CommandResult(object: object, interrupted: true)
    }
}

/// A group of commands shown together by `help`, with the object kinds they make. Each area
/// declares one of these in `Sources/Shell/Commands/<Area>.swift` and is listed once in
/// `CommandArea.all`.
public struct CommandArea: Sendable {
    /// The area's word, e.g. `sae` (`help sae` lists its commands).
    public let name: String
    /// A few words for the `help` index, e.g. "sparse autoencoders".
    public let title: String
    /// The area's commands.
    public let commands: [Command]
    /// The object kinds the area's commands make.
    public let kinds: [ObjectKind]

    /// Declares an area.
    public init(name: String, title: String, commands: [Command], kinds: [ObjectKind] = []) {
        self.name = name
        self.title = title
        self.commands = commands
        self.kinds = kinds
    }
}
