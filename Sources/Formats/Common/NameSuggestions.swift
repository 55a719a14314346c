/// "Did you mean" hints for names that are not found, listing what is available.
enum NameSuggestions {
    /// At most this many available names are listed in a message.
    static let listLimit = 12

    /// Text to append to a not-found message: the nearest names and (a prefix of) the available ones.
    static func hint(for name: String, among available: [String], kind: FormatError.EntryKind) -> String {
        guard !available.isEmpty else { return " (there are none)" }
        var text = ""
        let near = nearest(to: name, among: available)
        if !near.isEmpty {
            text += "; did you mean " + near.map { "'\($0)'" }.joined(separator: " or ") + "?"
        }
        let shown = available.prefix(listLimit).joined(separator: ", ")
        let more = available.count > listLimit ? ", … (\(available.count) in all)" : ""
        return text + " (available: \(shown)\(more))"
    }

    /// The names at the smallest edit distance from `name` (at most two, sorted), provided that
    /// distance is small: at most a third of the name's length.
    static func nearest(to name: String, among candidates: [String]) -> [String] {
        let limit = max(1, name.count / 3)
        let scored = candidates.map { (name: $0, distance: editDistance(name.lowercased(), $0.lowercased())) }
            .filter { $0.distance <= limit }
        guard let best = scored.map(\.distance).min() else { return [] }
        return scored.filter { $0.distance == best }.map(\.name).sorted().prefix(2).map { $0 }
    }

    /// Levenshtein distance between two strings (by Unicode scalar).
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(substitution, previous[j] + 1, current[j - 1] + 1)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
