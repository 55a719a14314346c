/// The two streams text goes to.
public enum OutputStream: Sendable {
    /// Results.
    case standardOutput
    /// Errors, warnings and the progress bar.
    case standardError
}

/// Where a session's text goes: the process's streams, or a buffer in tests.
public protocol OutputSink: AnyObject, Sendable {
    /// Writes `text` to `stream` now (no buffering that could reorder it).
    func write(_ text: String, to stream: OutputStream)
}

/// The printer commands use. Everything printed goes to standard output and into the
/// transcript of the statement; warnings and errors go to standard error and the transcript.
/// Print from the thread running the command (not from parallel loop bodies).
public final class Output {
    let sink: any OutputSink
    let statusLine: StatusLine
    private var captured = ""

    init(sink: any OutputSink, statusLine: StatusLine) {
        self.sink = sink
        self.statusLine = statusLine
    }

    /// Prints `text` and a newline.
    public func print(_ text: String) { write(text + "\n", to: .standardOutput) }

    /// Prints an aligned text table.
    public func print(_ table: TextTable, indent: Int = 0) {
        let text = table.render(indent: indent)
        if !text.isEmpty { print(text) }
    }

    /// Prints `warning: text` on standard error (and into the transcript).
    public func warning(_ text: String) { write("warning: \(text)\n", to: .standardError) }

    /// Writes text that was already formatted (e.g. an error report).
    func write(_ text: String, to stream: OutputStream) {
        statusLine.clear()
        sink.write(text, to: stream)
        captured += text
    }

    /// Adds text to the transcript only (the echo of statements run by a script).
    func recordOnly(_ text: String) { captured += text }

    /// The text captured since the last call, for the transcript.
    func takeCaptured() -> String {
        defer { captured = "" }
        return captured
    }
}

/// The process's standard output and error, written straight to the file descriptors.
public final class StandardStreams: OutputSink {
    /// The streams.
    public init() {}

    /// Writes all of `text` to fd 1 or 2, retrying short or interrupted writes.
    public func write(_ text: String, to stream: OutputStream) {
        let descriptor: Int32 = stream == .standardOutput ? 1 : 2
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBytes { buffer in
            var done = 0
            while done < buffer.count {
                let written = systemWrite(descriptor, buffer.baseAddress! + done, buffer.count - done)
                if written > 0 { done += written } else if written < 0, lastErrorIsInterrupt() { continue } else { break }
            }
        }
    }
}
