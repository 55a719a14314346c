import Foundation

/// What two results are paired over.
public enum PairingUnit: String, Sendable, Codable, CaseIterable {
    /// Subject scores (the unit of inference when there are several subjects).
    case subjects
    /// Per-target values (r or R²) averaged over subjects.
    case targets
}

/// A paired test of one layer of two results (two models, or a base model and its fine-tuned version).
public struct LayerComparison: Sendable, Equatable {
    /// Layer index (the same in both results).
    public var layer: Int
    /// Layer names in the two results.
    public var names: (String, String)
    /// The test of a − b.
    public var comparison: PairedComparison

    public static func == (lhs: LayerComparison, rhs: LayerComparison) -> Bool {
        lhs.layer == rhs.layer && lhs.names == rhs.names && lhs.comparison == rhs.comparison
    }
}

extension BrainScoreResult {
    /// Paired tests of `self − other`, layer by layer over the layers both results scored.
    /// - Parameter unit: subjects or targets; nil picks subjects when both results have ≥ 2, else targets.
    /// - Throws: `BrainError.incomparableResults` for different metrics, targets, stimuli or subjects;
    ///   `.notEnoughReplicates` when a layer has fewer than two usable pairs.
    public func compare(with other: BrainScoreResult, unit: PairingUnit? = nil, permutations: Int = 10_000,
                        bootstrap: Int = 2_000, level: Double = 0.95, seed: UInt64 = 0) throws -> [LayerComparison] {
        guard options.metric == other.options.metric else {
            throw BrainError.incomparableResults("metric \(options.metric.rawValue) against \(other.options.metric.rawValue)")
        }
        guard targetNames == other.targetNames, stimulusCount == other.stimulusCount else {
            throw BrainError.incomparableResults("they were computed on different stimuli or targets")
        }
        let shared = layers.filter { layer in other.layers.contains { $0.index == layer.index } }
        guard !shared.isEmpty else { throw BrainError.incomparableResults("no layer index is scored in both") }
        return try shared.map { layer in
            let twin = other.layers.first { $0.index == layer.index }!
            let chosen = unit ?? (layer.subjects.count >= 2 && twin.subjects.count >= 2 ? .subjects : .targets)
            let (a, b): ([Double], [Double])
            switch chosen {
            case .subjects:
                guard layer.subjects.map(\.subject) == twin.subjects.map(\.subject) else {
                    throw BrainError.incomparableResults("the subjects differ (\(layer.subjects.map(\.subject)) against \(twin.subjects.map(\.subject)))")
                }
                (a, b) = (layer.subjects.map(\.score), twin.subjects.map(\.score))
            case .targets:
                guard !layer.perTarget.isEmpty, !twin.perTarget.isEmpty else {
                    throw BrainError.incomparableResults("\(options.metric.rawValue) has no per-target values; pair over subjects")
                }
                (a, b) = (layer.perTarget, twin.perTarget)
            }
            let comparison = try PairedComparison.compare(a, b, unit: chosen.rawValue, permutations: permutations, bootstrap: bootstrap,
                                                          level: level, seed: seed &+ UInt64(layer.index))
            return LayerComparison(layer: layer.index, names: (layer.name, twin.name), comparison: comparison)
        }
    }
}
