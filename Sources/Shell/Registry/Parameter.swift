/// Whether a parameter is written as a positional word or as `KEY=value`.
public enum ParameterRole: Sendable, Equatable {
    /// Written in order after the verb, e.g. `ACTS` in `train sae ACTS`.
    case positional
    /// Written `KEY=value` anywhere after the verb.
    case option
}

/// What tab completion offers where a parameter's value is expected.
public enum CompletionSource: Sendable, Equatable {
    /// Nothing (numbers, free text).
    case none
    /// Names of workspace objects of these kinds (any kind when nil).
    case objects(kinds: [String]?)
    /// File and directory paths; files filtered by extension when `extensions` is not empty.
    case paths(extensions: [String])
    /// A fixed set of words (enum values, `true`/`false`).
    case words([String])
    /// Command verbs (for `help`).
    case commands
    /// The plot kinds the workspace's objects offer (`plot KIND`).
    case plotKinds
    /// Names of the objects offering the plot kind written just before (`plot KIND NAME`).
    case plottableObjects
}

/// What the registry knows about one parameter, whatever its Swift type: it drives binding,
/// `help`, usage lines and completion. Made by the `Option` and `Positional` factories.
public struct ParameterSpec: Sendable {
    /// The option key (`k`) or the positional placeholder (`ACTS`).
    public let name: String
    /// Positional or option.
    public let role: ParameterRole
    /// One line of help.
    public let help: String
    /// The value placeholder in usage and help: `INT`, `NUMBER`, `PATH`, `none|mean`, `sae`.
    public let valueLabel: String
    /// What is expected, for errors: `an integer`, `a path`, `true or false`.
    public let expected: String
    /// The default as shown in help, when there is one.
    public let defaultText: String?
    /// The accepted range in words (`at least 1`), when limited.
    public let boundsText: String?
    /// True when the parameter must be given (positionals without default).
    public let isRequired: Bool
    /// A word that must come before a positional (`to` in `save NAME to PATH`).
    public let preposition: String?
    /// True when a positional takes all remaining words (at least one when required).
    public let isVariadic: Bool
    /// What completion offers for the value.
    public let completion: CompletionSource
    /// Converts the written values (one, or several for a variadic positional) to the typed value.
    let bind: @Sendable ([SyntaxValue], Workspace) throws -> Any
    /// The value when the parameter is omitted (nil for required parameters).
    let omitted: (@Sendable () -> Any)?

    /// The parameter as written in messages: `k=` for options, `ACTS` for positionals.
    public var label: String { role == .option ? "\(name)=" : name }
}

/// A typed handle on a declared parameter: declare it once (e.g. `let k = Option.int(...)`), list
/// it in the command, and read its value in the handler with `try arguments[k]`.
public struct Parameter<Value>: Sendable, ParameterDeclaration {
    /// The untyped description used by the registry.
    public let spec: ParameterSpec

    init(_ spec: ParameterSpec) { self.spec = spec }
}

/// Anything that can be listed among a command's parameters.
public protocol ParameterDeclaration: Sendable {
    /// The untyped description used by the registry.
    var spec: ParameterSpec { get }
}

extension ParameterSpec {
    /// Builds a spec; used by the `Option` and `Positional` factories.
    init(name: String, role: ParameterRole, help: String, valueLabel: String, expected: String,
         defaultText: String? = nil, boundsText: String? = nil, isRequired: Bool = false,
         preposition: String? = nil, isVariadic: Bool = false, completion: CompletionSource = .none,
         omitted: (@Sendable () -> Any)? = nil, bind: @escaping @Sendable ([SyntaxValue], Workspace) throws -> Any) {
        self.name = name
        self.role = role
        self.help = help
        self.valueLabel = valueLabel
        self.expected = expected
        self.defaultText = defaultText
        self.boundsText = boundsText
        self.isRequired = isRequired
        self.preposition = preposition
        self.isVariadic = isVariadic
        self.completion = completion
        self.omitted = omitted
        self.bind = bind
    }
}
