import Foundation
import Tensors

extension Reward {
    /// The STARC paper's random reward (reference: lucyfarnik/starc `random_reward`), in the
    /// reference's order: entries N(0, 1); with probability 0.2 keep only entries above a threshold
    /// (3 below 50 states, 3.5 below 100, 3.8 otherwise), zeroing the rest; with probability 0.7
    /// multiply by 10·U(0,1); with probability 0.3 add 10·U(0,1); with probability 0.5 add potential
    /// shaping with Φ = 10·u·z + u′ (z ∼ N(0,1) per state, u, u′ ∼ U(0,1)).
    /// - Complexity: O(S²A).
    public static func random(mdp: MDP, rng: inout SeededRNG) -> Reward {
        let states = mdp.stateCount
        var values = (0..<(states * mdp.actionCount * states)).map { _ in rng.normal() }
        if rng.uniform() > 0.8 {
            let threshold = states < 50 ? 3.0 : (states < 100 ? 3.5 : 3.8)
            for i in values.indices where values[i] <= threshold { values[i] = 0 }
        }
        if rng.uniform() > 0.3 {
            let factor = 10 * rng.uniform()
            for i in values.indices { values[i] *= factor }
        }
        if rng.uniform() > 0.7 {
            let shift = 10 * rng.uniform()
            for i in values.indices { values[i] += shift }
        }
        let reward = Reward(unchecked: values, mdp: mdp)
        guard rng.uniform() > 0.5 else { return reward }
        let potential = randomPotential(states: states, rng: &rng)
        return reward.shapedUnchecked(by: potential, discount: mdp.discount)
    }

    /// The reference's random potential: Φ(s) = 10·u·z_s + u′ with z_s ∼ N(0, 1), u, u′ ∼ U(0, 1).
    public static func randomPotential(states: Int, rng: inout SeededRNG) -> [Double] {
        let z = (0..<states).map { _ in rng.normal() }
        let scale = 10 * rng.uniform(), shift = rng.uniform()
        return z.map { $0 * scale + shift }
    }

    /// A reward with independent N(0, 1) entries (no sparsity, scaling or shaping).
    public static func gaussian(mdp: MDP, rng: inout SeededRNG) -> Reward {
        Reward(unchecked: (0..<(mdp.stateCount * mdp.actionCount * mdp.stateCount)).map { _ in rng.normal() }, mdp: mdp)
    }

    /// An S′-redistribution of this reward: R(s, a, ·) changed by noise of standard deviation
    /// `scale` whose expectation under τ(s, a) is removed, so E_{S′∼τ(s,a)}[R(s, a, S′)] is kept
    /// for every (s, a) and no policy's value changes.
    /// - Throws: `RewardsError.rewardOfAnotherMDP`, `.invalidSetting` for a scale that is not finite and positive.
    public func redistributed(mdp: MDP, scale: Double = 1, rng: inout SeededRNG) throws -> Reward {
        try mdp.check(self)
        guard scale.isFinite, scale > 0 else { throw RewardsError.invalidSetting(name: "scale", value: "\(scale)", reason: "must be a positive number") }
        let states = stateCount
        var result = values
        var noise = [Double](repeating: 0, count: states)
        for row in 0..<(stateCount * actionCount) {
            var mean = 0.0
            for next in 0..<states {
                noise[next] = scale * rng.normal()
                mean += mdp.transition[row * states + next] * noise[next]
            }
            for next in 0..<states { result[row * states + next] += noise[next] - mean }
        }
        return with(result)
    }
}
