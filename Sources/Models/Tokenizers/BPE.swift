import Foundation

/// Byte-pair encoding: a word starts as its characters and adjacent pairs are merged, lowest merge
/// rank first (leftmost first among equal ranks), until no pair of the merge table remains.
public struct BPE: Sendable {
    /// Token → id.
    public let vocabulary: [String: Int]
    /// (left id, right id) packed as `left << 32 | right` → (rank, id of the merged token).
    let merges: [UInt64: (rank: Int32, merged: Int32)]
    /// Ids of single-scalar tokens, the starting symbols of every word.
    let scalarIDs: [UInt32: Int32]
    /// Id for characters outside the vocabulary; without one they are dropped, as in `tokenizers`.
    public let unknownID: Int?
    /// Merge consecutive unknown characters into one unknown token.
    public let fuseUnknown: Bool
    /// Look a whole word up before merging (`ignore_merges`).
    public let ignoreMerges: Bool

    /// Makes a BPE model from a vocabulary and merges in rank order.
    /// - Throws: `ModelError.malformedTokenizer` when a merge names a token outside the vocabulary.
    public init(vocabulary: [String: Int], merges: [(String, String)], unknownToken: String? = nil,
                fuseUnknown: Bool = false, ignoreMerges: Bool = false, source: String = "tokenizer") throws {
        self.vocabulary = vocabulary
        var table: [UInt64: (rank: Int32, merged: Int32)] = [:]
        table.reserveCapacity(merges.count)
        for (rank, (left, right)) in merges.enumerated() {
            guard let l = vocabulary[left], let r = vocabulary[right], let m = vocabulary[left + right] else {
                throw ModelError.malformedTokenizer(source: source,
                                                    detail: "merge \(rank) (\"\(left)\" \"\(right)\") uses a token that is not in the vocabulary")
            }
            let key = UInt64(UInt32(l)) << 32 | UInt64(UInt32(r))
            if table[key] == nil { table[key] = (Int32(rank), Int32(m)) }
        }
        self.merges = table
        var singles: [UInt32: Int32] = [:]
        for (token, id) in vocabulary {
            var scalars = token.unicodeScalars.makeIterator()
            if let first = scalars.next(), scalars.next() == nil { singles[first.value] = Int32(id) }
        }
        scalarIDs = singles
        if let unknownToken {
            guard let id = vocabulary[unknownToken] else {
                throw ModelError.tokenizerMissingToken(token: unknownToken, role: "unknown token")
            }
            unknownID = id
        } else {
            unknownID = nil
        }
        self.fuseUnknown = fuseUnknown
        self.ignoreMerges = ignoreMerges
    }

    /// Appends the ids of `word` to `ids`.
    /// - Complexity: O(m log m) for a word of m scalars.
    public func tokenize(_ word: String, into ids: inout [Int]) {
        if ignoreMerges, let id = vocabulary[word] { ids.append(id); return }
        var symbols = initialSymbols(word)
        guard symbols.count > 1 else { ids.append(contentsOf: symbols.map(Int.init)); return }
        merge(&symbols)
        for symbol in symbols where symbol >= 0 { ids.append(Int(symbol)) }
    }

    /// The id of each character (unknown ones mapped or dropped).
    private func initialSymbols(_ word: String) -> [Int32] {
        var symbols: [Int32] = []
        symbols.reserveCapacity(word.unicodeScalars.count)
        var previousUnknown = false
        for scalar in word.unicodeScalars {
            if let id = scalarIDs[scalar.value] {
                symbols.append(id)
                previousUnknown = false
            } else if let unknownID {
                if !(fuseUnknown && previousUnknown) { symbols.append(Int32(unknownID)) }
                previousUnknown = true
            }
        }
        return symbols
    }

    /// Applies merges in place; merged-away symbols are set to -1.
    private func merge(_ symbols: inout [Int32]) {
        let n = symbols.count
        var next = Array(1...n)                 // index of the next live symbol (n = none)
        var previous = Array(-1..<(n - 1))      // index of the previous live symbol (-1 = none)
        var heap = MergeHeap()
        func push(_ left: Int) {
            let right = next[left]
            guard right < n, let entry = merges[pairKey(symbols[left], symbols[right])] else { return }
            heap.push(MergeCandidate(rank: entry.rank, left: Int32(left), right: Int32(right), merged: entry.merged))
        }
        for i in 0..<(n - 1) { push(i) }
        while let candidate = heap.pop() {
            let left = Int(candidate.left), right = Int(candidate.right)
            // Stale entries: a side was merged away or changed since the pair was queued.
            guard symbols[left] >= 0, symbols[right] >= 0, next[left] == right,
                  let entry = merges[pairKey(symbols[left], symbols[right])], entry.rank == candidate.rank
            else { continue }
            symbols[left] = candidate.merged
            symbols[right] = -1
            next[left] = next[right]
            if next[right] < n { previous[next[right]] = left }
            if previous[left] >= 0 { push(previous[left]) }
            push(left)
        }
    }

    @inline(__always)
    private func pairKey(_ left: Int32, _ right: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: left)) << 32 | UInt64(UInt32(bitPattern: right))
    }
}

/// A queued merge: lower rank first, then the leftmost position.
struct MergeCandidate {
    let rank: Int32
    let left: Int32
    let right: Int32
    let merged: Int32

    @inline(__always)
    func precedes(_ other: MergeCandidate) -> Bool {
        rank != other.rank ? rank < other.rank : left < other.left
    }
}

/// A binary min-heap of merge candidates.
struct MergeHeap {
    private var items: [MergeCandidate] = []

    mutating func push(_ item: MergeCandidate) {
        items.append(item)
        var child = items.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard items[child].precedes(items[parent]) else { break }
            items.swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() -> MergeCandidate? {
        guard let top = items.first else { return nil }
        let last = items.removeLast()
        if !items.isEmpty {
            items[0] = last
            var parent = 0
            while true {
                let left = 2 * parent + 1, right = left + 1
                var best = parent
                if left < items.count && items[left].precedes(items[best]) { best = left }
                if right < items.count && items[right].precedes(items[best]) { best = right }
                if best == parent { break }
                items.swapAt(parent, best)
                parent = best
            }
        }
        return top
    }
}
