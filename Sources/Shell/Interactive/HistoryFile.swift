import Foundation

/// The statements typed at the prompt, kept across sessions in a plain text file with one
/// statement per line: `$MINDSCOPE_HISTORY` when set (empty: keep no history), otherwise
/// `~/.mindscope_history`. Each statement is appended as it is entered, so concurrent sessions
/// interleave rather than overwrite; the file is cut back to the latest `limit` lines when it
/// grows past twice that.
struct HistoryFile {
    /// The file, or nil when history is off.
    let url: URL?
    /// Lines kept.
    let limit: Int

    /// The history file the environment asks for.
    static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment, limit: Int = 1000) -> HistoryFile {
        if let path = environment["MINDSCOPE_HISTORY"] {
            return HistoryFile(url: path.isEmpty ? nil : URL(fileURLWithPath: Convert.expandingTilde(path)), limit: limit)
        }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return HistoryFile(url: URL(fileURLWithPath: home).appendingPathComponent(".mindscope_history"), limit: limit)
    }

    /// The latest `limit` statements, oldest first (empty when there is no file yet).
    func load() -> [String] {
        guard let url, let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        let lines = text.split(separator: "\n").map(String.init)
        if lines.count > 2 * limit {
            let kept = lines.suffix(limit).joined(separator: "\n") + "\n"
            try? Data(kept.utf8).write(to: url, options: .atomic)
        }
        return Array(lines.suffix(limit))
    }

    /// Appends one statement line.
    func append(_ line: String) {
        guard let url else { return }
        let descriptor = open(url.path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        let bytes = Array((line + "\n").utf8)
        _ = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress!, $0.count) }
    }
}
