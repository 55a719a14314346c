/// The typed values of a bound statement, read in the handler by parameter:
///
///     let k = try arguments[Self.k]          // Int
///     let acts = try arguments[Self.acts]    // ActivationsObject
public struct Arguments {
    /// The statement the arguments were bound from.
    public let statement: Statement
    private let values: [String: Any]
    private let spans: [String: SourceSpan]
    private let texts: [String: String]
    private let commandName: String

    init(statement: Statement, commandName: String, values: [String: Any], spans: [String: SourceSpan], texts: [String: String]) {
        self.statement = statement
        self.commandName = commandName
        self.values = values
        self.spans = spans
        self.texts = texts
    }

    /// The value of `parameter`: what was written, or its default.
    /// - Throws: `ShellError` (`.internalError`) when the command did not declare `parameter`.
    public subscript<Value>(_ parameter: Parameter<Value>) -> Value {
        get throws {
            guard let stored = values[parameter.spec.name], let value = stored as? Value else {
                throw ShellError(.internalError("'\(commandName)' reads \(parameter.spec.label) without declaring it"))
            }
            return value
        }
    }

    /// True when the statement wrote `parameter` (false when its default is in use).
    public func isGiven<Value>(_ parameter: Parameter<Value>) -> Bool { spans[parameter.spec.name] != nil }

    /// Where `parameter` was written in the statement line, if given.
    public func span<Value>(of parameter: Parameter<Value>) -> SourceSpan? { spans[parameter.spec.name] }

    /// The text written for `parameter` (for an object parameter, the workspace name), if given.
    public func text<Value>(of parameter: Parameter<Value>) -> String? { texts[parameter.spec.name] }

    /// An error about the value given for `parameter`, pointing the caret at it: use for checks
    /// only the handler can make, e.g. `throw arguments.error(k, "must be at most the width 384")`.
    public func error<Value>(_ parameter: Parameter<Value>, _ reason: String) -> ShellError {
        ShellError(.invalidArgument(parameter: parameter.spec.label, reason: reason), at: spans[parameter.spec.name])
    }

    /// The text written for the parameter named `name` (used for `ResultRule.updates`).
    func text(ofParameterNamed name: String) -> String? { texts[name] }

    /// Where the option called `name` was written, if given.
    func span(ofOptionNamed name: String) -> SourceSpan? { spans[name] }

    /// The text written for the option called `name`, if given.
    func text(ofOptionNamed name: String) -> String? { spans[name] == nil ? nil : texts[name] }
}
