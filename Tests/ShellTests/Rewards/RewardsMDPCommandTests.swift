import Foundation
import Formats
import Rewards
import Tensors
import Testing

/// `mdp random`, `mdp grid`, `load mdp`, `save`, `show` and `export` of MDPs, through `mindscope run`.
@Suite("Rewards shell: MDPs")
struct RewardsMDPCommandTests {
    @Test func randomMDPIsThePapersGeneratorWithTheGivenSeed() throws {
        let script = RewardsScript()
        let output = try script.output(["m = mdp random states=5 actions=3 gamma=0.8 seed=11", "export m to m.json"])
        #expect(output.hasPrefix("m (mdp): 5 states, 3 actions, γ = 0.8; random (seed 11)\n"))
        var rng = SeededRNG(seed: 11)
        let expected = try MDP.random(states: 5, actions: 3, discount: 0.8, rng: &rng)
        let json = try script.json("m.json")
        #expect(json.keys == ["actions", "fingerprint", "gamma", "initial", "origin", "states", "transition"])
        #expect(json["fingerprint"] == .string(expected.fingerprint.description))
        #expect(json["gamma"]?.number == 0.8 && json["states"]?.number == 5 && json["actions"]?.number == 3)
        guard case let .array(rows)? = json["transition"], case let .array(actions) = rows[2], case let .array(next) = actions[1] else {
            Issue.record("transition is not nested [S][A][S′]: \(String(describing: json["transition"]))")
            return
        }
        #expect(rows.count == 5 && actions.count == 3)
        #expect(next.map(\.number) == (0..<5).map { expected.probability(2, 1, $0) })
    }

    @Test func seedsComeFromTheSessionWhenNotGivenAndAreShown() throws {
        let script = RewardsScript()
        let first = try script.output(["set seed=5", "m = mdp random states=4", "n = mdp random states=4"])
        let second = try script.output(["set seed=5", "m = mdp random states=4", "n = mdp random states=4"])
        #expect(first == second, "the same session seed gives the same MDPs")
        let seeds = first.split(separator: "\n").filter { $0.contains("(mdp)") }.map { $0.components(separatedBy: "seed ").last ?? "" }
        #expect(seeds.count == 2 && seeds[0] != seeds[1])
        let reproduced = try script.output(["m = mdp random states=4 seed=\(seeds[0].dropLast())", "export m to again.json"])
        #expect(reproduced.contains("random (seed \(seeds[0].dropLast()))"))
    }

    @Test func showGivesSizesDiscountSparsityAndStart() throws {
        let output = try RewardsScript().output(["g = mdp grid 3x2 slip=0.2", "show g"])
        #expect(output.contains("g (mdp): 6 states, 4 actions, γ = 0.9; 3×2 grid, slip 0.2\n"))
        #expect(output.contains("states × actions       6 × 4\n"))
        #expect(output.contains("discount γ             0.9 (effective horizon 1/(1−γ) = 10)\n"))
        #expect(output.contains("successors per (s, a)  mean 3.33 (min 3, max 4)\n"))
        #expect(output.contains("deterministic (s, a)   0 of 24\n"))
        #expect(output.contains("initial μ0             state 0 with probability 1\n"))
    }

    @Test func gridMovesAsDocumented() throws {
        let script = RewardsScript()
        _ = try script.output(["g = mdp grid 3x2", "export g to g.csv"])
        let table = try script.table("g.csv")
        let (states, actions, next, probability) = (try table.numbers(named: "state"), try table.numbers(named: "action"),
                                                   try table.numbers(named: "next"), try table.numbers(named: "probability"))
        // Without slip every move is deterministic: 6 states × 4 actions rows, each to one cell.
        #expect(table.rowCount == 24 && probability.allSatisfy { $0 == 1 })
        func target(_ s: Double, _ a: Double) -> Double? { zip(zip(states, actions), next).first { $0.0 == (s, a) }?.1 }
        #expect(target(0, 0) == 0, "up from the top-left corner hits the wall")
        #expect(target(0, 1) == 1 && target(0, 2) == 3 && target(4, 3) == 3 && target(5, 2) == 5)
    }

    @Test func saveAndLoadRoundTripExactlyInNpz() throws {
        let script = RewardsScript()
        let output = try script.output(["m = mdp random states=4 actions=2 gamma=0.7 seed=3", "save m to saved", "a = load mdp saved.npz",
                                        "export m to m.json", "export a to a.json", "save m to m.safetensors", "b = load mdp m.safetensors"])
        #expect(output.contains("saved m (mdp) to saved.npz\n"))
        #expect(output.contains("a (mdp): 4 states, 2 actions, γ = 0.7; loaded from saved.npz\n"))
        #expect(output.contains("b (mdp): 4 states, 2 actions, γ = 0.7; loaded from m.safetensors\n"))
        #expect(try script.json("m.json")["transition"] == script.json("a.json")["transition"])
        #expect(try script.json("m.json")["fingerprint"] == script.json("a.json")["fingerprint"])
    }

    @Test func loadReadsGammaFromAScalarTensor() throws {
        let script = RewardsScript()
        try script.writeNpz("two.npz", [("transition", [1, 0, 0.25, 0.75, 0, 1, 0.5, 0.5], [2, 2, 2]), ("initial", [1, 0], [2]), ("gamma", [0.5], [])])
        let output = try script.output(["m = load mdp two.npz", "show m"])
        #expect(output.hasPrefix("m (mdp): 2 states, 2 actions, γ = 0.5; loaded from two.npz\n"))
        #expect(output.contains("deterministic (s, a)   2 of 4\n"))
        #expect(output.contains("initial μ0             state 0 with probability 1\n"))
    }
}
