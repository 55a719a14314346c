import Foundation

/// Everything that can be wrong with input to the Rewards module, each case carrying what is
/// needed to say so; every message is made in `description`, in one place.
public enum RewardsError: Error, Equatable, CustomStringConvertible {
    /// An MDP needs at least one state and one action.
    case emptyMDP(states: Int, actions: Int)
    /// An array has the wrong shape; `what` names it ("transition", "reward", ...).
    case shapeMismatch(what: String, expected: [Int], got: [Int])
    /// A transition row τ(·|s, a) does not sum to 1.
    case transitionRowNotNormalised(state: Int, action: Int, sum: Double)
    /// A transition probability is negative.
    case negativeProbability(what: String, index: [Int], value: Double)
    /// A distribution (initial states, D_S, D_A, a policy row) does not sum to 1.
    case notADistribution(what: String, sum: Double)
    /// The discount must be in [0, 1).
    case discountOutOfRange(Double)
    /// A NaN or infinity in `what` at `index`.
    case notFinite(what: String, index: [Int], value: Double)
    /// A reward (or policy, potential) was made for a different MDP than the one it is used with.
    case rewardOfAnotherMDP(expected: MDP.Fingerprint, got: MDP.Fingerprint)
    /// A name that is not one of `valid`; `kind` says what was being named.
    case unknownName(kind: String, name: String, valid: [String])
    /// A variant name that is not `canon-norm-metric`.
    case malformedVariant(String)
    /// A numeric setting outside its range; `reason` says what is accepted.
    case invalidSetting(name: String, value: String, reason: String)
    /// Policy iteration did not settle within its iteration limit (a numerical pathology).
    case policyIterationDidNotConverge(iterations: Int)
    /// A linear solve inside a computation failed (singular system).
    case linearAlgebra(String)

    public var description: String {
        switch self {
        case let .emptyMDP(states, actions):
            return "an MDP needs at least one state and one action, got \(states) states and \(actions) actions"
        case let .shapeMismatch(what, expected, got):
            return "\(what) has shape \(got) but \(expected) was expected"
        case let .transitionRowNotNormalised(state, action, sum):
            return "transition row for state \(state), action \(action) sums to \(sum), not 1"
        case let .negativeProbability(what, index, value):
            return "\(what) has a negative probability \(value) at \(index)"
        case let .notADistribution(what, sum):
            return "\(what) sums to \(sum), not 1"
        case let .discountOutOfRange(gamma):
            return "discount γ = \(gamma) is outside [0, 1)"
        case let .notFinite(what, index, value):
            return "\(what) has a non-finite value \(value) at \(index)"
        case let .rewardOfAnotherMDP(expected, got):
            return "the reward belongs to MDP \(got), not to MDP \(expected)"
        case let .unknownName(kind, name, valid):
            var message = "unknown \(kind) '\(name)'; valid: \(valid.joined(separator: ", "))"
            if let suggestion = nearestName(to: name, in: valid) { message += " (did you mean '\(suggestion)'?)" }
            return message
        case let .malformedVariant(name):
            return "variant '\(name)' is not of the form canon-norm-metric (e.g. val-l1-l1, epic-l2-l2, none-none-l2)"
        case let .invalidSetting(name, value, reason):
            return "\(name) = \(value) is invalid: \(reason)"
        case let .policyIterationDidNotConverge(iterations):
            return "policy iteration did not converge in \(iterations) iterations"
        case let .linearAlgebra(message):
            return message
        }
    }
}

/// The valid name closest to `name` by edit distance, when it is close enough to be a likely typo.
func nearestName(to name: String, in valid: [String]) -> String? {
    let target = Array(name.lowercased())
    var best: (name: String, distance: Int)?
    for candidate in valid {
        let distance = editDistance(target, Array(candidate))
        if distance < (best?.distance ?? Int.max) { best = (candidate, distance) }
    }
    guard let best, best.distance <= max(1, target.count / 3) else { return nil }
    return best.name
}

/// Levenshtein distance between two character arrays.
func editDistance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}
