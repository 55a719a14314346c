import Foundation
import Tensors

/// The geometric median of a set of points — the point minimising the sum of Euclidean distances —
/// by Weiszfeld's iteration with the Vardi–Zhang (2000) correction for an iterate that lands on a
/// data point. Used to initialise the pre-encoder bias (mlsae, after EleutherAI's sae: start at the
/// mean, at most 100 iterations, stop when an update moves less than 1e-5).
///
/// Weiszfeld: y ← Σ wᵢxᵢ / Σ wᵢ with wᵢ = 1/‖xᵢ − y‖. When y coincides with η data points, those
/// are left out of the weights, and with R = Σ (xᵢ − y)/‖xᵢ − y‖ over the others: y is the median
/// if ‖R‖ ≤ η, otherwise y ← (1 − η/‖R‖)·T + (η/‖R‖)·y where T is the Weiszfeld update.
public enum GeometricMedian {
    /// Points closer than this to the iterate count as coinciding with it.
    static let coincidence = 1e-12
    /// Points per block of the deterministic parallel sums.
    static let blockSize = 256

    /// The geometric median of the rows of `points` ([M, D]).
    /// - Parameters:
    ///   - maxIterations: iteration limit (100 in the reference).
    ///   - tolerance: stop when an update moves the estimate less than this (1e-5).
    /// - Complexity: O(iterations · M · D), parallel over fixed blocks of points.
    public static func compute(_ points: Tensor, maxIterations: Int = 100, tolerance: Double = 1e-5) -> [Float] {
        precondition(points.rank == 2 && points.rowCount > 0, "geometric median of \(points.shape)")
        return points.withUnsafeBufferPointer { buffer in
            compute(buffer.baseAddress!, count: points.rowCount, width: points.shape[1], maxIterations: maxIterations, tolerance: tolerance)
        }
    }

    /// Raw-pointer form of `compute(_:maxIterations:tolerance:)` for `count` rows of `width`.
    static func compute(_ points: UnsafePointer<Float>, count: Int, width: Int, maxIterations: Int = 100, tolerance: Double = 1e-5) -> [Float] {
        var estimate = [Double](repeating: 0, count: width)
        for i in 0..<count { for j in 0..<width { estimate[j] += Double(points[i * width + j]) } }
        for j in 0..<width { estimate[j] /= Double(count) }
        for _ in 0..<maxIterations {
            let sums = weightedSums(points, count: count, width: width, estimate: estimate)
            guard sums.weight > 0 else { break }  // every point coincides with the estimate
            var next = sums.weighted.map { $0 / sums.weight }
            if sums.coinciding > 0 {
                let pull = sums.direction.reduce(0) { $0 + $1 * $1 }.squareRoot()
                if pull <= Double(sums.coinciding) { break }  // optimality: the coinciding point is the median
                let gamma = Double(sums.coinciding) / pull
                for j in 0..<width { next[j] = (1 - gamma) * next[j] + gamma * estimate[j] }
            }
            var moved = 0.0
            for j in 0..<width { moved += (next[j] - estimate[j]) * (next[j] - estimate[j]) }
            estimate = next
            if moved.squareRoot() < tolerance { break }
        }
        return estimate.map { Float($0) }
    }

    /// Σ wᵢxᵢ, Σ wᵢ, Σ wᵢ(xᵢ − y) over points not coinciding with y, and the number that do.
    private static func weightedSums(_ points: UnsafePointer<Float>, count: Int, width: Int, estimate: [Double])
        -> (weighted: [Double], weight: Double, direction: [Double], coinciding: Int) {
        let blocks = (count + blockSize - 1) / blockSize
        let stride = 2 * width + 2
        var partials = [Double](repeating: 0, count: blocks * stride)
        partials.withUnsafeMutableBufferPointer { partialBuffer in
            let base = partialBuffer.baseAddress!
            estimate.withUnsafeBufferPointer { y in
                Parallel.forEach(blocks) { block in
                    let partial = base + block * stride
                    for i in (block * blockSize)..<Swift.min(count, (block + 1) * blockSize) {
                        let x = points + i * width
                        var squares = 0.0
                        for j in 0..<width { let d = Double(x[j]) - y[j]; squares += d * d }
                        let distance = squares.squareRoot()
                        if distance < coincidence { partial[2 * width + 1] += 1; continue }
                        let w = 1 / distance
                        for j in 0..<width {
                            partial[j] += w * Double(x[j])
                            partial[width + j] += w * (Double(x[j]) - y[j])
                        }
                        partial[2 * width] += w
                    }
                }
            }
        }
        var weighted = [Double](repeating: 0, count: width), direction = weighted
        var weight = 0.0, coinciding = 0.0
        for block in 0..<blocks {
            let offset = block * stride
            for j in 0..<width { weighted[j] += partials[offset + j]; direction[j] += partials[offset + width + j] }
            weight += partials[offset + 2 * width]
            coinciding += partials[offset + 2 * width + 1]
        }
        return (weighted, weight, direction, Int(coinciding))
    }
}
