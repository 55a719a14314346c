import Foundation

/// Everything that can go wrong making a figure, with its message made in one place.
public enum PlotError: Error, Equatable, Sendable, CustomStringConvertible, LocalizedError {
    /// `what` (a series, a matrix, ...) has no values at all.
    case emptyData(what: String)
    /// `what` has values, but none is finite (all NaN/±Inf, or non-positive on a log axis).
    case noFiniteValues(what: String)
    /// `what` should have `expected` values and has `actual`.
    case mismatchedLengths(what: String, expected: Int, actual: Int)
    /// A name (colormap, chart kind, scale, marker) that is not one of `known`.
    case unknownName(kind: String, name: String, known: [String])
    /// An option value outside what is accepted.
    case invalidOption(name: String, value: String, reason: String)
    /// A font file that FreeType cannot open.
    case fontUnreadable(path: String, reason: String)
    /// libpng refused to encode the image.
    case pngEncodingFailed(reason: String)
    /// A PNG file that cannot be read.
    case pngUnreadable(path: String, reason: String)
    /// A text chunk keyword or text that PNG cannot hold.
    case invalidMetadata(reason: String)
    /// The file could not be written.
    case cannotWrite(path: String, reason: String)

    /// The message shown to a user: one line naming the problem and what is accepted.
    public var description: String {
        switch self {
        case let .emptyData(what):
            return "\(what) has no values to plot"
        case let .noFiniteValues(what):
            return "\(what) has no finite values to plot (every value is NaN, infinite or not positive on a log axis)"
        case let .mismatchedLengths(what, expected, actual):
            return "\(what) has \(actual) values but \(expected) were expected"
        case let .unknownName(kind, name, known):
            let hint = PlotError.nearest(to: name, in: known).map { " (did you mean \($0)?)" } ?? ""
            return "unknown \(kind) '\(name)'\(hint); known: \(known.joined(separator: ", "))"
        case let .invalidOption(name, value, reason):
            return "\(name)=\(value) is not accepted: \(reason)"
        case let .fontUnreadable(path, reason):
            return "cannot read the font \(path): \(reason)"
        case let .pngEncodingFailed(reason):
            return "cannot encode the PNG: \(reason)"
        case let .pngUnreadable(path, reason):
            return "cannot read the PNG \(path): \(reason)"
        case let .invalidMetadata(reason):
            return "cannot store the PNG text: \(reason)"
        case let .cannotWrite(path, reason):
            return "cannot write \(path): \(reason)"
        }
    }

    /// Foundation's hook, so `error.localizedDescription` gives the same message.
    public var errorDescription: String? { description }

    /// The known name closest to `name` (edit distance at most 2, or a unique prefix match).
    static func nearest(to name: String, in known: [String]) -> String? {
        let lowered = name.lowercased()
        let prefixed = known.filter { $0.hasPrefix(lowered) }
        if prefixed.count == 1 { return prefixed[0] }
        let scored = known.map { ($0, editDistance(lowered, $0)) }.min { $0.1 < $1.1 }
        return scored.flatMap { $0.1 <= 2 ? $0.0 : nil }
    }

    private static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var previous = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...max(b.count, 1) where !b.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return a.isEmpty ? b.count : previous[b.count]
    }
}
