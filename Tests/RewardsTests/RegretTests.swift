import Testing
import Foundation
import Tensors
@testable import Rewards

/// Exact policy values and optimal policies, and the normalised regret built on them.
@Suite struct RegretTests {
    /// J(π) by brute force over every deterministic policy: each evaluated with a separate solve.
    private func allPolicyValues(_ mdp: MDP, _ expected: [Double]) throws -> [(Policy, Double)] {
        let solver = PolicySolver(mdp: mdp)
        let count = Int(pow(Double(mdp.actionCount), Double(mdp.stateCount)))
        return try (0..<count).map { code in
            var remainder = code
            let policy = (0..<mdp.stateCount).map { _ in defer { remainder /= mdp.actionCount }; return remainder % mdp.actionCount }
            let v = try solver.value(policy, expected: expected)
            return (policy, zip(mdp.initial, v).reduce(0) { $0 + $1.0 * $1.1 })
        }
    }

    @Test func policyIterationFindsTheBestPolicyOfAllDeterministicOnes() throws {
        for seed in 0..<6 {
            let mdp = try Small.mdp(states: 4, actions: 3, discount: 0.9, seed: UInt64(60 + seed), sparse: seed % 2 == 0)
            let solver = PolicySolver(mdp: mdp)
            let r = Small.reward(mdp, seed: UInt64(seed)).expectedImmediateUnchecked(transition: mdp.transition)
            let values = try allPolicyValues(mdp, r)
            let best = values.map(\.1).max()!, worst = values.map(\.1).min()!
            let optimal = try solver.optimalPolicy(expected: r)
            let pessimal = try solver.optimalPolicy(expected: r.map { -$0 })
            let j = { (policy: Policy) in solver.policyReturn(visitation: try solver.visitation(policy), policy: policy, expected: r) }
            #expect(abs(try j(optimal) - best) < 1e-10 * max(1, abs(best)), "seed \(seed) best")
            #expect(abs(try j(pessimal) - worst) < 1e-10 * max(1, abs(worst)), "seed \(seed) worst")
            // The optimal policy is optimal from every state, not only on average over μ0.
            let vOptimal = try solver.value(optimal, expected: r)
            for (policy, _) in values {
                let v = try solver.value(policy, expected: r)
                for s in 0..<mdp.stateCount { #expect(v[s] <= vOptimal[s] + 1e-9, "seed \(seed) state \(s)") }
            }
        }
    }

    @Test func exactReturnMatchesALongMonteCarloEstimate() throws {
        let mdp = try Small.mdp(states: 4, actions: 2, discount: 0.8, seed: 70)
        let reward = Small.reward(mdp, seed: 71)
        let solver = PolicySolver(mdp: mdp)
        let policy: Policy = [1, 0, 1, 1]
        let exact = solver.policyReturn(visitation: try solver.visitation(policy), policy: policy,
                                        expected: reward.expectedImmediateUnchecked(transition: mdp.transition))
        var rng = SeededRNG(seed: 72)
        let episodes = 40_000, horizon = 120  // 0.8^120 ≈ 2e-12: truncation is negligible
        var sum = 0.0, sumSquares = 0.0
        for _ in 0..<episodes {
            var state = rng.categorical(mdp.initial)
            var total = 0.0, discount = 1.0
            for _ in 0..<horizon {
                let row = state * mdp.actionCount + policy[state]
                let next = rng.categorical(Array(mdp.transition[(row * mdp.stateCount)..<((row + 1) * mdp.stateCount)]))
                total += discount * reward[state, policy[state], next]
                discount *= mdp.discount
                state = next
            }
            sum += total; sumSquares += total * total
        }
        let mean = sum / Double(episodes)
        let standardError = ((sumSquares / Double(episodes) - mean * mean) / Double(episodes)).squareRoot()
        #expect(abs(exact - mean) < 4 * standardError, "exact \(exact), Monte Carlo \(mean) ± \(standardError)")
        #expect(standardError < 0.05)
    }

    @Test func equivalentRewardsHaveNoRegret() throws {
        let mdp = try Small.mdp(states: 6, actions: 3, discount: 0.9, seed: 80, sparse: true)
        var rng = SeededRNG(seed: 81)
        let reward = Reward.gaussian(mdp: mdp, rng: &rng)
        let equivalents = [
            try reward.scaled(by: 0.3),
            try reward.shaped(by: Reward.randomPotential(states: mdp.stateCount, rng: &rng), mdp: mdp),
            try reward.redistributed(mdp: mdp, scale: 5, rng: &rng),
        ]
        for other in equivalents {
            let regret = try Regret(reward, other, mdp: mdp)
            #expect(abs(regret.forward.value) < 1e-9 && abs(regret.backward.value) < 1e-9 && !regret.isDegenerate)
        }
        let opposite = try Regret(reward, reward.negated, mdp: mdp)
        #expect(abs(opposite.symmetric - 1) < 1e-9, "following the worst policy loses everything")
        let unrelated = try Regret(reward, Reward.gaussian(mdp: mdp, rng: &rng), mdp: mdp)
        #expect(unrelated.symmetric > 0 && unrelated.symmetric < 1)
    }

    @Test func degenerateDenominatorIsReportedExplicitly() throws {
        let mdp = try Small.mdp(states: 3, actions: 2, seed: 90)
        let constant = try Reward(values: [Double](repeating: 2, count: 18), mdp: mdp)
        let other = Small.reward(mdp, seed: 91)
        let regret = try Regret(constant, other, mdp: mdp)
        #expect(regret.forward.degenerate && !regret.backward.degenerate)
        #expect(regret.forward.value == 0)
        #expect(regret.degeneracyNote == "all policies are equally good under R1: its regret is taken as 0")
        let both = try Regret(constant, try constant.scaled(by: 0), mdp: mdp)
        #expect(both.forward.degenerate && both.backward.degenerate && both.symmetric == 0)
        #expect(RegretExport(both).note == "all policies are equally good under both rewards: both regrets are taken as 0")
        #expect(try Regret(other, other, mdp: mdp).degeneracyNote == nil)
    }
}
