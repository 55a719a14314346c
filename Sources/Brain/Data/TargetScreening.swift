import Foundation
import Tensors

/// Which targets (columns of a response matrix) can be scored: a target with any NaN or
/// infinite value, or the same value for every stimulus, is dropped and counted, so it never
/// turns a median or a mean into NaN.
public struct TargetScreening: Sendable, Equatable, Codable {
    /// Indices of the usable targets, ascending.
    public let kept: [Int]
    /// Targets dropped for a non-finite value.
    public let nonFinite: Int
    /// Targets dropped for being constant across stimuli.
    public let constant: Int
    /// Targets in total.
    public let total: Int

    /// Screens the columns of `responses` [S, T].
    public init(_ responses: Tensor) {
        precondition(responses.rank == 2, "responses must be [stimuli, targets]")
        let (s, t) = (responses.shape[0], responses.shape[1])
        var kept: [Int] = [], nonFinite = 0, constant = 0
        responses.withUnsafeBufferPointer { values in
            for j in 0..<t {
                var finite = true, varies = false
                let first = s > 0 ? values[j] : 0
                for i in 0..<s {
                    let value = values[i * t + j]
                    if !value.isFinite { finite = false; break }
                    if value != first { varies = true }
                }
                if !finite { nonFinite += 1 } else if !varies { constant += 1 } else { kept.append(j) }
            }
        }
        self.kept = kept
        self.nonFinite = nonFinite
        self.constant = constant
        self.total = t
    }

    /// Targets dropped in total.
    public var dropped: Int { nonFinite + constant }

    /// A warning for the user, or nil when nothing was dropped.
    public var warning: String? {
        guard dropped > 0 else { return nil }
        var parts: [String] = []
        if nonFinite > 0 { parts.append("\(nonFinite) with NaN or infinite values") }
        if constant > 0 { parts.append("\(constant) constant across stimuli") }
        return "dropped \(dropped) of \(total) targets (\(parts.joined(separator: ", ")))"
    }

    /// Per-target values for the kept targets spread back to all T targets, NaN for dropped ones.
    public func expand(_ values: [Double]) -> [Double] {
        precondition(values.count == kept.count, "\(values.count) values for \(kept.count) kept targets")
        var result = [Double](repeating: .nan, count: total)
        for (value, index) in zip(values, kept) { result[index] = value }
        return result
    }

    /// The kept columns of `responses`, in the working precision.
    public func select<S: BackendScalar>(_ responses: Tensor, as _: S.Type = S.self) -> Dense<S> {
        let (s, t) = (responses.shape[0], responses.shape[1])
        var values = [S](repeating: 0, count: s * kept.count)
        responses.withUnsafeBufferPointer { source in
            for i in 0..<s { for (k, j) in kept.enumerated() { values[i * kept.count + k] = S(source[i * t + j]) } }
        }
        return Dense(rows: s, columns: kept.count, values: values)
    }
}
