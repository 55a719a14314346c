import Foundation

/// A finite Markov decision process without a reward: transitions τ(s′ | s, a), initial
/// distribution μ0 and discount γ. Rewards are separate values tied to an MDP by its fingerprint.
///
/// Shapes (the dimension glossary of this module): S states, A actions; `transition` is
/// [S, A, S′] row-major, index `(s * A + a) * S + s′`; `initial` is [S].
public struct MDP: Sendable, Equatable, CustomStringConvertible {
    /// A 64-bit digest of an MDP's shape, discount and probabilities: two MDPs with the same
    /// fingerprint are the same MDP, so a reward made for one is valid for the other.
    public struct Fingerprint: Hashable, Sendable, CustomStringConvertible {
        /// The digest.
        public let value: UInt64
        /// Sixteen hexadecimal digits.
        public var description: String {
            let hex = String(value, radix: 16)
            return String(repeating: "0", count: max(0, 16 - hex.count)) + hex
        }
    }

    /// Number of states S.
    public let stateCount: Int
    /// Number of actions A.
    public let actionCount: Int
    /// τ(s′ | s, a), [S, A, S′]; every row over s′ sums to 1.
    public let transition: [Double]
    /// μ0, [S].
    public let initial: [Double]
    /// γ ∈ [0, 1).
    public let discount: Double
    /// Identity of this MDP's contents.
    public let fingerprint: Fingerprint

    /// Rows within this distance of summing to 1 are accepted, so that probabilities stored in
    /// single precision load; those further than `renormalisationThreshold` from 1 (beyond double
    /// rounding) are divided by their sum, so the theory's identities hold to double precision.
    public static let probabilityTolerance = 1e-6
    /// Row sums within this of 1 are left as they are (so saving and reloading changes nothing).
    public static let renormalisationThreshold = 1e-12

    /// An MDP from its arrays, validated.
    /// - Parameters:
    ///   - transition: τ as [S, A, S′] row-major.
    ///   - initial: μ0 as [S].
    ///   - discount: γ ∈ [0, 1).
    /// - Throws: `RewardsError` naming the first problem: empty sizes, wrong lengths, a NaN, a
    ///   negative probability, a row (naming its state and action) or μ0 not summing to 1, γ outside [0, 1).
    public init(states: Int, actions: Int, transition: [Double], initial: [Double], discount: Double) throws {
        guard states > 0, actions > 0 else { throw RewardsError.emptyMDP(states: states, actions: actions) }
        guard transition.count == states * actions * states else {
            throw RewardsError.shapeMismatch(what: "transition", expected: [states, actions, states], got: [transition.count])
        }
        guard initial.count == states else { throw RewardsError.shapeMismatch(what: "initial distribution", expected: [states], got: [initial.count]) }
        guard discount.isFinite, discount >= 0, discount < 1 else { throw RewardsError.discountOutOfRange(discount) }
        var normalised = transition
        for s in 0..<states {
            for a in 0..<actions {
                let row = (s * actions + a) * states
                var sum = 0.0
                for next in 0..<states {
                    let p = transition[row + next]
                    guard p.isFinite else { throw RewardsError.notFinite(what: "transition", index: [s, a, next], value: p) }
                    guard p >= 0 else { throw RewardsError.negativeProbability(what: "transition", index: [s, a, next], value: p) }
                    sum += p
                }
                guard abs(sum - 1) <= MDP.probabilityTolerance else { throw RewardsError.transitionRowNotNormalised(state: s, action: a, sum: sum) }
                if abs(sum - 1) > MDP.renormalisationThreshold {
                    for next in 0..<states { normalised[row + next] = transition[row + next] / sum }
                }
            }
        }
        stateCount = states
        actionCount = actions
        self.transition = normalised
        self.initial = try validatedDistribution(initial, what: "initial distribution")
        self.discount = discount
        fingerprint = Fingerprint(value: digest(states, actions, discount, normalised, self.initial))
    }

    /// An MDP from a transition tensor of shape [S, A, S′] and an initial distribution.
    /// - Throws: `RewardsError.shapeMismatch` unless the shape is [S, A, S] and `initial` has S values, and
    ///   everything the element-wise initialiser throws.
    public init(transition: [Double], shape: [Int], initial: [Double], discount: Double) throws {
        guard shape.count == 3, shape[0] == shape[2], shape[0] > 0, shape[1] > 0, shape.reduce(1, *) == transition.count else {
            let states = shape.first ?? 0, actions = shape.count > 1 ? shape[1] : 0
            throw RewardsError.shapeMismatch(what: "transition", expected: [states, actions, states], got: shape)
        }
        try self.init(states: shape[0], actions: shape[1], transition: transition, initial: initial, discount: discount)
    }

    /// The shape of a reward on this MDP, [S, A, S′].
    public var rewardShape: [Int] { [stateCount, actionCount, stateCount] }

    /// τ(next | state, action).
    @inlinable
    public func probability(_ state: Int, _ action: Int, _ next: Int) -> Double {
        transition[(state * actionCount + action) * stateCount + next]
    }

    /// One line: sizes, discount and fingerprint.
    public var description: String {
        "MDP \(fingerprint): \(stateCount) states, \(actionCount) actions, γ = \(discount)"
    }

    /// Throws unless `reward` was made for this MDP.
    public func check(_ reward: Reward) throws {
        guard reward.mdpFingerprint == fingerprint else { throw RewardsError.rewardOfAnotherMDP(expected: fingerprint, got: reward.mdpFingerprint) }
    }
}

/// `values` checked to be a probability distribution (finite, non-negative, summing to 1 within
/// `MDP.probabilityTolerance`) and renormalised exactly.
func validatedDistribution(_ values: [Double], what: String) throws -> [Double] {
    var sum = 0.0
    for (i, p) in values.enumerated() {
        guard p.isFinite else { throw RewardsError.notFinite(what: what, index: [i], value: p) }
        guard p >= 0 else { throw RewardsError.negativeProbability(what: what, index: [i], value: p) }
        sum += p
    }
    guard abs(sum - 1) <= MDP.probabilityTolerance else { throw RewardsError.notADistribution(what: what, sum: sum) }
    return abs(sum - 1) > MDP.renormalisationThreshold ? values.map { $0 / sum } : values
}

/// FNV-1a over the sizes, discount and every probability's bits.
private func digest(_ states: Int, _ actions: Int, _ discount: Double, _ transition: [Double], _ initial: [Double]) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    func mix(_ word: UInt64) {
        var w = word
        for _ in 0..<8 {
            hash ^= w & 0xff
            hash = hash &* 0x0000_0100_0000_01b3
            w >>= 8
        }
    }
    mix(UInt64(states)); mix(UInt64(actions)); mix(discount.bitPattern)
    for p in transition { mix(p.bitPattern) }
    for p in initial { mix(p.bitPattern) }
    return hash
}
