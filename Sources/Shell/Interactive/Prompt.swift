import Foundation

/// The interactive loop: read a line at the prompt, run it, repeat until `quit` or Ctrl-D.
/// Ctrl-C at the prompt clears the line; during a statement it stops the statement.
struct Prompt {
    let session: Session
    let history: HistoryFile
    /// The prompt string.
    static let text = "mindscope> "

    func run() -> Int32 {
        let earlier = history.load()
        session.previousHistory = earlier
        let session = self.session
        let editor = LineEditor(history: earlier) { Completer(registry: session.registry, workspace: session.workspace) }
        let transcript = session.transcript.map { " Transcript: \(Transcript.relativePath(from: URL(fileURLWithPath: FileManager.default.currentDirectoryPath), to: $0.url))." } ?? ""
        session.output.sink.write("mindscope \(MindscopeVersion.current): help lists the commands, Tab completes, Ctrl-D quits.\(transcript)\n",
                                  to: .standardOutput)
        while true {
            switch editor.readLine(prompt: Prompt.text) {
            case .endOfInput:
                session.output.sink.write("\n", to: .standardOutput)
                return 0
            case .interrupted:
                session.output.sink.write("\n", to: .standardOutput)
            case let .line(line):
                let entered = line.trimmingCharacters(in: .whitespaces)
                guard !entered.isEmpty else { continue }
                editor.remember(entered)
                history.append(entered)
                if session.run(line: line, location: nil) == .quit { return 0 }
            }
        }
    }
}
