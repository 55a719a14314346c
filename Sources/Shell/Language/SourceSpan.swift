/// A range of characters within one source line (0-based `Character` offsets, end exclusive),
/// used to point a caret at the part of a statement an error is about.
public struct SourceSpan: Sendable, Hashable {
    /// Offset of the first character.
    public var start: Int
    /// Offset just past the last character.
    public var end: Int

    /// A span from `start` up to (not including) `end`.
    public init(_ start: Int, _ end: Int) {
        self.start = start
        self.end = max(start, end)
    }

    /// The smallest span covering both spans.
    public func union(_ other: SourceSpan) -> SourceSpan {
        SourceSpan(min(start, other.start), max(end, other.end))
    }
}

/// Where a statement came from: a file (or `<stdin>`, `<command line>`) and a 1-based line.
public struct ScriptLocation: Sendable, Hashable, CustomStringConvertible {
    /// A file path, or a label in angle brackets for other inputs.
    public var file: String
    /// The 1-based line number within `file`.
    public var line: Int

    /// A location at `line` of `file`.
    public init(file: String, line: Int) {
        self.file = file
        self.line = line
    }

    /// `FILE:LINE`, the form used in batch-mode error messages.
    public var description: String { "\(file):\(line)" }
}
