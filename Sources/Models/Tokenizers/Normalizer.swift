import Foundation

/// The text normalisation step of a tokenizer, as Hugging Face `tokenizers` defines it.
public enum Normalizer: Sendable, Equatable {
    /// BERT's normaliser: drop control characters and map whitespace to spaces (`cleanText`),
    /// surround CJK ideographs with spaces, strip accents (NFD, then drop nonspacing marks),
    /// lowercase. `stripAccents == nil` means "strip when lowercasing", as in BERT's uncased models.
    case bert(cleanText: Bool, handleChineseCharacters: Bool, stripAccents: Bool?, lowercase: Bool)
    /// Unicode normalisation forms.
    case nfc, nfd, nfkc, nfkd
    /// Per-character full lowercase mapping.
    case lowercase
    /// NFD is expected before it; drops nonspacing marks (category Mn).
    case stripAccents
    /// Steps applied in order.
    case sequence([Normalizer])

    /// The normalised text.
    public func apply(_ text: String) -> String {
        switch self {
        case let .bert(cleanText, handleChineseCharacters, stripAccents, lowercase):
            var scalars = Array(text.unicodeScalars)
            if cleanText { scalars = Normalizer.cleaned(scalars) }
            if handleChineseCharacters { scalars = Normalizer.spacedChineseCharacters(scalars) }
            var result = String(String.UnicodeScalarView(scalars))
            if stripAccents ?? lowercase { result = Normalizer.withoutAccents(result) }
            if lowercase { result = Normalizer.lowercased(result) }
            return result
        case .nfc: return text.precomposedStringWithCanonicalMapping
        case .nfd: return text.decomposedStringWithCanonicalMapping
        case .nfkc: return text.precomposedStringWithCompatibilityMapping
        case .nfkd: return text.decomposedStringWithCompatibilityMapping
        case .lowercase: return Normalizer.lowercased(text)
        case .stripAccents: return Normalizer.withoutNonspacingMarks(text)
        case let .sequence(steps): return steps.reduce(text) { $1.apply($0) }
        }
    }

    /// Removes NUL, U+FFFD and control characters; every whitespace character becomes a space.
    static func cleaned(_ scalars: [Unicode.Scalar]) -> [Unicode.Scalar] {
        var result: [Unicode.Scalar] = []
        result.reserveCapacity(scalars.count)
        for scalar in scalars {
            if scalar.value == 0 || scalar.value == 0xFFFD || UnicodeClasses.isBertControl(scalar) { continue }
            let isSpace = scalar.value == 0x09 || scalar.value == 0x0A || scalar.value == 0x0D
                || UnicodeClasses.isWhitespace(scalar)
            result.append(isSpace ? " " : scalar)
        }
        return result
    }

    /// Puts a space on each side of every CJK ideograph, so each becomes its own word.
    static func spacedChineseCharacters(_ scalars: [Unicode.Scalar]) -> [Unicode.Scalar] {
        var result: [Unicode.Scalar] = []
        result.reserveCapacity(scalars.count)
        for scalar in scalars {
            if UnicodeClasses.isChineseCharacter(scalar) {
                result.append(" "); result.append(scalar); result.append(" ")
            } else {
                result.append(scalar)
            }
        }
        return result
    }

    /// Canonical decomposition followed by removal of nonspacing marks.
    static func withoutAccents(_ text: String) -> String {
        withoutNonspacingMarks(text.decomposedStringWithCanonicalMapping)
    }

    /// Drops characters of category Mn.
    static func withoutNonspacingMarks(_ text: String) -> String {
        var view = String.UnicodeScalarView()
        for scalar in text.unicodeScalars where scalar.properties.generalCategory != .nonspacingMark {
            view.append(scalar)
        }
        return String(view)
    }

    /// Lowercases each scalar with its full, context-free mapping (as Rust's `char::to_lowercase`).
    static func lowercased(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                let value = scalar.value
                result.unicodeScalars.append((0x41...0x5A).contains(value) ? Unicode.Scalar(value + 32)! : scalar)
            } else {
                result += scalar.properties.lowercaseMapping
            }
        }
        return result
    }
}
