import Foundation
import Tensors

/// A deterministic policy: one action per state, [S].
public typealias Policy = [Int]

/// Exact policy evaluation and optimisation on one MDP, from expected immediate rewards
/// r(s, a) = E_{S′∼τ(s,a)}[R(s, a, S′)] ([S·A]), which is all that values depend on.
///
/// Evaluation solves (I − γP_π)V = r_π by LU. J(π) = μ0ᵀV = dᵀr_π where the discounted visitation
/// d = (I − γP_π)⁻ᵀμ0 comes from the same factorisation, so once d is known the value of π under
/// any reward is a dot product.
struct PolicySolver: Sendable {
    let mdp: MDP
    /// Iterations of policy iteration allowed before giving up (it typically needs fewer than 10).
    static let iterationLimit = 1000

    init(mdp: MDP) { self.mdp = mdp }

    /// The LU factors of I − γP_π.
    func factorise(_ policy: Policy) throws -> LUFactorisation {
        let (states, gamma) = (mdp.stateCount, mdp.discount)
        var system = [Double](repeating: 0, count: states * states)
        for s in 0..<states {
            let row = (s * mdp.actionCount + policy[s]) * states
            for next in 0..<states { system[s * states + next] = -gamma * mdp.transition[row + next] }
            system[s * states + s] += 1
        }
        do { return try LUFactorisation(system, n: states) } catch {
            throw RewardsError.linearAlgebra("policy evaluation: I − γP_π is singular: \(error)")
        }
    }

    /// r_π(s) = r(s, π(s)).
    func onPolicy(_ expected: [Double], _ policy: Policy) -> [Double] {
        (0..<mdp.stateCount).map { expected[$0 * mdp.actionCount + policy[$0]] }
    }

    /// V^π, [S].
    func value(_ policy: Policy, expected: [Double]) throws -> [Double] {
        try factorise(policy).solve(onPolicy(expected, policy))
    }

    /// The discounted state visitation d = (I − γP_π)⁻ᵀ μ0, [S]; J(π) = Σ_s d(s) r(s, π(s)).
    func visitation(_ policy: Policy) throws -> [Double] {
        try factorise(policy).solve(mdp.initial, transposed: true)
    }

    /// J(π) = Σ_s d(s) r(s, π(s)) for a visitation d of π.
    func policyReturn(visitation: [Double], policy: Policy, expected: [Double]) -> Double {
        var total = 0.0
        for s in 0..<mdp.stateCount { total += visitation[s] * expected[s * mdp.actionCount + policy[s]] }
        return total
    }

    /// A policy evaluated exactly: its factorised I − γP_π, and its Q values under one reward.
    struct Evaluation {
        let policy: Policy
        let factor: LUFactorisation
        /// Q^π(s, a), [S·A].
        let q: [Double]
        /// max |Q^π|.
        let largest: Double

        /// The discounted state visitation of the policy from μ0.
        func visitation(_ initial: [Double]) throws -> [Double] { try factor.solve(initial, transposed: true) }
    }

    /// Evaluates `policy` under expected rewards r: V^π by the LU of I − γP_π, then
    /// Q^π(s, a) = r(s, a) + γ Σ_s′ τ(s′|s,a) V^π(s′).
    func evaluate(_ policy: Policy, expected: [Double]) throws -> Evaluation {
        let (states, gamma) = (mdp.stateCount, mdp.discount)
        let factor = try factorise(policy)
        let v = try factor.solve(onPolicy(expected, policy))
        var q = [Double](repeating: 0, count: expected.count)
        var largest = 0.0
        mdp.transition.withUnsafeBufferPointer { tau in
            for row in 0..<expected.count {
                var next = 0.0
                for successor in 0..<states { next += tau[row * states + successor] * v[successor] }
                q[row] = expected[row] + gamma * next
                largest = max(largest, abs(q[row]))
            }
        }
        return Evaluation(policy: policy, factor: factor, q: q, largest: largest)
    }

    /// Q values differing by at most this fraction of the largest |Q| count as tied.
    static let tieTolerance = 1e-12

    /// An optimal deterministic policy by policy iteration with exact evaluation; see `solve`.
    func optimalPolicy(expected: [Double], start: Policy? = nil, allowed: [Bool]? = nil) throws -> Policy {
        try solve(expected: expected, start: start, allowed: allowed).policy
    }

    /// Policy iteration with exact evaluation, started from `start` (or the greedy policy of r),
    /// choosing only actions marked in `allowed` ([S·A]) when given. An action replaces the
    /// current one only when its Q value is larger by more than `tieTolerance` of the largest |Q|,
    /// so rounding cannot make it cycle; the result is optimal to that relative precision.
    /// - Returns: the optimal policy's evaluation (its factorisation serves its visitation too).
    /// - Throws: `RewardsError.policyIterationDidNotConverge` after `iterationLimit` improvements.
    /// - Complexity: O(S³ + S²A) per iteration; warm starts usually need one or two.
    func solve(expected: [Double], start: Policy? = nil, allowed: [Bool]? = nil) throws -> Evaluation {
        let (states, actions) = (mdp.stateCount, mdp.actionCount)
        let permitted = { (s: Int, a: Int) in allowed?[s * actions + a] ?? true }
        var policy = start ?? (0..<states).map { s in
            (0..<actions).filter { permitted(s, $0) }.max { expected[s * actions + $0] < expected[s * actions + $1] } ?? 0
        }
        for _ in 0..<PolicySolver.iterationLimit {
            let evaluation = try evaluate(policy, expected: expected)
            let (q, margin) = (evaluation.q, PolicySolver.tieTolerance * evaluation.largest)
            var changed = false
            for s in 0..<states {
                var best = policy[s]
                for a in 0..<actions where permitted(s, a) && q[s * actions + a] > q[s * actions + best] + margin { best = a }
                if best != policy[s] { policy[s] = best; changed = true }
            }
            if !changed { return evaluation }
        }
        throw RewardsError.policyIterationDidNotConverge(iterations: PolicySolver.iterationLimit)
    }

    /// The actions whose Q* is within the tie tolerance of the best, [S·A], from an optimal
    /// policy's evaluation; nil when every state has a single optimal action.
    func tiedOptimalActions(_ optimal: Evaluation) -> [Bool]? {
        let (states, actions) = (mdp.stateCount, mdp.actionCount)
        let margin = PolicySolver.tieTolerance * optimal.largest
        var allowed = [Bool](repeating: false, count: states * actions)
        var tied = false
        for s in 0..<states {
            let best = optimal.q[s * actions + optimal.policy[s]]
            for a in 0..<actions where optimal.q[s * actions + a] >= best - margin {
                allowed[s * actions + a] = true
                tied = tied || a != optimal.policy[s]
            }
        }
        return tied ? allowed : nil
    }

    /// Among the policies optimal for a reward (those choosing, in every state, an action whose
    /// Q* is within the tie tolerance of the best), the one worst under `other`: the worst case
    /// of following that reward where it is indifferent between actions.
    func worstOptimalPolicy(_ optimal: Evaluation, ties: [Bool]?, under other: [Double]) throws -> Policy {
        guard let ties else { return optimal.policy }
        return try optimalPolicy(expected: other.map { -$0 }, start: optimal.policy, allowed: ties)
    }
}
