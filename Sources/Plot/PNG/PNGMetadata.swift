/// Text stored in a PNG file: keyword/text pairs written as `tEXt` chunks (or `iTXt` when the
/// text needs characters beyond Latin-1), right after the header so that tools see them early.
public struct PNGMetadata: Hashable, Sendable {
    /// One keyword and its text.
    public struct Entry: Hashable, Sendable {
        /// 1–79 printable Latin-1 characters, e.g. "Software".
        public var keyword: String
        /// Any text; newlines are kept.
        public var text: String

        /// A keyword/text pair.
        public init(keyword: String, text: String) {
            self.keyword = keyword
            self.text = text
        }
    }

    /// The pairs, in the order they are written.
    public var entries: [Entry]

    /// Metadata with the given pairs.
    public init(entries: [Entry] = []) { self.entries = entries }

    /// What every mindscope figure carries: `Software` = "mindscope VERSION" and, when given,
    /// `Description` = the statement that made the figure (so a PNG can be traced back to it).
    public static func mindscope(version: String, statement: String?) -> PNGMetadata {
        var entries = [Entry(keyword: "Software", text: "mindscope \(version)")]
        if let statement { entries.append(Entry(keyword: "Description", text: statement)) }
        return PNGMetadata(entries: entries)
    }

    /// The text stored under `keyword`, if any.
    public subscript(keyword: String) -> String? { entries.first { $0.keyword == keyword }?.text }
}
