import Testing
import Foundation
import Tensors
@testable import Rewards

/// Every kind of bad input gives one clear error; the messages are pinned.
@Suite struct BadInputTests {
    let valid = [0.5, 0.5, 1, 0, 0.25, 0.75, 0, 1]  // S = 2, A = 2

    private func message(_ body: () throws -> Void) -> String? {
        do { try body(); return nil } catch { return "\(error)" }
    }

    @Test func transitionRowsMustSumToOneNamingStateAndAction() {
        var bad = valid
        bad[5] = 0.5  // state 1, action 0 sums to 0.75
        #expect(message { _ = try MDP(states: 2, actions: 2, transition: bad, initial: [0.5, 0.5], discount: 0.9) }
                == "transition row for state 1, action 0 sums to 0.75, not 1")
        bad = valid
        bad[0] = -0.5; bad[1] = 1.5
        #expect(message { _ = try MDP(states: 2, actions: 2, transition: bad, initial: [0.5, 0.5], discount: 0.9) }
                == "transition has a negative probability -0.5 at [0, 0, 0]")
    }

    @Test func discountMustBeInUnitInterval() {
        for gamma in [1.0, -0.1, 1.5, .nan] {
            #expect(message { _ = try MDP(states: 2, actions: 2, transition: valid, initial: [0.5, 0.5], discount: gamma) }
                    == "discount γ = \(gamma) is outside [0, 1)")
        }
        var rng = SeededRNG(seed: 1)
        #expect(throws: RewardsError.discountOutOfRange(1)) { _ = try MDP.random(states: 3, actions: 2, discount: 1, rng: &rng) }
        #expect(throws: RewardsError.discountOutOfRange(2)) { _ = try MDP.grid(width: 2, height: 2, discount: 2) }
    }

    @Test func shapesMustMatch() throws {
        #expect(message { _ = try MDP(transition: valid, shape: [2, 2, 3], initial: [0.5, 0.5], discount: 0.9) }
                == "transition has shape [2, 2, 3] but [2, 2, 2] was expected")
        #expect(message { _ = try MDP(states: 2, actions: 2, transition: valid, initial: [1], discount: 0.9) }
                == "initial distribution has shape [1] but [2] was expected")
        #expect(message { _ = try MDP(states: 2, actions: 2, transition: valid, initial: [0.7, 0.7], discount: 0.9) }
                == "initial distribution sums to 1.4, not 1")
        #expect(message { _ = try MDP(states: 0, actions: 2, transition: [], initial: [], discount: 0.9) }
                == "an MDP needs at least one state and one action, got 0 states and 2 actions")
        let mdp = try MDP(states: 2, actions: 2, transition: valid, initial: [0.5, 0.5], discount: 0.9)
        #expect(message { _ = try Reward(values: [Double](repeating: 0, count: 12), shape: [3, 2, 2], mdp: mdp) }
                == "reward has shape [3, 2, 2] but [2, 2, 2] was expected")
        #expect(message { _ = try Reward(values: [Double](repeating: 0, count: 7), mdp: mdp) }
                == "reward has shape [7] but [2, 2, 2] was expected")
        let reward = try Reward(values: [Double](repeating: 1, count: 8), mdp: mdp)
        #expect(message { _ = try reward.shaped(by: [1, 2, 3], mdp: mdp) } == "potential has shape [3] but [2] was expected")
        #expect(message { _ = try Canonicaliser(mdp: mdp, options: CanonicalisationOptions(policy: [1, 0, 0.5])) }
                == "policy has shape [3] but [2, 2] was expected")
        #expect(message { _ = try Canonicaliser(mdp: mdp, options: CanonicalisationOptions(actionDistribution: [0.2, 0.2])) }
                == "action distribution D_A sums to 0.4, not 1")
    }

    @Test func nanIsRejectedWhereverItAppears() throws {
        var bad = valid
        bad[2] = .nan
        #expect(message { _ = try MDP(states: 2, actions: 2, transition: bad, initial: [0.5, 0.5], discount: 0.9) }
                == "transition has a non-finite value nan at [0, 1, 0]")
        let mdp = try MDP(states: 2, actions: 2, transition: valid, initial: [0.5, 0.5], discount: 0.9)
        var values = [Double](repeating: 0, count: 8)
        values[6] = .nan
        #expect(message { _ = try Reward(values: values, mdp: mdp) } == "reward has a non-finite value nan at [1, 1, 0]")
        let reward = try Reward(values: [Double](repeating: 1, count: 8), mdp: mdp)
        #expect(message { _ = try reward.scaled(by: .infinity) } == "scale factor has a non-finite value inf at []")
        #expect(message { _ = try reward.shaped(by: [0, .nan], mdp: mdp) } == "potential has a non-finite value nan at [1]")
    }

    @Test func aRewardOfAnotherMDPIsDetected() throws {
        let first = try MDP(states: 2, actions: 2, transition: valid, initial: [0.5, 0.5], discount: 0.9)
        let second = try MDP(states: 2, actions: 2, transition: valid, initial: [0.5, 0.5], discount: 0.8)
        let same = try MDP(states: 2, actions: 2, transition: valid, initial: [0.5, 0.5], discount: 0.9)
        #expect(first.fingerprint == same.fingerprint && first.fingerprint != second.fingerprint)
        let reward = try Reward(values: [Double](repeating: 1, count: 8), mdp: first)
        let foreign = try Reward(values: [Double](repeating: 1, count: 8), mdp: second)
        let expected = "the reward belongs to MDP \(second.fingerprint), not to MDP \(first.fingerprint)"
        let canonicaliser = try Canonicaliser(mdp: first)
        #expect(message { _ = try canonicaliser.canonicalise(foreign, .val) } == expected)
        #expect(message { _ = try canonicaliser.distance(reward, foreign, variant: Variant(.val, .l1, .l1)) } == expected)
        #expect(message { _ = try Regret(reward, foreign, mdp: first) } == expected)
        #expect(message { _ = try reward.interpolated(to: foreign, t: 0.5) } == "the reward belongs to MDP \(second.fingerprint), not to MDP \(first.fingerprint)")
        #expect(throws: Never.self) { _ = try canonicaliser.canonicalise(try Reward(values: reward.values, mdp: same), .val) }
    }

    @Test func variantNamesAreParsedWithClearErrors() throws {
        #expect(try Variant(parsing: "val-l1-l1") == Variant(.val, .l1, .l1))
        #expect(try Variant(parsing: "EPIC-L2-L2") == Variant(.epic, .l2, .l2))
        #expect(try Variant(parsing: "none-none-l2").name == "none-none-l2")
        let cases: [(String, String)] = [
            ("vall-l1-l1", "unknown canonicalisation 'vall'; valid: none, epic, dard, val, valpotential, minimal, wminimal (did you mean 'val'?)"),
            ("val-l3-l1", "unknown norm 'l3'; valid: none, l1, l2, linf, wl1, wl2, wlinf (did you mean 'l1'?)"),
            ("val-l1-cosine", "unknown metric 'cosine'; valid: l1, l2, linf, wl1, wl2, wlinf, pearson"),
            ("val-l1", "variant 'val-l1' is not of the form canon-norm-metric (e.g. val-l1-l1, epic-l2-l2, none-none-l2)"),
        ]
        for (name, expected) in cases { #expect(message { _ = try Variant(parsing: name) } == expected, "\(name)") }
        #expect(Variant.all.count == 301 && Set(Variant.all).count == 301)
        #expect(Variant.all.contains(.epicPearson))
    }

    @Test func experimentSettingsAreValidated() {
        var settings = ExperimentSettings()
        settings.pairs = 0
        #expect(message { _ = try STARCExperiment.run(settings) } == "pairs = 0 is invalid: must be at least 1")
        settings = ExperimentSettings()
        settings.discount = 1
        #expect(message { _ = try STARCExperiment.run(settings) } == "discount γ = 1.0 is outside [0, 1)")
        settings = ExperimentSettings()
        settings.variants = []
        #expect(message { _ = try STARCExperiment.run(settings) } == "variants = [] is invalid: choose at least one variant")
    }
}
