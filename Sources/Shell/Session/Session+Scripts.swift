import Foundation

extension Session {
    /// Runs the statements of a script or transcript inside the current statement (`run`,
    /// `replay`). Each statement is echoed into the transcript as `> statement` followed by its
    /// output. With `replay`, every session header of a transcript starts from an empty
    /// workspace and the seed it records.
    /// - Throws: the first statement's error (located at `FILE:LINE`), `Interrupted` when one
    ///   was stopped by Ctrl-C, `ShellError.recursiveRun` for a script that runs itself.
    func runScript(_ url: URL, displayPath: String, replay: Bool, span: SourceSpan?) throws {
        let key = url.standardizedFileURL.path
        guard !runningScripts.contains(key) else { throw ShellError(.recursiveRun(displayPath), at: span) }
        let items = try ScriptReader.read(url, displayPath: displayPath)
        runningScripts.append(key)
        defer { runningScripts.removeLast() }
        for item in items {
            switch item {
            case let .sessionStart(seed):
                if replay { startAfresh(seed: seed) }
            case let .statement(text, line, status):
                let location = ScriptLocation(file: displayPath, line: line)
                guard status == .completed else {
                    let ending = status == .failed ? "failed" : "was interrupted"
                    output.warning("\(location): skipping '\(text)', which \(ending) in the recorded session")
                    continue
                }
                try runNested(line: text, location: location)
                if quitRequested { return }
            }
        }
    }

    /// Runs one line of a script inside the current statement.
    private func runNested(line: String, location: ScriptLocation) throws {
        let statements: [Statement]
        do {
            statements = try Parser.parse(line)
        } catch {
            throw located(error, line: line, location: location)
        }
        for statement in statements {
            output.recordOnly("> \(statement.text)\n")
            switch perform(statement, line: line, location: location) {
            case .completed: continue
            case let .failed(error): throw error
            case .interrupted: throw Interrupted()
            case .quit: return
            }
        }
    }

    /// An empty workspace, automatic names from `_1`, the given seed and fresh random streams.
    func startAfresh(seed: UInt64?) {
        workspace = Workspace()
        if let seed { settings.seed = seed }
        randomStreamsUsed = 0
    }
}
