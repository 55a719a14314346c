import Foundation
import Shell
import Testing

/// Mistakes made on purpose: each gives one `error:` line naming the problem, with the caret on
/// the part at fault, and leaves the workspace as it was.
@Suite("Rewards shell: bad input")
struct RewardsBadInputTests {
    static let setup = RewardsRewardCommandTests.setup

    /// Runs `setup + [statement]` as `script.msc` and returns the error report of the last line.
    static func error(_ statement: String, files: (RewardsScript) throws -> Void = { _ in }) throws -> String {
        let script = RewardsScript()
        try files(script)
        let report = try script.failure(setup + [statement])
        return report.replacingOccurrences(of: "error: script.msc:\(setup.count + 1): ", with: "")
    }

    /// A two-state MDP file with the given transition, initial distribution and γ.
    static func mdpFile(_ transition: [Double], shape: [Int] = [2, 2, 2], gamma: Double = 0.9) -> (RewardsScript) throws -> Void {
        { try $0.writeNpz("bad.npz", [("transition", transition, shape), ("initial", [1, 0], [2]), ("gamma", [gamma], [])]) }
    }

    @Test func transitionRowNotSummingToOneNamesStateAndAction() throws {
        let report = try Self.error("b = load mdp bad.npz", files: Self.mdpFile([1, 0, 0.5, 0.4, 0, 1, 0.5, 0.5]))
        #expect(report == "bad.npz: transition row for state 0, action 1 sums to 0.9, not 1\n  b = load mdp bad.npz\n               ^~~~~~~\n")
    }

    @Test func discountOutOfRange() throws {
        #expect(try Self.error("b = load mdp bad.npz", files: Self.mdpFile([1, 0, 0.5, 0.5, 0, 1, 0.5, 0.5], gamma: 1))
                    .hasPrefix("bad.npz: discount γ = 1.0 is outside [0, 1)\n"))
        #expect(try Self.error("n = mdp random gamma=1").hasPrefix("gamma= must be at least 0 and less than 1, found 1\n"))
        #expect(try Self.error("n = mdp grid 3x3 gamma=-0.5").hasPrefix("gamma= must be at least 0 and less than 1, found -0.5\n"))
    }

    @Test func nanInFiles() throws {
        #expect(try Self.error("b = load mdp bad.npz", files: Self.mdpFile([1, 0, .nan, 0.5, 0, 1, 0.5, 0.5]))
                    .hasPrefix("bad.npz: transition has a non-finite value nan at [0, 1, 0]\n"))
        let rewards = (0..<32).map { $0 == 5 ? Double.nan : 1 }
        #expect(try Self.error("l = load reward nan.npz mdp=m") { try $0.writeNpz("nan.npz", [("reward", rewards, [4, 2, 4])]) }
                    .hasPrefix("nan.npz: reward has a non-finite value nan at [0, 1, 1]\n"))
        #expect(try Self.error("c = reward scaled r nan").hasPrefix("FACTOR expects a number, found 'nan'\n"))
    }

    @Test func shapesThatDoNotMatch() throws {
        #expect(try Self.error("b = load mdp bad.npz", files: Self.mdpFile([Double](repeating: 1.0 / 3, count: 12), shape: [2, 2, 3]))
                    .hasPrefix("bad.npz: transition has shape [2, 2, 3] but [2, 2, 2] was expected\n"))
        #expect(try Self.error("l = load reward short.npz mdp=m") { try $0.writeNpz("short.npz", [("reward", [Double](repeating: 1, count: 24), [4, 2, 3])]) }
                    .hasPrefix("short.npz: reward has shape [4, 2, 3] but [4, 2, 4] was expected\n"))
        #expect(try Self.error("s = reward shaped r potential=[1, 2]").hasPrefix("potential= has 2 values but the MDP has 4 states\n"))
        #expect(try Self.error("l = load reward none.npz mdp=m") { try $0.writeNpz("none.npz", [("rewards", [Double](repeating: 1, count: 32), [4, 2, 4])]) }
                    .hasPrefix("none.npz: no array named 'reward'; did you mean 'rewards'? (available: rewards)\n"))
        #expect(try Self.error("b = load mdp bad.npz") { try $0.writeNpz("bad.npz", [("transition", [1, 0, 0, 1], [2, 1, 2]), ("initial", [1, 0], [2])]) }
                    .hasPrefix("bad.npz has no discount: store gamma as a one-element tensor or as safetensors metadata\n"))
    }

    @Test func rewardOfAnotherMDP() throws {
        let other = "n = mdp random states=4 actions=2 gamma=0.9 seed=2; q = reward random n seed=3; "
        let message = "q is a reward of MDP n, but r is a reward of MDP m; rewards can only be combined or compared on the same MDP\n"
        for statement in ["distance r q", "regret r q", "reward interpolate r q", "compare r with q"] {
            #expect(try Self.error(other + statement).hasPrefix(message), "\(statement)")
        }
        let reassigned = try Self.error("m = mdp random states=4 actions=2 gamma=0.9 seed=7; s = reward random m; distance r s")
        #expect(reassigned.hasPrefix("s is a reward of MDP m ("), "the same name for two MDPs shows their fingerprints: \(reassigned)")
        #expect(try Self.error("l = load reward r5.npz mdp=m") { try $0.writeNpz("r5.npz", [("reward", [Double](repeating: 0, count: 25), [5, 1, 5])]) }
                    .hasPrefix("r5.npz: reward has shape [5, 1, 5] but [4, 2, 4] was expected\n"))
    }

    @Test func unknownVariantNamesSuggestTheNearest() throws {
        #expect(try Self.error("d = distance r r variant=vall-l2-l2") ==
                "variant= has an unknown canonicalisation 'vall' (known: none, epic, dard, val, valpotential, minimal, wminimal); did you mean 'val-l2-l2'?\n"
                + "  d = distance r r variant=vall-l2-l2\n" + String(repeating: " ", count: 27) + "^" + String(repeating: "~", count: 9) + "\n")
        #expect(try Self.error("d = distance r r variant=val-l2").hasPrefix("variant= 'val-l2' is not canon-norm-metric (e.g. val-l2-l2, epic-none-pearson)\n"))
        #expect(try Self.error("d = distance r r canon=epik").hasPrefix("canon= must be one of none, epic, dard, val, valpotential, minimal, wminimal, found 'epik'; did you mean 'epic'?\n"))
        #expect(try Self.error("d = distance r r metric=pearsn").hasPrefix("metric= must be one of l1, l2, linf, wl1, wl2, wlinf, pearson, found 'pearsn'; did you mean 'pearson'?\n"))
        #expect(try Self.error("e = experiment starc variants=[val-l2-l3]").hasPrefix("variants= has an unknown metric 'l3' (known: l1, l2, linf, wl1, wl2, wlinf, pearson); did you mean 'val-l2-l1'?\n"))
        #expect(try Self.error("e = experiment starc variants=[foo-*-*]").hasPrefix("variants= 'foo-*-*' matches no variant\n"))
        #expect(try Self.error("d = distance r r variant=val-l2-l2 canon=epic").hasPrefix("give either variant= or canon=, norm= and metric=, not both\n"))
    }

    @Test func otherMistakes() throws {
        #expect(try Self.error("g = mdp grid 5by4").hasPrefix("WxH must be two positive integers such as 5x4, found '5by4'\n"))
        #expect(try Self.error("l = load reward r.npz") { try $0.writeNpz("r.npz", [("reward", [Double](repeating: 0, count: 32), [4, 2, 4])]) }
                    .hasPrefix("'load reward' needs the option mdp=\n"))
        #expect(try Self.error("d = distance r m").hasPrefix("'m' is a"))
        #expect(try Self.error("s = reward shaped r potential=[1, 2, 3, 4] seed=2").hasPrefix("seed= applies only to potential=random\n"))
        #expect(try Self.error("d = distance r r policy=missing.npz").hasPrefix("no such file: missing.npz\n"))
        #expect(try Self.error("d = distance r r policy=p.npz") { try $0.writeNpz("p.npz", [("policy", [1, 0, 1, 0], [2, 2])]) }
                    .hasPrefix("p.npz: policy has shape [2, 2] but the MDP needs [4, 2]\n"))
        #expect(try Self.error("d = distance r r policy=p.npz") { try $0.writeNpz("p.npz", [("policy", [1, 0, 1, 0, 1, 0, 0.5, 0.6], [4, 2])]) }
                    .hasPrefix("policy row for state 3 sums to 1.1"))
        #expect(try Self.error("e = experiment starc-bounds envs=2 pairs=1 states=3 from=r").hasPrefix("'r' is a reward, but an experiment is needed here\n"))
        #expect(try Self.error("e = experiment starc envs=100000 pairs=100 steps=100").contains("is more distances than the 250000000 (2 GB) kept in memory"))
    }

    @Test func failedStatementsLeaveTheWorkspaceAsItWas() throws {
        let test = TestSession(registry: .standard())
        for statement in Self.setup { #expect(test.run(statement) == .completed) }
        for statement in ["r = reward shaped r potential=[1]", "r = load reward nothing.npz mdp=m", "m = mdp random gamma=2",
                          "r = distance r r variant=nope"] {
            #expect(test.errors(statement).hasPrefix("error: "), "\(statement)")
        }
        #expect(test.session.workspace.names == ["m", "r"])
        #expect(test.session.workspace.object(named: "r")?.objectKind.name == "reward")
        #expect(test.printed("show r").contains("made               random (seed 3)\n"))
    }
}
