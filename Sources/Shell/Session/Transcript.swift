import Foundation

/// How a recorded statement ended; replay runs only `.completed` ones.
public enum TranscriptStatus: String, Sendable {
    /// Ran to the end: recorded as a ```` ```msc ```` block.
    case completed = ""
    /// Failed with an error: ```` ```msc failed ````.
    case failed
    /// Stopped by Ctrl-C: ```` ```msc interrupted ````.
    case interrupted

    init(_ outcome: Outcome) {
        switch outcome {
        case .completed, .quit: self = .completed
        case .failed: self = .failed
        case .interrupted: self = .interrupted
        }
    }

    /// The info string of the statement's fenced block.
    var infoString: String { self == .completed ? "msc" : "msc \(rawValue)" }
}

/// The Markdown notebook of a session, `SESSIONS/NAME.md`: a header, then each statement in a
/// fenced block followed by its output and links to its figures. Each entry is written with one
/// `write(2)` as soon as its statement ends, so a crash loses nothing already done.
public final class Transcript {
    /// Where the transcript is.
    public private(set) var url: URL
    private var handle: FileHandle

    /// Opens (creating or appending to) the transcript at `url` and writes the session header.
    /// - Throws: `ShellError.fileError` when the directory or file cannot be made.
    public init(url: URL, sessionName: String, settings: Settings, date: Date = Date()) throws {
        self.url = url
        let existed = FileManager.default.fileExists(atPath: url.path)
        handle = try Transcript.openForAppending(url)
        var header = existed ? "\n---\n\n" : ""
        header += Transcript.header(sessionName: sessionName, settings: settings, date: date, continued: existed)
        try append(header)
    }

    /// The header: title, then version, start time, seed, threads and working directory.
    static func header(sessionName: String, settings: Settings, date: Date, continued: Bool) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss xx"
        return """
        # mindscope session \(sessionName)\(continued ? " (continued)" : "")

        - mindscope \(MindscopeVersion.current)
        - started \(formatter.string(from: date))
        - seed \(settings.seed), threads \(settings.threads)
        - working directory `\(FileManager.default.currentDirectoryPath)`


        """
    }

    /// Appends one statement with its output and figure links.
    public func record(statement: String, status: TranscriptStatus, output: String, figures: [URL]) throws {
        let statementFence = Transcript.fence(for: statement)
        var entry = "\(statementFence)\(status.infoString)\n\(statement)\n\(statementFence)\n"
        if !output.isEmpty {
            let outputFence = Transcript.fence(for: output)
            entry += "\(outputFence)text\n\(output)\(output.hasSuffix("\n") ? "" : "\n")\(outputFence)\n"
        }
        for figure in figures {
            let link = Transcript.relativePath(from: url.deletingLastPathComponent(), to: figure)
            entry += "\n![\(figure.lastPathComponent)](\(link))\n"
        }
        try append(entry + "\n")
    }

    /// Moves the transcript into `directory` (for `set sessions=DIR`) and keeps appending there.
    public func move(to directory: URL) throws {
        let destination = directory.appendingPathComponent(url.lastPathComponent)
        guard destination.standardizedFileURL.path != url.standardizedFileURL.path else { return }
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try handle.close()
            try FileManager.default.moveItem(at: url, to: destination)
        } catch {
            throw ShellError(.fileError(path: destination.relativePath, reason: "cannot move the transcript here: \(error.localizedDescription)"))
        }
        url = destination
        handle = try Transcript.openForAppending(destination)
    }

    private func append(_ text: String) throws {
        do {
            try handle.write(contentsOf: Data(text.utf8))
        } catch {
            throw ShellError(.fileError(path: url.relativePath, reason: "cannot write the transcript: \(error.localizedDescription)"))
        }
    }

    private static func openForAppending(_ url: URL) throws -> FileHandle {
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            if !FileManager.default.fileExists(atPath: url.path) {
                guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
                    throw CocoaError(.fileWriteUnknown)
                }
            }
            let handle = try FileHandle(forWritingTo: url)
            try handle.seekToEnd()
            return handle
        } catch {
            throw ShellError(.fileError(path: url.relativePath, reason: "cannot open the transcript: \(error.localizedDescription)"))
        }
    }

    /// A backtick fence longer than any backtick run in `text` (at least three).
    static func fence(for text: String) -> String {
        var longest = 0, run = 0
        for character in text {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        return String(repeating: "`", count: max(3, longest + 1))
    }

    /// The path of `file` relative to `directory` (`../plots/x.png`), both made absolute first.
    static func relativePath(from directory: URL, to file: URL) -> String {
        let from = directory.standardizedFileURL.pathComponents
        let to = file.standardizedFileURL.pathComponents
        var common = 0
        while common < min(from.count, to.count), from[common] == to[common] { common += 1 }
        let ups = Array(repeating: "..", count: from.count - common)
        return (ups + to[common...]).joined(separator: "/")
    }
}
