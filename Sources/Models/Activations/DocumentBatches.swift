import Foundation
import Tensors

/// Tokenizes documents for a model: truncation to the model's limit, empty-document detection
/// and a total token budget, with the warnings they call for.
struct DocumentEncoder {
    let tokenizer: Tokenizer
    let maximumLength: Int
    let addSpecialTokens: Bool
    /// Tokens still allowed (nil: no budget).
    private(set) var remainingBudget: Int?
    private(set) var truncated: [Int] = []
    private(set) var empty: [Int] = []

    init(tokenizer: Tokenizer, maximumLength: Int, addSpecialTokens: Bool, tokenBudget: Int?) {
        self.tokenizer = tokenizer
        self.maximumLength = maximumLength
        self.addSpecialTokens = addSpecialTokens
        remainingBudget = tokenBudget
    }

    /// True once the budget is spent.
    var budgetSpent: Bool { remainingBudget.map { $0 <= 0 } ?? false }

    /// The ids of document `index`, or nil when it has no tokens of its own (and `skipEmpty`) or
    /// the budget is spent. Truncations and skips are remembered for `warnings`.
    mutating func encode(_ text: String, index: Int, skipEmpty: Bool) -> [Int]? {
        guard !budgetSpent else { return nil }
        let limit = min(maximumLength, remainingBudget ?? .max)
        let encoding = tokenizer.encode(text, addSpecialTokens: addSpecialTokens, maxLength: limit)
        let content = encoding.specialTokensMask.lazy.filter { !$0 }.count
        if content == 0 && encoding.truncatedTokenCount > 0 {
            remainingBudget = 0   // the budget left has no room for a token of this document
            return nil
        }
        if content == 0 && (skipEmpty || encoding.ids.isEmpty) {
            empty.append(index)
            return nil
        }
        if encoding.truncatedTokenCount > 0 && limit == maximumLength { truncated.append(index) }
        if let budget = remainingBudget { remainingBudget = budget - encoding.count }
        return encoding.ids
    }

    /// Warnings for truncated and skipped documents.
    var warnings: [ModelWarning] {
        var result: [ModelWarning] = []
        if !truncated.isEmpty { result.append(.truncatedDocuments(indices: truncated, maximumLength: maximumLength)) }
        if !empty.isEmpty { result.append(.skippedEmptyDocuments(indices: empty)) }
        return result
    }
}

/// Pools the rows of each sequence of a packed [T, C] matrix into one row: [N, C].
/// - Complexity: O(T · C) for mean, O(N · C) otherwise; means are accumulated in Double.
func pool(_ states: Tensor, ranges: [Range<Int>], pooling: Pooling) -> Tensor {
    let width = states.shape[1]
    switch pooling {
    case .none:
        return states
    case .cls:
        return states.gatherRows(ranges.map(\.lowerBound))
    case .last:
        return states.gatherRows(ranges.map { $0.upperBound - 1 })
    case .mean:
        return states.withUnsafeBufferPointer { source in
            Tensor(shape: [ranges.count, width]) { target in
                Parallel.forRanges(ranges.count, minimumChunk: 4) { chunk in
                    var sums = [Double](repeating: 0, count: width)
                    for sequence in chunk {
                        for j in 0..<width { sums[j] = 0 }
                        for row in ranges[sequence] {
                            let values = source.baseAddress! + row * width
                            for j in 0..<width { sums[j] += Double(values[j]) }
                        }
                        let scale = 1 / Double(ranges[sequence].count)
                        for j in 0..<width { target[sequence * width + j] = Float(sums[j] * scale) }
                    }
                }
            }
        }
    }
}
