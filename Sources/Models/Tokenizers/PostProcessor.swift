import Foundation

/// One item of a post-processing template: a special token or one of the input sequences.
public enum TemplatePiece: Sendable, Equatable {
    /// A special token by name (looked up in the template's special tokens) and its type id.
    case special(name: String, typeID: Int)
    /// Sequence A (`first == true`) or B, with the type id its tokens get.
    case sequence(first: Bool, typeID: Int)
}

/// The post-processing step: adds special tokens around the encoded sequence(s).
public enum PostProcessor: Sendable, Equatable {
    /// No special tokens (GPT-2's `ByteLevel` post-processor only adjusts offsets).
    case none
    /// Templates for one and two sequences, with the ids of each special token name.
    case template(single: [TemplatePiece], pair: [TemplatePiece], specialTokens: [String: [Int]])
    /// `[CLS] A [SEP]` and `[CLS] A [SEP] B [SEP]` (B with type id 1).
    case bert(cls: Int, sep: Int)
    /// `<s> A </s>` and `<s> A </s> </s> B </s>` (all type id 0).
    case roberta(cls: Int, sep: Int)
    /// Processors applied in order.
    case sequence([PostProcessor])

    /// Special tokens added to a single sequence (or to a pair).
    public func addedTokenCount(pair: Bool) -> Int {
        switch self {
        case .none: return 0
        case let .template(single, pairTemplate, specialTokens):
            return (pair ? pairTemplate : single).reduce(0) { total, piece in
                if case let .special(name, _) = piece { return total + (specialTokens[name]?.count ?? 0) }
                return total
            }
        case .bert: return pair ? 3 : 2
        case .roberta: return pair ? 4 : 2
        case let .sequence(steps): return steps.reduce(0) { $0 + $1.addedTokenCount(pair: pair) }
        }
    }

    /// Assembles the final ids, type ids and special-token mask from the encoded sequence(s).
    func process(_ first: [Int], _ second: [Int]?) -> (ids: [Int], typeIDs: [Int], special: [Bool]) {
        switch self {
        case .none:
            let ids = first + (second ?? [])
            return (ids, [Int](repeating: 0, count: first.count) + [Int](repeating: 1, count: second?.count ?? 0),
                    [Bool](repeating: false, count: ids.count))
        case let .template(single, pair, specialTokens):
            return PostProcessor.fill(second == nil ? single : pair, first, second ?? [], specialTokens)
        case let .bert(cls, sep):
            let single: [TemplatePiece] = [.special(name: "cls", typeID: 0), .sequence(first: true, typeID: 0), .special(name: "sep", typeID: 0)]
            let pair = single + [.sequence(first: false, typeID: 1), .special(name: "sep", typeID: 1)]
            return PostProcessor.fill(second == nil ? single : pair, first, second ?? [], ["cls": [cls], "sep": [sep]])
        case let .roberta(cls, sep):
            let single: [TemplatePiece] = [.special(name: "cls", typeID: 0), .sequence(first: true, typeID: 0), .special(name: "sep", typeID: 0)]
            let pair = single + [.special(name: "sep", typeID: 0), .sequence(first: false, typeID: 0), .special(name: "sep", typeID: 0)]
            return PostProcessor.fill(second == nil ? single : pair, first, second ?? [], ["cls": [cls], "sep": [sep]])
        case let .sequence(steps):
            // Only one step of a real sequence adds tokens (the others adjust offsets), so the
            // first one that adds any decides.
            let adding = steps.first { $0.addedTokenCount(pair: second != nil) > 0 } ?? .none
            return adding.process(first, second)
        }
    }

    private static func fill(_ template: [TemplatePiece], _ first: [Int], _ second: [Int],
                             _ specialTokens: [String: [Int]]) -> (ids: [Int], typeIDs: [Int], special: [Bool]) {
        var ids: [Int] = [], typeIDs: [Int] = [], special: [Bool] = []
        for piece in template {
            switch piece {
            case let .special(name, typeID):
                let added = specialTokens[name] ?? []
                ids += added
                typeIDs += [Int](repeating: typeID, count: added.count)
                special += [Bool](repeating: true, count: added.count)
            case let .sequence(isFirst, typeID):
                let sequence = isFirst ? first : second
                ids += sequence
                typeIDs += [Int](repeating: typeID, count: sequence.count)
                special += [Bool](repeating: false, count: sequence.count)
            }
        }
        return (ids, typeIDs, special)
    }
}
