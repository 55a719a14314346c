import CEditLine
import Synchronization

/// The one line at the bottom of the terminal where a progress bar is drawn (on standard
/// error, only when it is a terminal). Printing anything else clears it first; the next
/// progress update draws it again. Safe to use from any thread.
public final class StatusLine: Sendable {
    private let shown = Mutex<Bool>(false)
    private let write: @Sendable (String) -> Void
    /// Whether a status line is drawn at all.
    public let isEnabled: Bool
    private let fixedWidth: Int?

    /// A status line on standard error, enabled when standard error is a terminal.
    public static func standardError() -> StatusLine {
        let sink = StandardStreams()
        return StatusLine(enabled: isTerminal(2), width: nil) { sink.write($0, to: .standardError) }
    }

    /// A status line writing through `write` (tests pass a buffer and a fixed width).
    public init(enabled: Bool, width: Int?, write: @escaping @Sendable (String) -> Void) {
        isEnabled = enabled
        fixedWidth = width
        self.write = write
    }

    /// Columns available for the line.
    var width: Int {
        if let fixedWidth { return fixedWidth }
        let columns = Int(mindscope_terminal_columns(2))
        return columns > 0 ? columns : 80
    }

    /// Replaces the line with `text` (cut to the width).
    func show(_ text: String) {
        guard isEnabled else { return }
        let line = String(text.prefix(max(0, width - 1)))
        shown.withLock { visible in
            write("\r\u{1B}[K" + line)
            visible = true
        }
    }

    /// Removes the line if it is shown.
    func clear() {
        guard isEnabled else { return }
        shown.withLock { visible in
            if visible { write("\r\u{1B}[K") }
            visible = false
        }
    }
}
