import Foundation

/// How a line or statement ended.
public enum Outcome: Equatable {
    /// Every statement ran.
    case completed
    /// A statement failed; later ones on the line did not run.
    case failed(ShellError)
    /// A statement stopped on Ctrl-C.
    case interrupted
    /// `quit` was run.
    case quit
}

/// A session: the workspace, settings, transcript and history, and the loop body that runs
/// statements — parse, bind, run, store, print — reporting every error through one place.
public final class Session {
    /// The commands.
    public let registry: CommandRegistry
    /// The named objects.
    public internal(set) var workspace = Workspace()
    /// Seed, threads and directories.
    public internal(set) var settings: Settings
    /// The session name (the transcript is `SESSIONS/NAME.md`).
    public let name: String
    /// The transcript, when one is written.
    public internal(set) var transcript: Transcript?
    /// Statements of earlier sessions (from the history file), oldest first.
    public var previousHistory: [String] = []
    /// Statements entered in this session, oldest first.
    public internal(set) var history: [String] = []
    /// True once `quit` ran.
    public internal(set) var quitRequested = false

    let output: Output
    let progress: ProgressReporter
    let cancellation: Cancellation
    var randomStreamsUsed = 0
    var figuresWritten = 0
    /// Scripts being run (innermost last), to refuse a script that runs itself.
    var runningScripts: [String] = []
    /// Figures written by the statement being recorded, for the transcript links.
    var pendingFigures: [URL] = []

    /// A session.
    /// - Parameters:
    ///   - registry: the commands.
    ///   - name: the session name.
    ///   - settings: initial settings.
    ///   - sink: where text goes.
    ///   - statusLine: where progress bars are drawn.
    ///   - followsSignal: whether Ctrl-C (SIGINT) cancels statements.
    public init(registry: CommandRegistry, name: String, settings: Settings = Settings(), sink: any OutputSink = StandardStreams(),
                statusLine: StatusLine = StatusLine(enabled: false, width: nil) { _ in }, followsSignal: Bool = false) {
        self.registry = registry
        self.name = name
        self.settings = settings
        output = Output(sink: sink, statusLine: statusLine)
        progress = ProgressReporter(statusLine: statusLine)
        cancellation = Cancellation(followsSignal: followsSignal)
    }

    /// Runs one line typed or read at the top level: each statement is run, printed and added
    /// to the transcript. Errors are reported (with `FILE:LINE` when `location` is given).
    public func run(line: String, location: ScriptLocation?) -> Outcome {
        let statements: [Statement]
        do {
            statements = try Parser.parse(line)
        } catch {
            let report = located(error, line: line, location: location)
            output.write(ErrorReport.render(report, includeLocation: true), to: .standardError)
            recordInTranscript(text: line.trimmingCharacters(in: .whitespaces), status: .failed)
            return .failed(report)
        }
        for statement in statements {
            history.append(statement.text)
            let outcome = perform(statement, line: line, location: location)
            switch outcome {
            case let .failed(error): output.write(ErrorReport.render(error, includeLocation: true), to: .standardError)
            case .interrupted: output.write("interrupted\n", to: .standardError)
            case .completed, .quit: break
            }
            if !(outcome == .quit && Session.isQuit(statement)) {
                recordInTranscript(text: statement.text, status: TranscriptStatus(outcome))
            }
            if outcome != .completed { return outcome }
        }
        return .completed
    }

    /// Runs one statement: bind, call the handler, store its object, print what happened.
    /// Errors come back located but not yet printed.
    func perform(_ statement: Statement, line: String, location: ScriptLocation?) -> Outcome {
        cancellation.reset()
        do {
            let bound = try Binder.bind(statement, registry: registry, workspace: workspace)
            let context = CommandContext(session: self, statement: statement.text)
            let result: CommandResult
            do {
                result = try bound.command.handler(bound.arguments, context)
            } catch is Interrupted {
                return .interrupted
            }
            store(result, of: bound)
            randomStreamsUsed += context.randomStreamsTaken
            figuresWritten += context.figures.count
            pendingFigures += context.figures
            if result.interrupted { return .interrupted }
            return quitRequested ? .quit : .completed
        } catch {
            return .failed(located(error, line: line, location: location))
        }
    }

    /// True for the statement `quit`, which is not recorded (a replay should not end there).
    static func isQuit(_ statement: Statement) -> Bool {
        if case let .positional(value)? = statement.items.first, value.kind == .word("quit") { return true }
        return false
    }

    private func store(_ result: CommandResult, of bound: BoundStatement) {
        guard let object = result.object else { return }
        var name = bound.target
        if name == nil, case let .updates(_, argument) = bound.command.result {
            name = bound.arguments.text(ofParameterNamed: argument)
        }
        let finalName = name ?? workspace.takeAutomaticName()
        workspace.store(object, as: finalName)
        output.print("\(finalName) (\(object.objectKind.name)): \(object.summary)")
    }

    /// `error` as a `ShellError` that knows its line and location (kept when already set by a
    /// script run deeper down).
    func located(_ error: any Error, line: String, location: ScriptLocation?) -> ShellError {
        var shellError: ShellError
        switch error {
        case let error as ShellError: shellError = error
        case let error as CustomStringConvertible: shellError = ShellError(.failed(error.description))
        default: shellError = ShellError(.failed(error.localizedDescription))
        }
        if shellError.source == nil { shellError.source = (location, line) }
        return shellError
    }
}
