import Foundation

/// Something a caller should tell the user about although the work went on.
public enum ModelWarning: Sendable, Equatable, CustomStringConvertible {
    /// Checkpoint tensors no part of the model uses (e.g. a pre-training head).
    case unusedTensors(names: [String])
    /// Documents cut to the model's (or the requested) maximum length, by corpus index.
    case truncatedDocuments(indices: [Int], maximumLength: Int)
    /// Documents with no tokens (empty or whitespace only) were skipped.
    case skippedEmptyDocuments(indices: [Int])
    /// The tokenizer can produce ids the model's embedding table does not have.
    case tokenizerLargerThanModel(tokenizerVocabulary: Int, modelVocabulary: Int)
    /// Collection stopped at the token budget before every document was read.
    case tokenBudgetReached(budget: Int, documentsRead: Int, documentsTotal: Int)

    /// The message shown to the user.
    public var description: String {
        switch self {
        case let .unusedTensors(names):
            let shown = names.prefix(6).joined(separator: ", ")
            return "\(names.count) checkpoint tensor\(names.count == 1 ? " is" : "s are") not used by the model: \(shown)\(names.count > 6 ? ", …" : "")"
        case let .truncatedDocuments(indices, maximumLength):
            let shown = indices.prefix(10).map(String.init).joined(separator: ", ")
            return "truncated \(indices.count) document\(indices.count == 1 ? "" : "s") to \(maximumLength) tokens (\(shown)\(indices.count > 10 ? ", …" : ""))"
        case let .skippedEmptyDocuments(indices):
            let shown = indices.prefix(10).map(String.init).joined(separator: ", ")
            return "skipped \(indices.count) empty document\(indices.count == 1 ? "" : "s") (\(shown)\(indices.count > 10 ? ", …" : ""))"
        case let .tokenizerLargerThanModel(tokenizerVocabulary, modelVocabulary):
            return "the tokenizer knows \(tokenizerVocabulary) ids but the model only \(modelVocabulary); some texts will fail"
        case let .tokenBudgetReached(budget, read, total):
            return "stopped at the budget of \(budget) tokens after \(read) of \(total) documents"
        }
    }
}
