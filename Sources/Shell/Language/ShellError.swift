/// Everything that can go wrong in a statement, from a stray quote to a failed file write.
///
/// The problem says what went wrong; the span (when known) says where in the statement, so the
/// report can point a caret at it. Every message is made in `Problem.message`, in one place.
public struct ShellError: Error, Equatable, CustomStringConvertible {
    /// What went wrong.
    public var problem: Problem
    /// The part of the statement line at fault, when there is one.
    public var span: SourceSpan?
    /// The line the statement came from and its location, once known (filled in by the session).
    public var source: (location: ScriptLocation?, line: String)? {
        get { sourceLine.map { ($0.location, $0.line) } }
        set { sourceLine = newValue.map { SourceLine(location: $0.location, line: $0.line) } }
    }
    private var sourceLine: SourceLine?

    /// An error for `problem`, pointing at `span` when given.
    public init(_ problem: Problem, at span: SourceSpan? = nil) {
        self.problem = problem
        self.span = span
    }

    /// The one-line message (without `error:` and location).
    public var message: String { problem.message }
    /// The message.
    public var description: String { message }

    public static func == (lhs: ShellError, rhs: ShellError) -> Bool {
        lhs.problem == rhs.problem && lhs.span == rhs.span && lhs.sourceLine == rhs.sourceLine
    }

    private struct SourceLine: Equatable {
        var location: ScriptLocation?
        var line: String
    }
}

extension ShellError {
    /// The kinds of problem, each carrying what its message names.
    public enum Problem: Sendable, Equatable {
        // Lexing
        case controlCharacter(Unicode.Scalar)
        case danglingBackslash
        case unknownEscape(Character)
        case unterminatedString(Character)
        // Parsing
        case expectedCommand(found: String)
        case expectedCommandAfterTarget(String, found: String?)
        case invalidTarget(String)
        case invalidOptionKey(String)
        case expectedValue(key: String, found: String?)
        case misplacedEquals
        case unexpectedToken(String)
        case unterminatedList
        case expectedListSeparator(found: String)
        case duplicateOption(String)
        // Binding a statement to a command
        case unknownCommand(String, suggestion: String?)
        case incompleteCommand(String, completions: [String])
        case unknownOption(String, command: String, suggestion: String?, known: [String])
        case missingArgument(command: String, argument: String, usage: String)
        case missingOption(command: String, option: String)
        case unexpectedArgument(command: String, found: String, usage: String)
        case expectedWord(String, command: String, found: String?)
        case wrongType(parameter: String, expected: String, found: String)
        case outOfRange(parameter: String, value: String, bounds: String)
        case notAChoice(parameter: String, found: String, choices: [String], suggestion: String?)
        case unknownObject(String, suggestion: String?)
        case wrongKind(name: String, kind: String, expected: [String])
        case fileNotFound(String)
        case wrongExtension(path: String, parameter: String, expected: [String])
        case noResultToStore(command: String, target: String)
        // Running a command
        case invalidArgument(parameter: String, reason: String)
        case failed(String)
        case cannotSave(kind: String)
        case cannotExport(kind: String, format: String, available: [String])
        case fileError(path: String, reason: String)
        case recursiveRun(String)
        case replayNeedsEmptyWorkspace(names: [String])
        case internalError(String)
    }
}
