import CEditLine

/// Ctrl-C (SIGINT) for the whole process. Signals are process-wide, so this is the one place
/// with process-wide state: a counter in the C shim that the handler increments. This file is
/// the only caller of the shim's SIGINT functions (the counter lives once per object file).
enum InterruptSignal {
    /// Installs the handler. `restartingCalls` keeps interrupted reads and writes going (while a
    /// command runs); without it a blocking read returns early (at the prompt).
    static func install(restartingCalls: Bool) {
        _ = mindscope_install_sigint(restartingCalls ? 1 : 0)
    }

    /// True when Ctrl-C was pressed since the last `clear()`.
    static var isPending: Bool { mindscope_sigint_pending() > 0 }

    /// Forgets earlier Ctrl-C presses (at the start of each statement and prompt).
    static func clear() { mindscope_clear_sigint() }
}
