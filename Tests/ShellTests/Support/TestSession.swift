import Foundation
import Shell

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
}
