import Foundation
import Tensors

/// Comparison of tensors that reports where a tolerance first breaks, as llm.c's tests do.
public struct Mismatch: CustomStringConvertible, Sendable {
    public let maxDifference: Float
    public let firstBadIndex: Int?
    public let expected: Float?
    public let actual: Float?
    public var description: String {
        guard let index = firstBadIndex else { return "max |Δ| = \(maxDifference)" }
        return "max |Δ| = \(maxDifference); first index over tolerance \(index): expected \(expected!), got \(actual!)"
    }
}

/// Compares two tensors element by element; `nil` when every difference is within `tolerance`.
public func mismatch(_ actual: Tensor, _ expected: Tensor, tolerance: Float) -> Mismatch? {
    guard actual.shape == expected.shape else {
        return Mismatch(maxDifference: .infinity, firstBadIndex: nil, expected: nil, actual: nil)
    }
    let a = actual.scalars, e = expected.scalars
    var worst: Float = 0
    var first: Int?
    for i in a.indices {
        let difference = abs(a[i] - e[i])
        if difference.isNaN || difference > tolerance { first = first ?? i }
        worst = max(worst, difference.isNaN ? .infinity : difference)
    }
    guard let index = first else { return nil }
    return Mismatch(maxDifference: worst, firstBadIndex: index, expected: e[index], actual: a[index])
}
