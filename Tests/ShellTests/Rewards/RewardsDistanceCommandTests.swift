import Foundation
import Formats
import Rewards
import Shell
import Tensors
import Testing

/// `distance`, `compare` and `regret`: outputs, export layouts, variants and the degenerate case.
@Suite("Rewards shell: distances and regret")
struct RewardsDistanceCommandTests {
    static let setup = RewardsRewardCommandTests.setup + ["q = reward random m seed=4"]

    static func rewards() throws -> (MDP, Reward, Reward) {
        let (mdp, r) = try RewardsRewardCommandTests.expected()
        var stream = SeededRNG(seed: 4)
        return (mdp, r, Reward.random(mdp: mdp, rng: &stream))
    }

    @Test func distanceExportIsVariantAndDistance() throws {
        let script = RewardsScript()
        let output = try script.output(Self.setup + ["d = distance r q canon=val norm=l1 metric=l1", "export d to d.json",
                                                     "e = distance r q variant=val-l1-l1", "export e to e.json"])
        let (mdp, r, q) = try Self.rewards()
        let expected = try Canonicaliser(mdp: mdp).distance(r, q, variant: Variant(.val, .l1, .l1))
        #expect(output.contains("d (distance): val-l1-l1(r, q) = \(Format.number(expected))\n"))
        #expect(output.contains("e (distance): val-l1-l1(r, q) = \(Format.number(expected))\n"))
        let json = try script.json("d.json")
        #expect(json.keys == ["distance", "variant"] && json["variant"] == "val-l1-l1")
        #expect(close(json["distance"]?.number, expected))
        #expect(try script.json("e.json") == json)
    }

    @Test func epicPearsonDistance() throws {
        let script = RewardsScript()
        let output = try script.output(Self.setup + ["d = distance r q canon=epic metric=pearson norm=l2", "e = distance r q variant=epic-none-pearson",
                                                     "export d to d.json", "show e"])
        let (mdp, r, q) = try Self.rewards()
        let expected = try Canonicaliser(mdp: mdp).distance(r, q, variant: .epicPearson)
        #expect(output.contains("note: the Pearson distance does not depend on the norm; norm=l2 is ignored\n"))
        #expect(output.contains("d (distance): epic-none-pearson(r, q) = \(Format.number(expected))\n"))
        #expect(output.contains("metric            pearson: √((1 − ρ)/2) of the canonical rewards\n"))
        let json = try script.json("d.json")
        #expect(json.keys == ["distance", "variant"] && json["variant"] == "epic-none-pearson")
        #expect(close(json["distance"]?.number, expected))
    }

    @Test func defaultVariantAndPolicyFromAFile() throws {
        let script = RewardsScript()
        let greedy: [Double] = [1, 0, 0, 1, 1, 0, 0.5, 0.5]
        try script.writeNpz("pi.npz", [("policy", greedy, [4, 2])])
        let output = try script.output(Self.setup + ["d = distance r q", "p = distance r q canon=val policy=pi.npz", "show p"])
        let (mdp, r, q) = try Self.rewards()
        let uniform = try Canonicaliser(mdp: mdp).distance(r, q, variant: Variant(.val, .l2, .l2))
        let chosen = try Canonicaliser(mdp: mdp, options: CanonicalisationOptions(policy: greedy)).distance(r, q, variant: Variant(.val, .l2, .l2))
        #expect(uniform != chosen)
        #expect(output.contains("d (distance): val-l2-l2(r, q) = \(Format.number(uniform))\n"))
        #expect(output.contains("p (distance): val-l2-l2(r, q) = \(Format.number(chosen))\n"))
        #expect(output.contains("canonicalisation  val: C_VAL, E_{S′∼τ(s,a)}[R − V^π(s) + γV^π(S′)] with π from pi.npz\n"))
    }

    @Test func compareShowsEquivalentRewardsAtDistanceZero() throws {
        let script = RewardsScript()
        let output = try script.output(Self.setup + [
            "s = reward shaped r seed=4", "c = reward scaled r 3", "d = reward redistributed r seed=5",
            "t = compare r with s c d q variants=[val-l2-l2, minimal-l2-l2, epic-l2-l2, none-none-l2]", "export t to t.csv",
        ])
        #expect(output.contains("reward  made  "))
        #expect(output.contains("t (table): distances from r (uniform policy for val) (4 rows × 7 columns)\n"))
        let table = try script.table("t.csv")
        #expect(table.names == ["reward", "made", "val-l2-l2", "minimal-l2-l2", "epic-l2-l2", "none-none-l2", "regret"])
        #expect(try table.strings(named: "reward") == ["s", "c", "d", "q"])
        let (val, minimal, epic, raw, regret) = (try table.numbers(named: "val-l2-l2"), try table.numbers(named: "minimal-l2-l2"),
                                                 try table.numbers(named: "epic-l2-l2"), try table.numbers(named: "none-none-l2"),
                                                 try table.numbers(named: "regret"))
        // Shaped, scaled and redistributed rewards are equivalent to r: STARC distances vanish and so does regret.
        for row in 0..<3 {
            #expect(abs(val[row]) < 1e-12 && abs(minimal[row]) < 1e-12 && regret[row] == 0, "row \(row)")
            #expect(raw[row] > 0.1, "without canonicalisation they differ (row \(row))")
        }
        #expect(epic[2] > 0.01, "EPIC is not invariant to S′-redistribution")
        #expect(val[3] > 0.1 && regret[3] > 0)
    }

    @Test func regretPrintsBothDirectionsAndExportsTheIssueLayout() throws {
        let script = RewardsScript()
        let output = try script.output(Self.setup + ["g = regret r q", "export g to g.json"])
        let (mdp, r, q) = try Self.rewards()
        let regret = try Regret(r, q, mdp: mdp)
        #expect(output.contains("under  following       J best  J achieved  J worst  regret\n"))
        #expect(output.contains("r      optimal for q  -0.4016      -4.397   -5.842  0.7344\nq      optimal for r    9.282       5.719    2.677  0.5394\n"))
        #expect(output.contains("symmetric regret \(Format.number(regret.symmetric))\n"))
        #expect(output.contains("g (regret): symmetric \(Format.number(regret.symmetric)) (under r \(Format.number(regret.forward.value)), under q \(Format.number(regret.backward.value)))\n"))
        let json = try script.json("g.json")
        #expect(json.keys == ["degenerate", "note", "regret", "reverse", "symmetric"])
        #expect(close(json["regret"]?.number, regret.forward.value) && close(json["symmetric"]?.number, regret.symmetric))
        #expect(close(json["reverse"]?.number, regret.backward.value))
        #expect(json["degenerate"] == false && json["note"] == .null)
    }

    @Test func degenerateDenominatorIsSaidExplicitly() throws {
        let script = RewardsScript()
        let output = try script.output(Self.setup + ["z = reward scaled r 0", "g = regret r z", "export g to g.json"])
        #expect(output.contains("z      optimal for r        0           0        0  0 (degenerate)\n"))
        #expect(output.contains("note: all policies are equally good under z: its regret is taken as 0\n"))
        #expect(output.contains("g (regret): symmetric 0.5 (under r 1, under z 0); degenerate\n"))
        #expect(try script.json("g.json") == .object([
            "regret": 1, "symmetric": 0.5, "reverse": 0, "degenerate": true, "note": "all policies are equally good under z: its regret is taken as 0",
        ]))
    }
}
