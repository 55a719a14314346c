import Foundation
import Tensors

extension MDP {
    /// The STARC paper's random MDP (reference: lucyfarnik/starc `RandomEnv`): for every (s, a),
    /// standard-normal logits over s′, logits ≤ `sparsityThreshold` set to −20, then a softmax, so
    /// each state–action pair leads to a few likely successors. μ0 is uniform.
    /// - Parameters:
    ///   - sparsityThreshold: logits at or below it are suppressed; nil takes the reference's
    ///     size rule (1 below 50 states, 1.5 below 100, 1.8 otherwise).
    ///   - rng: the stream to draw from (the result depends only on its seed and the sizes).
    /// - Throws: `RewardsError` for empty sizes or γ outside [0, 1).
    /// - Complexity: O(S²A).
    public static func random(states: Int, actions: Int, discount: Double, sparsityThreshold: Double? = nil,
                              rng: inout SeededRNG) throws -> MDP {
        guard states > 0, actions > 0 else { throw RewardsError.emptyMDP(states: states, actions: actions) }
        guard discount.isFinite, discount >= 0, discount < 1 else { throw RewardsError.discountOutOfRange(discount) }
        let threshold = sparsityThreshold ?? (states < 50 ? 1 : (states < 100 ? 1.5 : 1.8))
        guard threshold.isFinite else { throw RewardsError.invalidSetting(name: "sparsity", value: "\(threshold)", reason: "must be a finite number") }
        var transition = [Double](repeating: 0, count: states * actions * states)
        for row in 0..<(states * actions) {
            let base = row * states
            var largest = -Double.infinity
            for next in 0..<states {
                let logit = rng.normal()
                transition[base + next] = logit > threshold ? logit : -20
                largest = max(largest, transition[base + next])
            }
            var sum = 0.0
            for next in 0..<states {
                transition[base + next] = Foundation.exp(transition[base + next] - largest)
                sum += transition[base + next]
            }
            for next in 0..<states { transition[base + next] /= sum }
        }
        let initial = [Double](repeating: 1 / Double(states), count: states)
        return try MDP(states: states, actions: actions, transition: transition, initial: initial, discount: discount)
    }

    /// A width×height gridworld for intuition: state `y * width + x`, actions up, right, down,
    /// left (0–3). A move goes in the intended direction with probability 1 − slip and in a
    /// uniformly random one of the four directions with probability slip; moves into a wall stay
    /// put. The agent starts in the top-left cell (state 0).
    /// - Throws: `RewardsError.invalidSetting` for an empty grid or slip outside [0, 1];
    ///   `.discountOutOfRange` for γ outside [0, 1).
    public static func grid(width: Int, height: Int, slip: Double = 0, discount: Double = 0.9) throws -> MDP {
        guard width > 0, height > 0 else { throw RewardsError.invalidSetting(name: "grid", value: "\(width)x\(height)", reason: "both sides must be at least 1") }
        guard slip.isFinite, slip >= 0, slip <= 1 else { throw RewardsError.invalidSetting(name: "slip", value: "\(slip)", reason: "must be in [0, 1]") }
        let states = width * height, actions = 4
        let moves = [(0, -1), (1, 0), (0, 1), (-1, 0)]
        func target(_ state: Int, _ direction: Int) -> Int {
            let (x, y) = (state % width + moves[direction].0, state / width + moves[direction].1)
            return (x < 0 || x >= width || y < 0 || y >= height) ? state : y * width + x
        }
        var transition = [Double](repeating: 0, count: states * actions * states)
        for s in 0..<states {
            for a in 0..<actions {
                let row = (s * actions + a) * states
                transition[row + target(s, a)] += 1 - slip
                for direction in 0..<4 { transition[row + target(s, direction)] += slip / 4 }
            }
        }
        var initial = [Double](repeating: 0, count: states)
        initial[0] = 1
        return try MDP(states: states, actions: actions, transition: transition, initial: initial, discount: discount)
    }
}
