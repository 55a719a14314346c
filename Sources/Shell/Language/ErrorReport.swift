/// Renders a `ShellError` for people: `error: [FILE:LINE: ]message`, then the statement line
/// with a caret under the part at fault.
///
///     error: unknown option 'kk' for 'train sae'; did you mean 'k'?
///       train sae acts kk=3
///                      ^~
public enum ErrorReport {
    /// The full report, ending with a newline.
    /// - Parameters:
    ///   - error: the error to show.
    ///   - includeLocation: whether to name `FILE:LINE` (batch mode) or not (at the prompt).
    public static func render(_ error: ShellError, includeLocation: Bool) -> String {
        var text = "error: "
        if includeLocation, let location = error.source?.location { text += "\(location): " }
        text += error.message + "\n"
        if let line = error.source?.line, let span = error.span, !line.isEmpty {
            text += "  " + line + "\n"
            text += "  " + caret(under: span, in: line) + "\n"
        }
        return text
    }

    /// `^~~~` under `span` of `line`, with tabs in the line kept so the caret lines up.
    public static func caret(under span: SourceSpan, in line: String) -> String {
        let characters = Array(line)
        let start = min(span.start, characters.count)
        let prefix = characters[..<start].map { $0 == "\t" ? "\t" : " " }.joined()
        let width = max(1, min(span.end, characters.count + 1) - start)
        return prefix + "^" + String(repeating: "~", count: width - 1)
    }
}
