import Foundation

/// One thing read from a script or transcript.
public enum ScriptItem: Equatable, Sendable {
    /// A transcript's session header; `seed` is the seed it records.
    case sessionStart(seed: UInt64?)
    /// A statement line with its 1-based line number and, in transcripts, how it ended.
    case statement(String, line: Int, status: TranscriptStatus)
}

/// Reads `.msc` scripts (one statement line per line; `#` comments, blank lines ignored) and
/// `.md` transcripts (the lines of ```` ```msc ```` fenced blocks; blocks marked `failed` or
/// `interrupted` come back with that status so runners can skip them).
public enum ScriptReader {
    /// The items of the file at `url`: a transcript when it ends in `.md`, else a script.
    /// - Throws: `ShellError.fileError` when the file cannot be read as UTF-8 text.
    public static func read(_ url: URL, displayPath: String) throws -> [ScriptItem] {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw ShellError(.fileError(path: displayPath, reason: "it is a directory, not a script"))
        }
        guard let handle = FileHandle(forReadingAtPath: url.path), let data = try? handle.readToEnd() ?? Data() else {
            throw ShellError(.fileError(path: displayPath, reason: "cannot read it"))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ShellError(.fileError(path: displayPath, reason: "it is not UTF-8 text"))
        }
        return url.pathExtension.lowercased() == "md" ? transcriptItems(text) : scriptItems(text)
    }

    /// The statement lines of a script.
    public static func scriptItems(_ text: String) -> [ScriptItem] {
        lines(text).enumerated().compactMap { index, line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty, !trimmed.hasPrefix("#") else { return nil }
            return .statement(line, line: index + 1, status: .completed)
        }
    }

    /// The session headers and ```` ```msc ```` statements of a transcript.
    public static func transcriptItems(_ text: String) -> [ScriptItem] {
        var items: [ScriptItem] = []
        var openFence: (length: Int, status: TranscriptStatus?)?
        var inHeader = false
        for (index, line) in lines(text).enumerated() {
            if let fence = openFence {
                if fenceLength(line) >= fence.length, line.trimmingCharacters(in: CharacterSet(charactersIn: "`")).trimmingCharacters(in: .whitespaces).isEmpty {
                    openFence = nil
                } else if let status = fence.status, !line.trimmingCharacters(in: .whitespaces).isEmpty {
                    items.append(.statement(line, line: index + 1, status: status))
                }
                continue
            }
            let length = fenceLength(line)
            if length >= 3 {
                let info = line.dropFirst(length).split(separator: " ").map(String.init)
                openFence = (length, info.first == "msc" ? status(info.dropFirst().first) : nil)
            } else if line.hasPrefix("# mindscope session") {
                inHeader = true
                items.append(.sessionStart(seed: nil))
            } else if inHeader, line.hasPrefix("- seed "), let seed = UInt64(line.dropFirst(7).prefix { $0.isASCIIDigit }) {
                items[items.count - 1] = .sessionStart(seed: seed)
                inHeader = false
            }
        }
        return items
    }

    private static func status(_ word: String?) -> TranscriptStatus {
        guard let word else { return .completed }
        return TranscriptStatus(rawValue: word) ?? .failed
    }

    private static func fenceLength(_ line: String) -> Int { line.prefix { $0 == "`" }.count }

    private static func lines(_ text: String) -> [String] {
        // "\r\n" is one Character in Swift, so it is a separator of its own.
        text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).map { line in
            line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
        }
    }
}
