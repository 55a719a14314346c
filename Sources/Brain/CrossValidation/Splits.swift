import Foundation
import Tensors

/// One train/test division of the stimuli (indices into 0..<S).
public struct Split: Sendable, Equatable, Codable {
    /// Training rows, ascending.
    public var train: [Int]
    /// Held-out rows, ascending.
    public var test: [Int]

    /// A split of the given rows.
    public init(train: [Int], test: [Int]) {
        self.train = train
        self.test = test
    }
}

/// K contiguous folds, as scikit-learn's `KFold(n_splits=K)` without shuffling: the first
/// S mod K folds hold ⌊S/K⌋ + 1 stimuli, the others ⌊S/K⌋; fold i is the test set of split i.
public struct KFold: Sendable, Equatable {
    /// Number of folds K (≥ 2).
    public let folds: Int

    /// K folds.
    public init(folds: Int) { self.folds = folds }

    /// The K splits of 0..<count.
    /// - Throws: `BrainError.invalidOption` for K < 2, `.tooFewStimuli` when count < K.
    public func splits(count: Int) throws -> [Split] {
        guard folds >= 2 else { throw BrainError.invalidOption(name: "folds", value: "\(folds)", expected: "an integer ≥ 2") }
        guard count >= folds else { throw BrainError.tooFewStimuli(have: count, need: folds, purpose: "\(folds)-fold cross-validation") }
        var start = 0
        return (0..<folds).map { fold in
            let size = count / folds + (fold < count % folds ? 1 : 0)
            let test = Array(start..<(start + size))
            start += size
            return Split(train: Array(0..<test[0]) + Array((test[0] + size)..<count), test: test)
        }
    }
}

/// Folds that keep each group (story, item, run) whole: groups are assigned to folds greedily,
/// largest first, to the fold with the fewest stimuli so far (scikit-learn's `GroupKFold`);
/// ties go to the lower fold index.
public struct GroupKFold: Sendable, Equatable {
    /// Number of folds K (≥ 2).
    public let folds: Int

    /// K grouped folds.
    public init(folds: Int) { self.folds = folds }

    /// The K splits for stimuli labelled `groups` (one label per stimulus).
    /// - Throws: `BrainError.groups` when there are fewer distinct groups than folds.
    public func splits(groups: [String]) throws -> [Split] {
        guard folds >= 2 else { throw BrainError.invalidOption(name: "folds", value: "\(folds)", expected: "an integer ≥ 2") }
        var members: [String: [Int]] = [:]
        var order: [String] = []
        for (index, group) in groups.enumerated() {
            if members[group] == nil { order.append(group) }
            members[group, default: []].append(index)
        }
        guard order.count >= folds else {
            throw BrainError.groups("\(order.count) distinct groups cannot fill \(folds) folds")
        }
        // Largest group first; equal sizes keep first-appearance order so the result is deterministic.
        let sorted = order.enumerated().sorted { lhs, rhs in
            let (a, b) = (members[lhs.element]!.count, members[rhs.element]!.count)
            return a != b ? a > b : lhs.offset < rhs.offset
        }.map(\.element)
        var foldSizes = [Int](repeating: 0, count: folds)
        var foldOf = [String: Int]()
        for group in sorted {
            let fold = foldSizes.indices.min { foldSizes[$0] < foldSizes[$1] || (foldSizes[$0] == foldSizes[$1] && $0 < $1) }!
            foldOf[group] = fold
            foldSizes[fold] += members[group]!.count
        }
        return (0..<folds).map { fold in
            let test = groups.indices.filter { foldOf[groups[$0]] == fold }
            let train = groups.indices.filter { foldOf[groups[$0]] != fold }
            return Split(train: train, test: test)
        }
    }
}

/// Random train/test splits (scikit-learn `ShuffleSplit`, Brain-Score's default cross-validation):
/// each split draws a fresh permutation; the first ⌊trainFraction · S⌋ stimuli train, the rest test.
public struct ShuffleSplit: Sendable, Equatable {
    /// Number of splits.
    public let splitCount: Int
    /// Fraction of stimuli used for training (Brain-Score: 0.9).
    public let trainFraction: Double
    /// Seed of the permutations.
    public let seed: UInt64

    /// `splitCount` splits with the given training fraction and seed.
    public init(splits: Int = 10, trainFraction: Double = 0.9, seed: UInt64) {
        self.splitCount = splits
        self.trainFraction = trainFraction
        self.seed = seed
    }

    /// The splits of 0..<count (split i uses the RNG stream `derived(i)` of the seed).
    public func splits(count: Int) throws -> [Split] {
        guard splitCount >= 1 else { throw BrainError.invalidOption(name: "splits", value: "\(splitCount)", expected: "an integer ≥ 1") }
        guard trainFraction > 0, trainFraction < 1 else {
            throw BrainError.invalidOption(name: "train fraction", value: "\(trainFraction)", expected: "a number in (0, 1)")
        }
        let trainCount = Int((trainFraction * Double(count)).rounded(.down))
        guard trainCount >= 2, count - trainCount >= 2 else {
            throw BrainError.tooFewStimuli(have: count, need: Int((2 / (1 - trainFraction)).rounded(.up)), purpose: "a \(Int(trainFraction * 100))/\(100 - Int(trainFraction * 100)) shuffle split")
        }
        let root = SeededRNG(seed: seed)
        return (0..<splitCount).map { index in
            var rng = root.derived(UInt64(index))
            let order = rng.permutation(count)
            return Split(train: order[..<trainCount].sorted(), test: order[trainCount...].sorted())
        }
    }
}
