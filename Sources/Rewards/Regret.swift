import Foundation

/// Normalised regret between two rewards of one MDP, as in the STARC paper's experiment.
///
/// With π1, π2 optimal for R1, R2 and πx, πy optimal for −R1, −R2 (worst for R1, R2):
/// forward = (J1(π1) − J1(π2)) / (J1(π1) − J1(πx)), backward = (J2(π2) − J2(π1)) / (J2(π2) − J2(πy)),
/// symmetric = their mean. All J are exact (linear solves), all policies exactly optimal.
///
/// When R2 has tied optimal actions, π2 is the worst of its optimal policies under R1 (the
/// worst case, as in the STARC paper's regret bounds), and likewise for π1; in particular when
/// every policy is equally good under R2, following R2 can lead to R1's worst policy.
public struct Regret: Sendable, Equatable, Codable {
    /// One direction: how much is lost under `reward` by following the other reward's optimal policy.
    public struct Side: Sendable, Equatable, Codable {
        /// The normalised regret; 0 when `degenerate`.
        public let value: Double
        /// J of this reward's optimal policy.
        public let best: Double
        /// J of the other reward's optimal policy, under this reward.
        public let achieved: Double
        /// J of this reward's worst policy.
        public let worst: Double
        /// True when best and worst are equal (to 1e-12 of the largest possible |J|, about the
        /// rounding error of exact evaluation): every policy
        /// is equally good under this reward, nothing can be lost, and the regret is reported as 0.
        public let degenerate: Bool

        /// The side from its three returns, deciding degeneracy against `scale` (the largest
        /// possible |J|, max|r| / (1 − γ)).
        init(best: Double, achieved: Double, worst: Double, scale: Double) {
            self.best = best
            self.achieved = achieved
            self.worst = worst
            let range = best - worst
            degenerate = !(range > 1e-12 * scale)
            value = degenerate ? 0 : (best - achieved) / range
        }
    }

    /// Regret under R1 of following R2's optimal policy.
    public let forward: Side
    /// Regret under R2 of following R1's optimal policy.
    public let backward: Side

    /// The mean of both directions (what the paper correlates with distances).
    public var symmetric: Double { (forward.value + backward.value) / 2 }

    /// True when either direction had all policies equally good.
    public var isDegenerate: Bool { forward.degenerate || backward.degenerate }

    /// A sentence saying which denominators were degenerate, or nil when none was.
    public var degeneracyNote: String? {
        switch (forward.degenerate, backward.degenerate) {
        case (false, false): return nil
        case (true, false): return "all policies are equally good under R1: its regret is taken as 0"
        case (false, true): return "all policies are equally good under R2: its regret is taken as 0"
        case (true, true): return "all policies are equally good under both rewards: both regrets are taken as 0"
        }
    }

    /// Computes the regret of two rewards of `mdp`.
    /// - Throws: `RewardsError.rewardOfAnotherMDP` when either reward belongs to another MDP.
    /// - Complexity: four policy iterations, O(S³ + S²A) per iteration.
    public init(_ first: Reward, _ second: Reward, mdp: MDP) throws {
        try mdp.check(first)
        try mdp.check(second)
        let solver = PolicySolver(mdp: mdp)
        let r1 = first.expectedImmediateUnchecked(transition: mdp.transition)
        let r2 = second.expectedImmediateUnchecked(transition: mdp.transition)
        let (best1, best2) = (try solver.solve(expected: r1), try solver.solve(expected: r2))
        let piX = try solver.optimalPolicy(expected: r1.map { -$0 }), piY = try solver.optimalPolicy(expected: r2.map { -$0 })
        let follow1 = try solver.worstOptimalPolicy(best1, ties: solver.tiedOptimalActions(best1), under: r2)
        let follow2 = try solver.worstOptimalPolicy(best2, ties: solver.tiedOptimalActions(best2), under: r1)
        func j(_ pi: Policy, _ r: [Double]) throws -> Double {
            solver.policyReturn(visitation: try solver.visitation(pi), policy: pi, expected: r)
        }
        forward = Side(best: try j(best1.policy, r1), achieved: try j(follow2, r1), worst: try j(piX, r1), scale: Regret.scale(r1, mdp.discount))
        backward = Side(best: try j(best2.policy, r2), achieved: try j(follow1, r2), worst: try j(piY, r2), scale: Regret.scale(r2, mdp.discount))
    }

    /// A regret from its two sides.
    init(forward: Side, backward: Side) {
        self.forward = forward
        self.backward = backward
    }

    /// The largest possible |J| for expected rewards r: max|r| / (1 − γ).
    static func scale(_ expected: [Double], _ discount: Double) -> Double {
        expected.reduce(0) { max($0, abs($1)) } / (1 - discount)
    }
}
