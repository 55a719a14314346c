import CEditLine
import Foundation

/// What the command line asked for.
public struct LaunchRequest: Sendable {
    /// How statements arrive.
    public enum Mode: Sendable, Equatable {
        /// The prompt when standard input is a terminal, otherwise statements read from it.
        case prompt
        /// `mindscope run FILE...`
        case scripts([String])
        /// `mindscope -c 'statements'`
        case statements(String)
    }

    /// How statements arrive.
    public var mode: Mode
    /// `--session NAME`, when given.
    public var sessionName: String?
    /// `--init FILE`: a script whose statements run first, when given.
    public var initScript: String?

    /// A request.
    public init(mode: Mode, sessionName: String?, initScript: String? = nil) {
        self.mode = mode
        self.sessionName = sessionName
        self.initScript = initScript
    }
}

/// Starts a session for the command line and runs it to the end; returns the exit status:
/// 0 when all went well, 1 at the first error of a script, `-c` or piped input, 130 when a
/// script was stopped by Ctrl-C, 2 for a bad `--session` name.
public enum Launcher {
    /// Runs `request`.
    public static func run(_ request: LaunchRequest) -> Int32 {
        InterruptSignal.install(restartingCalls: true)
        if setlocale(LC_CTYPE, "") == nil || String(cString: setlocale(LC_CTYPE, nil)) == "C" { setlocale(LC_CTYPE, "C.UTF-8") }
        let environment = ProcessInfo.processInfo.environment
        let settings = Settings()
        if let name = request.sessionName, !SessionNames.isValid(name) {
            StandardStreams().write("error: --session \(name): a session name uses letters, digits, '.', '-' and '_'\n", to: .standardError)
            return 2
        }
        let name = request.sessionName ?? SessionNames.fresh(in: settings.sessionsURL)
        let session = Session(registry: .standard(testing: environment["MINDSCOPE_TEST_COMMANDS"] == "1"), name: name,
                              settings: settings, statusLine: .standardError(), followsSignal: true)
        do {
            session.transcript = try Transcript(url: settings.sessionsURL.appendingPathComponent("\(name).md"), sessionName: name, settings: settings)
        } catch {
            session.output.warning("\(error); this session keeps no transcript")
        }
        if let script = request.initScript {
            // Errors are reported by runScripts; the prompt opens all the same, other modes stop.
            let status = runScripts([script], in: session)
            if status != 0, request.mode != .prompt { return status }
        }
        switch request.mode {
        case let .scripts(paths): return runScripts(paths, in: session)
        case let .statements(text): return exitStatus(session.run(line: text, location: ScriptLocation(file: "<command-line>", line: 1)))
        case .prompt:
            if isTerminal(0) { return Prompt(session: session, history: HistoryFile.fromEnvironment(environment)).run() }
            return readStandardInput(into: session)
        }
    }

    private static func runScripts(_ paths: [String], in session: Session) -> Int32 {
        for path in paths {
            let url = URL(fileURLWithPath: Convert.expandingTilde(path))
            let items: [ScriptItem]
            do {
                guard FileManager.default.fileExists(atPath: url.path) else { throw ShellError(.fileNotFound(path)) }
                items = try ScriptReader.read(url, displayPath: path)
            } catch {
                session.output.write(ErrorReport.render(session.located(error, line: "", location: nil), includeLocation: true), to: .standardError)
                return 1
            }
            for case let .statement(text, line, status) in items {
                let location = ScriptLocation(file: path, line: line)
                guard status == .completed else {
                    session.output.warning("\(location): skipping '\(text)', which \(status == .failed ? "failed" : "was interrupted") in the recorded session")
                    continue
                }
                let outcome = session.run(line: text, location: location)
                if outcome != .completed { return exitStatus(outcome) }
            }
        }
        return 0
    }

    private static func readStandardInput(into session: Session) -> Int32 {
        let reader = LineReader()
        var lineNumber = 0
        while true {
            switch reader.next() {
            case .endOfInput: return 0
            case .interrupted: return 130
            case let .line(text):
                lineNumber += 1
                guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
                switch session.run(line: text, location: ScriptLocation(file: "<stdin>", line: lineNumber)) {
                case .completed, .interrupted: continue
                case .failed: return 1
                case .quit: return 0
                }
            }
        }
    }

    private static func exitStatus(_ outcome: Outcome) -> Int32 {
        switch outcome {
        case .completed, .quit: return 0
        case .failed: return 1
        case .interrupted: return 130
        }
    }
}

/// Session names: `--session NAME` or the date and time.
enum SessionNames {
    /// Letters, digits, `.`, `-`, `_`, not starting with `.`.
    static func isValid(_ name: String) -> Bool {
        !name.isEmpty && !name.hasPrefix(".") && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }
    }

    /// `2025-01-31-101500`, with `-2`, `-3`, ... added when a transcript of that name exists.
    static func fresh(in directory: URL, date: Date = Date()) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd-HHmmss"
        let base = formatter.string(from: date)
        var name = base
        var suffix = 2
        while FileManager.default.fileExists(atPath: directory.appendingPathComponent("\(name).md").path) {
            name = "\(base)-\(suffix)"
            suffix += 1
        }
        return name
    }
}
