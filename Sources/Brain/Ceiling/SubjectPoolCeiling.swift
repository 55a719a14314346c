import Foundation
import Tensors

/// Brain-Score language's extrapolated ceiling (`ExtrapolationCeiling` with `HoldoutSubjectCeiling`).
///
/// For each pool size n = 2…N, up to `subsetsPerSize` distinct subject subsets are drawn; in each,
/// `heldOutPerSubset` subjects are drawn (with replacement) and predicted from the other n − 1
/// subjects' responses (concatenated as features) with the given metric; the per-target scores
/// are averaged over held-out draws. Then, per target, `bootstraps` times: the subset scores of
/// each n are resampled with replacement and averaged, and v(n) = v₀·(1 − e^(−n/τ)) with
/// v₀ ∈ [0, 1], τ > 0 is fitted by least squares; the target's ceiling is the median v₀. The
/// overall ceiling aggregates the targets' ceilings (Brain-Score: median).
public struct SubjectPoolCeiling: Sendable {
    /// Subsets drawn per pool size (Brain-Score: 10).
    public var subsetsPerSize: Int
    /// Held-out subjects drawn per subset (Brain-Score: 5).
    public var heldOutPerSubset: Int
    /// Bootstrap fits per target (Brain-Score: 100).
    public var bootstraps: Int
    /// Seed of every draw.
    public var seed: UInt64

    /// Brain-Score's settings unless told otherwise.
    public init(subsetsPerSize: Int = 10, heldOutPerSubset: Int = 5, bootstraps: Int = 100, seed: UInt64) {
        self.subsetsPerSize = subsetsPerSize
        self.heldOutPerSubset = heldOutPerSubset
        self.bootstraps = bootstraps
        self.seed = seed
    }

    /// The ceiling of subjects' responses (each [S, T]) under `metric`, a function from
    /// (pool features [S, T·(n−1)], held-out responses [S, T]) to per-target scores.
    /// - Throws: `BrainError.notEnoughReplicates` below 3 subjects; whatever `metric` throws.
    public func estimate(subjects: [Tensor], aggregate: TargetAggregate, control: RunControl = .silent,
                         metric: (_ pool: Tensor, _ target: Tensor) throws -> [Double]) throws -> NoiseCeiling {
        let count = subjects.count
        guard count >= 3 else { throw BrainError.notEnoughReplicates(have: count, need: 3, what: "subjects for the subject-pool ceiling") }
        let t = subjects[0].shape[1]
        var rng = SeededRNG(seed: seed)
        var scores: [(size: Int, perTarget: [Double])] = []
        let sizes = Array(2...count)
        for (step, size) in sizes.enumerated() {
            for subset in drawSubsets(of: count, size: size, rng: &rng) {
                try control.checkCancelled()
                var sum = [Double](repeating: 0, count: t), used = [Int](repeating: 0, count: t)
                for _ in 0..<heldOutPerSubset {
                    let heldOut = subset[rng.integer(below: subset.count)]
                    let pool = Tensor.concatenateColumns(subset.filter { $0 != heldOut }.map { subjects[$0] })
                    for (j, value) in try metric(pool, subjects[heldOut]).enumerated() where !value.isNaN { sum[j] += value; used[j] += 1 }
                }
                scores.append((size, zip(sum, used).map { $1 == 0 ? .nan : $0 / Double($1) }))
            }
            control.progress(step + 1, sizes.count)
        }
        let perTarget = (0..<t).map { target in extrapolate(scores.map { ($0.size, $0.perTarget[target]) }, target: target) }
        return NoiseCeiling(method: .subjectPool, perTarget: perTarget, value: aggregate.apply(perTarget), perSubject: [], samples: bootstraps)
    }

    /// Up to `subsetsPerSize` distinct sorted subsets of `size` subjects (all of them when fewer exist).
    func drawSubsets(of count: Int, size: Int, rng: inout SeededRNG) -> [[Int]] {
        let possible = binomial(count, size)
        var subsets = Set<[Int]>(), ordered: [[Int]] = []
        while ordered.count < min(subsetsPerSize, possible) {
            let subset = rng.sample(size, from: count).sorted()
            if subsets.insert(subset).inserted { ordered.append(subset) }
        }
        return ordered
    }

    /// Median v₀ over bootstrap fits of the (pool size, score) points of one target.
    func extrapolate(_ points: [(Int, Double)], target: Int) -> Double {
        let bySize = Dictionary(grouping: points.filter { !$0.1.isNaN }, by: { $0.0 }).mapValues { $0.map(\.1) }
        let sizes = bySize.keys.sorted()
        guard sizes.count >= 2 else { return .nan }
        var rng = SeededRNG(seed: seed).derived(UInt64(target) &+ 1)
        var asymptotes: [Double] = []
        for _ in 0..<bootstraps {
            let means = sizes.map { size -> Double in
                let values = bySize[size]!
                return (0..<values.count).reduce(0.0) { total, _ in total + values[rng.integer(below: values.count)] } / Double(values.count)
            }
            asymptotes.append(SaturationFit.fit(x: sizes.map(Double.init), y: means).asymptote)
        }
        return Statistics.median(asymptotes)
    }

    private func binomial(_ n: Int, _ k: Int) -> Int {
        var result = 1.0
        for i in 0..<k { result = result * Double(n - i) / Double(i + 1) }
        return Int(min(result.rounded(), Double(Int.max / 2)))
    }
}

/// Least-squares fit of v(x) = v₀·(1 − e^(−x/τ)) with v₀ ∈ [0, 1] and τ > 0.
///
/// For fixed τ the best v₀ is a clipped linear least-squares solution, so the fit is a 1-D search
/// over log τ: a grid over [10⁻³, 10⁴], then golden-section refinement around the best grid point.
public enum SaturationFit {
    /// The fitted asymptote v₀ and time constant τ.
    public static func fit(x: [Double], y: [Double]) -> (asymptote: Double, tau: Double) {
        func best(_ logTau: Double) -> (error: Double, v0: Double) {
            let tau = exp(logTau)
            let g = x.map { 1 - exp(-$0 / tau) }
            let gg = g.reduce(0) { $0 + $1 * $1 }
            let v0 = gg > 0 ? min(1, max(0, zip(g, y).reduce(0) { $0 + $1.0 * $1.1 } / gg)) : 0
            return (zip(g, y).reduce(0) { $0 + ($1.1 - v0 * $1.0) * ($1.1 - v0 * $1.0) }, v0)
        }
        let low = log(1e-3), high = log(1e4), steps = 200
        let grid = (0...steps).map { low + (high - low) * Double($0) / Double(steps) }
        let start = grid.indices.min { best(grid[$0]).error < best(grid[$1]).error }!
        var a = grid[max(start - 1, 0)], b = grid[min(start + 1, steps)]
        let ratio = (5.0.squareRoot() - 1) / 2
        for _ in 0..<60 {
            let c = b - ratio * (b - a), d = a + ratio * (b - a)
            if best(c).error <= best(d).error { b = d } else { a = c }
        }
        let logTau = (a + b) / 2
        return (best(logTau).v0, exp(logTau))
    }
}

extension Tensor {
    /// The columns of [S, Dᵢ] tensors side by side, [S, ΣDᵢ].
    public static func concatenateColumns(_ tensors: [Tensor]) -> Tensor {
        let rows = tensors[0].shape[0]
        let widths = tensors.map { $0.shape[1] }, total = widths.reduce(0, +)
        return Tensor(shape: [rows, total]) { out in
            var offset = 0
            for (tensor, width) in Swift.zip(tensors, widths) {
                tensor.withUnsafeBufferPointer { source in
                    for i in 0..<rows { for j in 0..<width { out[i * total + offset + j] = source[i * width + j] } }
                }
                offset += width
            }
        }
    }
}
