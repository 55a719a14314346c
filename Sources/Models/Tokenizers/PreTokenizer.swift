import Foundation

/// The pre-tokenization step: splits normalised text into the words the model sees one at a time.
public enum PreTokenizer: Sendable, Equatable {
    /// BERT: split on whitespace (dropped) and make every punctuation character its own word.
    case bert
    /// GPT-2 byte level: optionally prefix a space, split with the GPT-2 pattern (`useRegex`), and
    /// spell each word's UTF-8 bytes in the byte-level alphabet.
    case byteLevel(addPrefixSpace: Bool, useRegex: Bool)
    /// `\w+|[^\w\s]+` words.
    case whitespace
    /// Split on whitespace only.
    case whitespaceSplit
    /// Steps applied in order, each to the words of the previous one.
    case sequence([PreTokenizer])

    /// The words of `text`, in order.
    public func split(_ text: String) -> [String] {
        switch self {
        case .bert: return PreTokenizer.bertWords(text)
        case let .byteLevel(addPrefixSpace, useRegex): return PreTokenizer.byteLevelWords(text, addPrefixSpace, useRegex)
        case .whitespace: return PreTokenizer.whitespaceWords(text)
        case .whitespaceSplit:
            return text.unicodeScalars.split(whereSeparator: UnicodeClasses.isWhitespace).map { String($0) }
        case let .sequence(steps):
            return steps.reduce([text]) { words, step in words.flatMap { step.split($0) } }
        }
    }

    static func bertWords(_ text: String) -> [String] {
        var words: [String] = []
        var current = String.UnicodeScalarView()
        func flush() {
            if !current.isEmpty { words.append(String(current)); current = String.UnicodeScalarView() }
        }
        for scalar in text.unicodeScalars {
            if UnicodeClasses.isWhitespace(scalar) {
                flush()
            } else if UnicodeClasses.isBertPunctuation(scalar) {
                flush()
                words.append(String(scalar))
            } else {
                current.append(scalar)
            }
        }
        flush()
        return words
    }

    static func byteLevelWords(_ text: String, _ addPrefixSpace: Bool, _ useRegex: Bool) -> [String] {
        let prefixed = addPrefixSpace && !text.hasPrefix(" ") ? " " + text : text
        let alphabet = ByteLevelAlphabet.gpt2
        guard useRegex else { return prefixed.isEmpty ? [] : [alphabet.encode(prefixed[...])] }
        let scalars = Array(prefixed.unicodeScalars)
        return GPT2PreTokenizerPattern.split(scalars).map { range in
            var view = String.UnicodeScalarView()
            for scalar in scalars[range] {
                for byte in String(scalar).utf8 { view.append(alphabet.scalarForByte[Int(byte)]) }
            }
            return String(view)
        }
    }

    /// Runs of word characters (`\w`: letters, marks, numbers, connector punctuation) and runs of
    /// other non-space characters.
    static func whitespaceWords(_ text: String) -> [String] {
        func isWord(_ scalar: Unicode.Scalar) -> Bool {
            scalar.properties.isAlphabetic || UnicodeClasses.isNumber(scalar)
                || scalar.properties.generalCategory == .connectorPunctuation
                || scalar.properties.generalCategory == .nonspacingMark
                || scalar.properties.generalCategory == .spacingMark
        }
        var words: [String] = []
        var current = String.UnicodeScalarView()
        var currentIsWord = false
        for scalar in text.unicodeScalars {
            if UnicodeClasses.isWhitespace(scalar) {
                if !current.isEmpty { words.append(String(current)); current = String.UnicodeScalarView() }
                continue
            }
            let word = isWord(scalar)
            if !current.isEmpty && word != currentIsWord { words.append(String(current)); current = String.UnicodeScalarView() }
            current.append(scalar)
            currentIsWord = word
        }
        if !current.isEmpty { words.append(String(current)) }
        return words
    }
}
