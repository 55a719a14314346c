import Foundation
import Testing

/// A terminal driven through tmux on a private server socket, for tests of the interactive
/// prompt: keys go in with `send-keys`, the screen comes out with `capture-pane`.
final class Tmux {
    private let socket = "mindscope-test-\(UUID().uuidString.prefix(8))"
    private let session = "ms"
    static let executable = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/bin/tmux"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Starts `command` in a 150×50 terminal in `directory`.
    init(command: String, in directory: URL) throws {
        try #require(Tmux.executable != nil, "tmux is needed (scripts/setup installs it)")
        try tmux(["new-session", "-d", "-s", session, "-x", "150", "-y", "50", "-c", directory.path, command])
    }

    deinit { _ = try? tmux(["kill-server"]) }

    /// Sends keys (tmux key names such as `Tab`, `Enter`, `C-c`, `Up`, or literal text).
    func send(_ keys: String...) throws { try tmux(["send-keys", "-t", session] + keys) }

    /// Sends text literally (no key-name lookup).
    func type(_ text: String) throws { try tmux(["send-keys", "-t", session, "-l", text]) }

    /// The screen and scrollback, trailing blank lines removed.
    func screen() -> String {
        let text = (try? tmux(["capture-pane", "-p", "-t", session, "-S", "-300"])) ?? ""
        return text.replacingOccurrences(of: #"\n+$"#, with: "\n", options: .regularExpression)
    }

    /// The last non-empty line of the screen.
    func lastLine() -> String { screen().split(separator: "\n").last.map(String.init) ?? "" }

    /// Waits (up to `timeout` seconds) until `condition` holds for the screen.
    @discardableResult
    func wait(timeout: Double = 10, _ label: String, until condition: (String) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if condition(screen()) { return true }
            usleep(50_000)
        }
        let met = condition(screen())
        if !met { Issue.record("timed out waiting for \(label); screen:\n\(screen())") }
        return met
    }

    /// True while the tmux session (and so the program in it) is running.
    var isRunning: Bool { (try? tmux(["has-session", "-t", session])) != nil }

    /// Runs tmux and waits for it with `posix_spawn` and `waitpid` (Foundation's `Process`
    /// never saw the `new-session` client exit under the test runner's signal mask).
    @discardableResult
    private func tmux(_ arguments: [String]) throws -> String {
        let capture = FileManager.default.temporaryDirectory.appendingPathComponent("tmux-\(UUID().uuidString).out")
        defer { try? FileManager.default.removeItem(at: capture) }
        let status = try spawnAndWait([Tmux.executable ?? "/usr/bin/tmux", "-L", socket, "-f", "/dev/null"] + arguments, output: capture.path)
        guard status == 0 else { throw CocoaError(.executableLoad) }
        return (try? String(contentsOf: capture, encoding: .utf8)) ?? ""
    }
}
