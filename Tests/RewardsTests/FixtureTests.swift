import Testing
import Foundation
import TestSupport
@testable import Rewards

/// Reference values computed independently with numpy (`Tests/Fixtures/rewards/make_fixtures.py`):
/// canonicalisations, distances, and regret by enumerating every deterministic policy.
@Suite struct FixtureTests {
    struct Case: Decodable {
        struct Options: Decodable { let ds: [Double]; let da: [Double]; let policy: [Double] }
        struct RegretValues: Decodable {
            let forward: Double, backward: Double, symmetric: Double
            let optimal1: [Int], optimal2: [Int]
            let best1: Double, worst1: Double
        }
        let states: Int, actions: Int, gamma: Double
        let transition: [Double], initial: [Double], r1: [Double], r2: [Double]
        let options: Options?
        let canonical: [String: [Double]]
        let distances: [String: Double]
        let regret: RegretValues
    }
    struct File: Decodable { let cases: [Case] }

    static func cases() throws -> [Case] {
        try JSONDecoder().decode(File.self, from: Data(contentsOf: Fixtures.url("rewards/cases.json"))).cases
    }

    private func setUp(_ c: Case) throws -> (MDP, Canonicaliser, Reward, Reward) {
        let mdp = try MDP(states: c.states, actions: c.actions, transition: c.transition, initial: c.initial, discount: c.gamma)
        let options = c.options.map { CanonicalisationOptions(stateDistribution: $0.ds, actionDistribution: $0.da, policy: $0.policy) }
        let canonicaliser = try Canonicaliser(mdp: mdp, options: options ?? CanonicalisationOptions())
        return (mdp, canonicaliser, try Reward(values: c.r1, mdp: mdp), try Reward(values: c.r2, mdp: mdp))
    }

    @Test func canonicalisationsMatchNumpy() throws {
        for (index, c) in try Self.cases().enumerated() {
            let (_, canonicaliser, r1, _) = try setUp(c)
            #expect(c.canonical.count == Canonicalisation.allCases.count)
            for (name, expected) in c.canonical {
                let canonical = try canonicaliser.canonicalise(r1, try Canonicalisation.parse(name)).values
                // The τ-weighted minimal form is unique only where τ > 0; numpy's √τ change of
                // variables loses digits where τ ≈ e⁻²⁰, so compare it relative to that.
                let tolerance = name == "wminimal" && index == 1 ? 1e-6 : 1e-9
                #expect(Small.maxDifference(canonical, expected) < tolerance, "case \(index) \(name)")
            }
        }
    }

    @Test func distancesMatchNumpy() throws {
        for (index, c) in try Self.cases().enumerated() {
            let (_, canonicaliser, r1, r2) = try setUp(c)
            for (name, expected) in c.distances {
                let actual = try canonicaliser.distance(r1, r2, variant: try Variant(parsing: name))
                #expect(abs(actual - expected) < 1e-9, "case \(index) \(name): \(actual) vs \(expected)")
            }
        }
    }

    @Test func regretMatchesExhaustiveSearch() throws {
        for (index, c) in try Self.cases().enumerated() {
            let (mdp, _, r1, r2) = try setUp(c)
            let regret = try Regret(r1, r2, mdp: mdp)
            #expect(abs(regret.forward.value - c.regret.forward) < 1e-10, "case \(index)")
            #expect(abs(regret.backward.value - c.regret.backward) < 1e-10, "case \(index)")
            #expect(abs(regret.symmetric - c.regret.symmetric) < 1e-10, "case \(index)")
            #expect(abs(regret.forward.best - c.regret.best1) < 1e-10 && abs(regret.forward.worst - c.regret.worst1) < 1e-10)
            let solver = PolicySolver(mdp: mdp)
            #expect(try solver.optimalPolicy(expected: try r1.expectedImmediate(mdp: mdp)) == c.regret.optimal1)
            #expect(try solver.optimalPolicy(expected: try r2.expectedImmediate(mdp: mdp)) == c.regret.optimal2)
        }
    }
}
