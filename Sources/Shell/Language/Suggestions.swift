/// Did-you-mean suggestions for mistyped verbs, options, names and enum words.
public enum Suggestions {
    /// The candidate closest to `word`, when it is close enough to be a likely typo: within a
    /// Damerau–Levenshtein distance that grows with the word's length (1 up to 3 letters,
    /// 2 up to 6, 3 beyond), ignoring case, or the only candidate that `word` is a prefix of.
    /// Ties go to the earlier candidate.
    /// - Complexity: O(c · n · m) for c candidates of length m and a word of length n.
    public static func closest(to word: String, among candidates: [String]) -> String? {
        let typed = Array(word.lowercased())
        guard !typed.isEmpty else { return nil }
        let allowed = allowedDistance(forLength: typed.count)
        var best: (candidate: String, distance: Int)?
        for candidate in candidates where candidate != word {
            let distance = editDistance(typed, Array(candidate.lowercased()))
            if distance <= allowed, distance < (best?.distance ?? .max) { best = (candidate, distance) }
        }
        if let best { return best.candidate }
        let extensions = candidates.filter { $0.lowercased().hasPrefix(word.lowercased()) && $0 != word }
        return extensions.count == 1 ? extensions[0] : nil
    }

    /// The largest edit distance still taken for a typo of a word of `length` characters.
    public static func allowedDistance(forLength length: Int) -> Int {
        length <= 3 ? 1 : (length <= 6 ? 2 : 3)
    }

    /// The optimal-string-alignment distance: insertions, deletions, substitutions and swaps
    /// of adjacent characters each cost 1.
    /// - Complexity: O(n · m) time, O(m) memory per row kept (three rows).
    public static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var before = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, before[j - 2] + 1)
                }
                current[j] = value
            }
            (before, previous, current) = (previous, current, before)
        }
        return previous[b.count]
    }
}
