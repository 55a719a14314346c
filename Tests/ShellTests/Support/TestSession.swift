import Foundation
import Shell
import Testing

/// An in-process session over the lab registry that captures what it prints.
struct TestSession {
    let session: Session
    let output: CapturedOutput

    init(registry: CommandRegistry = Lab.registry, name: String = "test") {
        output = CapturedOutput()
        session = Session(registry: registry, name: name, sink: output)
    }

    /// Runs `line` at the prompt (no location) and returns the outcome.
    @discardableResult
    func run(_ line: String) -> Outcome { session.run(line: line, location: nil) }

    /// Runs `line` and returns what it printed on standard output, forgetting earlier output.
    func printed(_ line: String) -> String {
        output.reset()
        run(line)
        return output.standardOutput
    }

    /// Runs `line` and returns what it printed on standard error, forgetting earlier output.
    func errors(_ line: String) -> String {
        output.reset()
        run(line)
        return output.standardError
    }

    /// Runs `line`, expects exactly `message` as its first error line, and the workspace unchanged.
    func expectError(_ line: String, _ message: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let before = session.workspace.names
        let errors = errors(line)
        #expect(errors.split(separator: "\n").first.map(String.init) == "error: " + message, "\(errors)", sourceLocation: sourceLocation)
        #expect(session.workspace.names == before, "the workspace is unchanged", sourceLocation: sourceLocation)
    }
}
