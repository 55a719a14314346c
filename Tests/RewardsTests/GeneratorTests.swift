import Testing
import Foundation
import Tensors
@testable import Rewards

/// The paper's random MDP and reward generators, the gridworld and the reward transformations.
@Suite struct GeneratorTests {
    @Test func randomMDPIsSparseNormalisedAndSeeded() throws {
        var rng = SeededRNG(seed: 3)
        let mdp = try MDP.random(states: 32, actions: 4, discount: 0.95, rng: &rng)
        var again = SeededRNG(seed: 3)
        #expect(try MDP.random(states: 32, actions: 4, discount: 0.95, rng: &again) == mdp)
        #expect(mdp.initial.allSatisfy { abs($0 - 1 / 32) < 1e-15 })
        var likely = 0
        for row in 0..<(32 * 4) {
            let probabilities = mdp.transition[(row * 32)..<((row + 1) * 32)]
            #expect(abs(probabilities.reduce(0, +) - 1) < 1e-12)
            likely += probabilities.filter { $0 > 1e-6 }.count
        }
        // Logits above 1 survive: P(z > 1) ≈ 0.159, so about 5 of 32 successors per row.
        let fraction = Double(likely) / Double(32 * 4 * 32)
        #expect(fraction > 0.13 && fraction < 0.19, "fraction of likely transitions \(fraction)")
    }

    @Test func randomRewardsFollowThePaperMixture() throws {
        var rng = SeededRNG(seed: 4)
        let mdp = try MDP.random(states: 32, actions: 4, discount: 0.95, rng: &rng)
        var sparse = 0, constantShift = 0
        let count = 400
        for i in 0..<count {
            var stream = SeededRNG(seed: UInt64(1000 + i))
            let reward = Reward.random(mdp: mdp, rng: &stream)
            let zeros = reward.values.filter { $0 == 0 }.count
            if zeros > reward.values.count / 2 { sparse += 1 }
            if reward.values.allSatisfy({ $0 > 0 }) { constantShift += 1 }
        }
        // Sparse without shaping or shift: 0.2 · 0.7 · 0.5 of the draws keep exact zeros.
        let sparseFraction = Double(sparse) / Double(count)
        #expect(sparseFraction > 0.03 && sparseFraction < 0.12, "\(sparseFraction)")
        #expect(constantShift > 0)
    }

    @Test func gridworldMovesAndSlips() throws {
        let grid = try MDP.grid(width: 3, height: 2, slip: 0.2, discount: 0.9)
        #expect(grid.stateCount == 6 && grid.actionCount == 4 && grid.initial[0] == 1)
        // From the top-left corner, "right" reaches cell 1 with 0.8 + 0.05; up and left bump into walls.
        #expect(abs(grid.probability(0, 1, 1) - 0.85) < 1e-12)
        #expect(abs(grid.probability(0, 1, 0) - 0.10) < 1e-12)
        #expect(abs(grid.probability(0, 1, 3) - 0.05) < 1e-12)
        #expect(throws: RewardsError.self) { _ = try MDP.grid(width: 0, height: 2) }
    }

    @Test func transformationsDoWhatTheySay() throws {
        let mdp = try Small.mdp(states: 4, actions: 2, seed: 5)
        let reward = Small.reward(mdp, seed: 6), other = Small.reward(mdp, seed: 7)
        let halfway = try reward.interpolated(to: other, t: 0.25)
        #expect(Small.maxDifference(halfway.values, zip(reward.values, other.values).map { 0.75 * $0 + 0.25 * $1 }) < 1e-15)
        let shaped = try reward.shaped(by: [1, 2, 3, 4], mdp: mdp)
        #expect(abs(shaped[1, 0, 3] - (reward[1, 0, 3] + 0.9 * 4 - 2)) < 1e-15)
        var rng = SeededRNG(seed: 8)
        let moved = try reward.redistributed(mdp: mdp, rng: &rng)
        #expect(Small.maxDifference(try moved.expectedImmediate(mdp: mdp), try reward.expectedImmediate(mdp: mdp)) < 1e-12)
        #expect(Small.maxDifference(moved.values, reward.values) > 0.1)
    }
}
