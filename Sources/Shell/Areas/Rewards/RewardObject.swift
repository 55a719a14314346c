import Foundation
import Formats
import Rewards
import Tensors

/// A reward function R[s, a, s′] in the workspace (kind `reward`), kept with the MDP it was made
/// for so that shaping, redistribution, distances and regret need no second argument.
struct RewardObject: WorkspaceObject {
    static let kind = ObjectKind(
        name: "reward", summary: "a reward R[s, a, s′] on one MDP",
        saveFormat: ".npz (float64, exact) or .safetensors (F32) with the tensor reward [S, A, S′]",
        saveExtension: "npz",
        exports: [.json: "mdp (its fingerprint), origin, shape and reward [S][A][S′]",
                  .csv: "one row per (state, action, next): state, action, next, reward"])

    /// The reward.
    let reward: Reward
    /// The MDP it belongs to.
    let mdp: MDP
    /// The workspace name of that MDP when the reward was made.
    let mdpName: String
    /// How that MDP was made (a grid's layout gives the reward a map plot).
    let mdpOrigin: MDPOrigin
    /// How it was made, e.g. `random (seed 3)`, `R shaped by a random potential (seed 4)`.
    let origin: String

    /// `on M; random (seed 3); values −4.2 … 12.1`.
    var summary: String {
        let (low, high) = (reward.values.min() ?? 0, reward.values.max() ?? 0)
        return "on \(mdpName); \(origin); values \(Format.number(low)) … \(Format.number(high))"
    }

    /// `32 × 4 × 32`.
    var shape: String { Format.shape(reward.shape) }

    /// The values in Double.
    var memoryBytes: Int { 8 * reward.values.count }

    /// The MDP, provenance, value statistics, expected immediate rewards and the range of
    /// policy returns J from μ0 (best and worst policy, exact).
    func details() -> String {
        let values = reward.values
        let zeros = values.filter { $0 == 0 }.count
        var table = TextTable(columns: 2)
        table.append(["MDP", "\(mdpName) (\(mdp.stateCount) states, \(mdp.actionCount) actions, γ = \(Format.number(mdp.discount)))"])
        table.append(["made", origin])
        table.append(["R(s, a, s′)", RewardObject.statistics(values) + (zeros > 0 ? "; \(Format.number(100 * Double(zeros) / Double(values.count), significant: 3))% zeros" : "")])
        table.append(["E[R(s, a, S′)]", expectedText])
        table.append(["returns J from μ0", returnsText])
        return table.render()
    }

    /// `min −4.2, mean 0.31, max 12, std 2.1`.
    static func statistics(_ values: [Double]) -> String {
        guard !values.isEmpty else { return "none" }
        return "min \(Format.number(values.min()!)), mean \(Format.number(Statistics.mean(values))), "
            + "max \(Format.number(values.max()!)), std \(Format.number(Statistics.standardDeviation(values)))"
    }

    /// Statistics of the expected immediate reward r(s, a).
    private var expectedText: String {
        do { return RewardObject.statistics(try reward.expectedImmediate(mdp: mdp)) } catch { return "not computed: \(error)" }
    }

    /// J of an optimal and of a worst policy (from the regret of the reward with itself), or why not.
    private var returnsText: String {
        guard mdp.stateCount <= 1000 else { return "not computed for more than 1000 states" }
        do {
            let side = try Regret(reward, reward, mdp: mdp).forward
            if side.degenerate { return "every policy is equally good (J = \(Format.number(side.best)))" }
            return "optimal policy \(Format.number(side.best)), worst policy \(Format.number(side.worst))"
        } catch {
            return "not computed: \(error)"
        }
    }

    /// Writes the reward (`.npz` exactly, `.safetensors` in F32).
    func save(to url: URL) throws { try reward.save(to: url) }

    /// The MDP's fingerprint, provenance, shape and values nested as [S][A][S′].
    func exportJSON() throws -> JSONValue? {
        let (states, actions) = (reward.stateCount, reward.actionCount)
        let values = JSONValue.array((0..<states).map { s in
            .array((0..<actions).map { a in .array((0..<states).map { .number(reward[s, a, $0]) }) })
        })
        return .object([
            "mdp": .string(reward.mdpFingerprint.description), "origin": .string(origin),
            "shape": .array(reward.shape.map { .number(Double($0)) }), "reward": values,
        ])
    }

    /// Every entry, one row each.
    func exportCSV() throws -> Table? {
        let (states, actions) = (reward.stateCount, reward.actionCount)
        let count = reward.values.count
        let index = (0..<count)
        return try Table(names: ["state", "action", "next", "reward"], columns: [
            .numbers(index.map { Double($0 / (actions * states)) }), .numbers(index.map { Double(($0 / states) % actions) }),
            .numbers(index.map { Double($0 % states) }), .numbers(reward.values),
        ])
    }

    /// The same MDP and MDP name with new values and provenance.
    func replacing(_ newReward: Reward, origin: String) -> RewardObject {
        RewardObject(reward: newReward, mdp: mdp, mdpName: mdpName, mdpOrigin: mdpOrigin, origin: origin)
    }
}
