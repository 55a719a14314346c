import Foundation

/// Sequences of token ids packed one after another: the input of a forward pass.
///
/// There is no padding: sequence s occupies rows `ranges[s]` of every [T, C] activation, and
/// attention never crosses sequences. Outputs of a sequence therefore do not depend on what it
/// is batched with (up to float rounding in BLAS).
public struct TokenBatch: Sendable, Equatable {
    /// All token ids, sequence after sequence (T of them).
    public let tokenIDs: [Int]
    /// Token type (segment) ids in the same layout; all zero when none were given.
    public let typeIDs: [Int]
    /// Start of each sequence in `tokenIDs`, then T (N + 1 entries).
    public let offsets: [Int]

    /// Packs `sequences` (and their type ids, if any).
    /// - Throws: `ModelError.emptyBatch`, `.emptySequence`, or `.invalidArgument` when type ids
    ///   do not match the sequences in length.
    public init(sequences: [[Int]], typeIDs: [[Int]]? = nil) throws {
        guard !sequences.isEmpty else { throw ModelError.emptyBatch }
        if let index = sequences.firstIndex(where: \.isEmpty) { throw ModelError.emptySequence(index: index) }
        if let typeIDs {
            guard typeIDs.count == sequences.count, zip(typeIDs, sequences).allSatisfy({ $0.count == $1.count }) else {
                throw ModelError.invalidArgument(name: "typeIDs", detail: "must have one id per token of every sequence")
            }
        }
        var offsets = [0]
        offsets.reserveCapacity(sequences.count + 1)
        for sequence in sequences { offsets.append(offsets.last! + sequence.count) }
        self.offsets = offsets
        tokenIDs = sequences.flatMap { $0 }
        self.typeIDs = typeIDs?.flatMap { $0 } ?? [Int](repeating: 0, count: offsets.last!)
    }

    /// Packs tokenizer encodings, keeping their type ids.
    public init(encodings: [Encoding]) throws {
        try self.init(sequences: encodings.map(\.ids), typeIDs: encodings.map(\.typeIDs))
    }

    /// Number of sequences N.
    public var sequenceCount: Int { offsets.count - 1 }
    /// Number of tokens T.
    public var tokenCount: Int { tokenIDs.count }
    /// Rows of each sequence.
    public var ranges: [Range<Int>] { (0..<sequenceCount).map { offsets[$0]..<offsets[$0 + 1] } }
    /// Token ids of sequence `index`.
    public func sequence(_ index: Int) -> ArraySlice<Int> { tokenIDs[offsets[index]..<offsets[index + 1]] }

    /// Checks ids and lengths against a model.
    /// - Throws: `ModelError.tokenOutOfRange`, `.sequenceTooLong`, `.invalidArgument` (type ids).
    func validate(vocabularySize: Int, maximumLength: Int, typeVocabularySize: Int = 1) throws {
        if let bad = tokenIDs.first(where: { $0 < 0 || $0 >= vocabularySize }) {
            throw ModelError.tokenOutOfRange(id: bad, vocabularySize: vocabularySize)
        }
        for (index, range) in ranges.enumerated() where range.count > maximumLength {
            throw ModelError.sequenceTooLong(index: index, length: range.count, maximum: maximumLength)
        }
        if let bad = typeIDs.first(where: { $0 < 0 || $0 >= typeVocabularySize }) {
            throw ModelError.invalidArgument(name: "token type id", detail: "\(bad) is outside 0..<\(typeVocabularySize)")
        }
    }
}
