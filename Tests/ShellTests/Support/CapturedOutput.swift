import Shell
import Synchronization

/// An output sink that keeps what a session prints, for in-process session tests.
final class CapturedOutput: OutputSink {
    private let text = Mutex<(standardOutput: String, standardError: String)>(("", ""))

    func write(_ text: String, to stream: Shell.OutputStream) {
        self.text.withLock { captured in
            switch stream {
            case .standardOutput: captured.standardOutput += text
            case .standardError: captured.standardError += text
            }
        }
    }

    /// Everything printed on standard output so far.
    var standardOutput: String { text.withLock { $0.standardOutput } }
    /// Everything printed on standard error so far.
    var standardError: String { text.withLock { $0.standardError } }

    /// Forgets what was printed.
    func reset() { text.withLock { $0 = ("", "") } }
}
