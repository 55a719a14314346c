import Foundation
import Formats
import Rewards
import Shell
import Tensors
import Testing

/// `reward random|shaped|scaled|redistributed|interpolate`, `load reward`, `save`, `show`, `export`.
@Suite("Rewards shell: rewards")
struct RewardsRewardCommandTests {
    static let setup = ["m = mdp random states=4 actions=2 gamma=0.9 seed=1", "r = reward random m seed=3"]

    /// The MDP and reward of `setup`, made with the library directly.
    static func expected() throws -> (MDP, Reward) {
        var mdpStream = SeededRNG(seed: 1)
        let mdp = try MDP.random(states: 4, actions: 2, discount: 0.9, rng: &mdpStream)
        var rewardStream = SeededRNG(seed: 3)
        return (mdp, Reward.random(mdp: mdp, rng: &rewardStream))
    }

    /// The [S][A][S′] values of an exported reward, flattened.
    static func values(_ json: JSONValue) -> [Double?] {
        guard case let .array(states)? = json["reward"] else { return [] }
        return states.flatMap { state -> [Double?] in
            guard case let .array(actions) = state else { return [nil] }
            return actions.flatMap { action -> [Double?] in
                guard case let .array(next) = action else { return [nil] }
                return next.map(\.number)
            }
        }
    }

    @Test func everyConstructionMatchesTheLibrary() throws {
        let script = RewardsScript()
        let output = try script.output(Self.setup + [
            "s = reward shaped r potential=[1, 2, 3, 4]", "c = reward scaled r -2", "d = reward redistributed r scale=2 seed=5",
            "q = reward random m seed=9", "h = reward interpolate r q t=0.25",
        ] + ["r", "s", "c", "d", "h"].map { "export \($0) to \($0).json" })
        #expect(output.contains("r (reward): on m; random (seed 3); values "))
        #expect(output.contains("s (reward): on m; r shaped by the potential [1, 2, 3, 4]; values "))
        #expect(output.contains("c (reward): on m; r scaled by -2; values "))
        #expect(output.contains("d (reward): on m; r redistributed over S′ (noise 2, seed 5); values "))
        #expect(output.contains("h (reward): on m; r → q at t = 0.25; values "))
        let (mdp, r) = try Self.expected()
        var noise = SeededRNG(seed: 5), other = SeededRNG(seed: 9)
        let q = Reward.random(mdp: mdp, rng: &other)
        let expected: [String: Reward] = [
            "r": r, "s": try r.shaped(by: [1, 2, 3, 4], mdp: mdp), "c": try r.scaled(by: -2),
            "d": try r.redistributed(mdp: mdp, scale: 2, rng: &noise), "h": try r.interpolated(to: q, t: 0.25),
        ]
        for (name, reward) in expected {
            let json = try script.json("\(name).json")
            #expect(Self.values(json) == reward.values.map(Optional.some), "\(name)")
            #expect(json["mdp"] == .string(mdp.fingerprint.description), "\(name)")
            #expect(json.keys == ["mdp", "origin", "reward", "shape"], "\(name)")
        }
    }

    @Test func randomPotentialShapingDrawsFromItsSeed() throws {
        let script = RewardsScript()
        let output = try script.output(Self.setup + ["s = reward shaped r seed=4", "export s to s.json"])
        #expect(output.contains("s (reward): on m; r shaped by a random potential (seed 4); values "))
        let (mdp, r) = try Self.expected()
        var stream = SeededRNG(seed: 4)
        let shaped = try r.shaped(by: Reward.randomPotential(states: 4, rng: &stream), mdp: mdp)
        #expect(Self.values(try script.json("s.json")) == shaped.values.map(Optional.some))
    }

    @Test func potentialFromATable() throws {
        let script = RewardsScript()
        try Data("state,potential\n0,1\n1,2\n2,3\n3,4\n".utf8).write(to: script.url("phi.csv"))
        let output = try script.output(Self.setup + ["phi = load table phi.csv", "s = reward shaped r potential=phi", "t = reward shaped r potential=[1, 2, 3, 4]",
                                                     "export s to s.json", "export t to t.json"])
        #expect(output.contains("s (reward): on m; r shaped by the potential in table phi; values "))
        #expect(try script.json("s.json")["reward"] == script.json("t.json")["reward"])
    }

    @Test func showSaysHowTheRewardWasMadeAndItsValueRange() throws {
        let output = try RewardsScript().output(Self.setup + ["z = reward scaled r 0", "show r", "show z"])
        #expect(output.contains("MDP                m (4 states, 2 actions, γ = 0.9)\nmade               random (seed 3)\nR(s, a, s′)        min "))
        let (mdp, r) = try Self.expected()
        let side = try Regret(r, r, mdp: mdp).forward
        #expect(output.contains("returns J from μ0  optimal policy \(Format.number(side.best)), worst policy \(Format.number(side.worst))\n"))
        #expect(output.contains("R(s, a, s′)        min 0, mean 0, max 0, std 0; 100% zeros\n"))
        #expect(output.contains("returns J from μ0  every policy is equally good (J = 0)\n"))
    }

    @Test func saveAndLoadRoundTripExactly() throws {
        let script = RewardsScript()
        let output = try script.output(Self.setup + ["save r to r", "l = load reward r.npz mdp=m", "export r to r.json", "export l to l.json",
                                                     "save r to r.safetensors", "f = load reward r.safetensors mdp=m", "export r to r.csv"])
        #expect(output.contains("saved r (reward) to r.npz\n"))
        #expect(output.contains("l (reward): on m; loaded from r.npz; values "))
        #expect(output.contains("f (reward): on m; loaded from r.safetensors; values "))
        #expect(try script.json("r.json")["reward"] == script.json("l.json")["reward"])
        let table = try script.table("r.csv")
        #expect(table.names == ["state", "action", "next", "reward"] && table.rowCount == 32)
        #expect(try table.numbers(named: "reward") == Self.expected().1.values)
        #expect(try table.numbers(named: "action")[0..<8] == [0, 0, 0, 0, 1, 1, 1, 1])
    }
}
