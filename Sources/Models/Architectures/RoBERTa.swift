import Foundation

// RoBERTa: BERT's network (BERT.swift) with position ids counted from `padding_idx + 1`, a port of
// `create_position_ids_from_input_ids` in Hugging Face `modeling_roberta.py`:
//
//     mask      = (input_ids != padding_idx)
//     positions = cumsum(mask) · mask + padding_idx
//
// so real tokens get padding_idx + 1, + 2, ... and any pad token keeps padding_idx.

/// How an encoder numbers positions.
enum PositionRule: Sendable, Equatable {
    /// 0, 1, 2, ... within each sequence (BERT).
    case absolute
    /// RoBERTa's rule above, per sequence.
    case roberta(paddingIndex: Int)

    /// Position id of every token of a packed batch.
    func positionIDs(_ batch: TokenBatch) -> [Int] {
        var ids = [Int](repeating: 0, count: batch.tokenCount)
        for range in batch.ranges {
            switch self {
            case .absolute:
                for row in range { ids[row] = row - range.lowerBound }
            case let .roberta(padding):
                var count = 0
                for row in range {
                    if batch.tokenIDs[row] != padding { count += 1; ids[row] = count + padding } else { ids[row] = padding }
                }
            }
        }
        return ids
    }

    /// Longest sequence the position table allows.
    func maximumLength(positionTable: Int) -> Int {
        switch self {
        case .absolute: return positionTable
        case let .roberta(padding): return positionTable - padding - 1
        }
    }
}

/// RoBERTa's constants.
enum RoBERTa {
    /// `RobertaConfig`'s pad_token_id, used when config.json does not give one.
    static let defaultPaddingIndex = 1
}
