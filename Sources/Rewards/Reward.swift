import Foundation

/// A reward function R(s, a, s′) on one MDP, [S, A, S′] row-major (index `(s * A + a) * S + s′`).
///
/// A reward remembers the fingerprint of the MDP it was made for; every operation that takes a
/// reward and an MDP, or two rewards, checks that they belong together.
public struct Reward: Sendable, Equatable, CustomStringConvertible {
    /// Fingerprint of the MDP this reward belongs to.
    public let mdpFingerprint: MDP.Fingerprint
    /// S.
    public let stateCount: Int
    /// A.
    public let actionCount: Int
    /// R(s, a, s′), [S, A, S′].
    public let values: [Double]

    /// A reward for `mdp` from its [S, A, S′] values.
    /// - Parameter shape: the shape the values came with (e.g. a loaded tensor's); nil means the
    ///   MDP's reward shape.
    /// - Throws: `RewardsError.shapeMismatch` when the shape or count differ from [S, A, S],
    ///   `.notFinite` naming the first NaN or infinity.
    public init(values: [Double], shape: [Int]? = nil, mdp: MDP) throws {
        let expected = mdp.rewardShape
        if let shape, shape != expected { throw RewardsError.shapeMismatch(what: "reward", expected: expected, got: shape) }
        guard values.count == expected.reduce(1, *) else { throw RewardsError.shapeMismatch(what: "reward", expected: expected, got: shape ?? [values.count]) }
        if let bad = values.firstIndex(where: { !$0.isFinite }) {
            let (s, a, next) = (bad / (mdp.actionCount * mdp.stateCount), (bad / mdp.stateCount) % mdp.actionCount, bad % mdp.stateCount)
            throw RewardsError.notFinite(what: "reward", index: [s, a, next], value: values[bad])
        }
        self.init(unchecked: values, mdp: mdp)
    }

    /// A reward whose values are known to be finite and of the right count.
    init(unchecked values: [Double], mdp: MDP) {
        mdpFingerprint = mdp.fingerprint
        stateCount = mdp.stateCount
        actionCount = mdp.actionCount
        self.values = values
    }

    /// A reward with the same MDP and new values (internal: callers guarantee the count).
    func with(_ newValues: [Double]) -> Reward {
        Reward(fingerprint: mdpFingerprint, states: stateCount, actions: actionCount, values: newValues)
    }

    private init(fingerprint: MDP.Fingerprint, states: Int, actions: Int, values: [Double]) {
        mdpFingerprint = fingerprint
        stateCount = states
        actionCount = actions
        self.values = values
    }

    /// One line: shape, MDP and the range of values.
    public var description: String {
        let (low, high) = (values.min() ?? 0, values.max() ?? 0)
        let mean = values.reduce(0, +) / Double(max(1, values.count))
        return "reward [\(stateCount), \(actionCount), \(stateCount)] on MDP \(mdpFingerprint): min \(low), mean \(mean), max \(high)"
    }

    /// The shape [S, A, S′].
    public var shape: [Int] { [stateCount, actionCount, stateCount] }

    /// R(state, action, next).
    @inlinable
    public subscript(_ state: Int, _ action: Int, _ next: Int) -> Double {
        values[(state * actionCount + action) * stateCount + next]
    }

    /// c · R.
    /// - Throws: `RewardsError.notFinite` for a non-finite factor.
    public func scaled(by factor: Double) throws -> Reward {
        guard factor.isFinite else { throw RewardsError.notFinite(what: "scale factor", index: [], value: factor) }
        return with(values.map { $0 * factor })
    }

    /// −R.
    public var negated: Reward { with(values.map { -$0 }) }

    /// (1 − t) · R + t · other, the reward a fraction t of the way from this one to `other`.
    /// - Throws: `RewardsError.rewardOfAnotherMDP` when the two belong to different MDPs,
    ///   `.notFinite` for a non-finite t.
    public func interpolated(to other: Reward, t: Double) throws -> Reward {
        guard other.mdpFingerprint == mdpFingerprint else { throw RewardsError.rewardOfAnotherMDP(expected: mdpFingerprint, got: other.mdpFingerprint) }
        guard t.isFinite else { throw RewardsError.notFinite(what: "interpolation t", index: [], value: t) }
        // (1 − t)·R + t·R′ rather than R + t·(R′ − R): exact at both ends.
        return with(zip(values, other.values).map { (1 - t) * $0 + t * $1 })
    }

    /// R + γΦ(s′) − Φ(s): potential shaping, which changes no policy's ordering.
    /// - Throws: `RewardsError.rewardOfAnotherMDP`, `.shapeMismatch` unless Φ has S values,
    ///   `.notFinite` for a NaN in Φ.
    public func shaped(by potential: [Double], mdp: MDP) throws -> Reward {
        try mdp.check(self)
        guard potential.count == stateCount else { throw RewardsError.shapeMismatch(what: "potential", expected: [stateCount], got: [potential.count]) }
        if let bad = potential.firstIndex(where: { !$0.isFinite }) { throw RewardsError.notFinite(what: "potential", index: [bad], value: potential[bad]) }
        return shapedUnchecked(by: potential, discount: mdp.discount)
    }

    /// Shaping for callers that have checked the MDP and the potential.
    func shapedUnchecked(by potential: [Double], discount gamma: Double) -> Reward {
        var result = values
        let (states, actions) = (stateCount, actionCount)
        for s in 0..<states {
            for a in 0..<actions {
                let row = (s * actions + a) * states
                for next in 0..<states { result[row + next] += gamma * potential[next] - potential[s] }
            }
        }
        return with(result)
    }

    /// E_{S′∼τ(s,a)}[R(s, a, S′)] for every (s, a): the expected immediate reward, [S, A].
    /// - Complexity: O(S²A).
    public func expectedImmediate(mdp: MDP) throws -> [Double] {
        try mdp.check(self)
        return expectedImmediateUnchecked(transition: mdp.transition)
    }

    func expectedImmediateUnchecked(transition: [Double]) -> [Double] {
        Reward.expectedImmediate(values, transition: transition, states: stateCount)
    }
}
