import Testing
import Foundation
import Tensors
@testable import Rewards

/// The "checks of the theory": invariances, zero distance for equivalent rewards,
/// maximal distance for R vs −R, linearity and idempotence.
@Suite struct TheoryTests {
    let mdp: MDP
    let canonicaliser: Canonicaliser
    let reward: Reward

    init() throws {
        mdp = try Small.mdp(states: 6, actions: 3, discount: 0.9, seed: 21, sparse: true)
        canonicaliser = try Canonicaliser(mdp: mdp)
        reward = Small.reward(mdp, seed: 5)
    }

    private func shaped(_ r: Reward, seed: UInt64) throws -> Reward {
        var rng = SeededRNG(seed: seed)
        return try r.shaped(by: Reward.randomPotential(states: mdp.stateCount, rng: &rng), mdp: mdp)
    }

    private func redistributed(_ r: Reward, seed: UInt64) throws -> Reward {
        var rng = SeededRNG(seed: seed)
        return try r.redistributed(mdp: mdp, scale: 3, rng: &rng)
    }

    @Test func shapingIsRemovedByEveryCanonicalisationButNone() throws {
        let other = try shaped(reward, seed: 9)
        for c in Canonicalisation.allCases where c != .none {
            let difference = Small.maxDifference(try canonicaliser.canonicalise(reward, c).values, try canonicaliser.canonicalise(other, c).values)
            #expect(difference < 1e-9, "\(c)")
        }
        #expect(Small.maxDifference(reward.values, other.values) > 0.1)
    }

    @Test func redistributionIsRemovedExactlyByTheSTARCCanonicalisations() throws {
        let other = try redistributed(reward, seed: 10)
        for c in Canonicalisation.allCases {
            let difference = Small.maxDifference(try canonicaliser.canonicalise(reward, c).values, try canonicaliser.canonicalise(other, c).values)
            if c.removesRedistribution { #expect(difference < 1e-9, "\(c)") } else { #expect(difference > 1e-3, "\(c) should see redistribution") }
        }
    }

    @Test func canonicalisationsAreLinear() throws {
        let other = Small.reward(mdp, seed: 6)
        let combined = try (try reward.scaled(by: 2.5)).interpolated(to: try other.scaled(by: -1.5), t: 0.5)  // 1.25 R − 0.75 R′
        for c in Canonicalisation.allCases {
            let a = try canonicaliser.canonicalise(reward, c).values, b = try canonicaliser.canonicalise(other, c).values
            let expected = zip(a, b).map { 1.25 * $0 - 0.75 * $1 }
            #expect(Small.maxDifference(try canonicaliser.canonicalise(combined, c).values, expected) < 1e-9, "\(c)")
        }
    }

    @Test func canonicalisationsAreIdempotentWhereTheTheorySaysSo() throws {
        for c in [Canonicalisation.none, .epic, .val, .valpotential, .minimal, .wminimal] {
            let once = try canonicaliser.canonicalise(reward, c).values
            let twice = try canonicaliser.canonicalise(try Reward(values: once, mdp: mdp), c).values
            #expect(Small.maxDifference(once, twice) < 1e-9, "\(c)")
        }
        // C_DARD is not idempotent in general: the same A drives both successor draws in its last term.
        let once = try canonicaliser.canonicalise(reward, .dard).values
        let twice = try canonicaliser.canonicalise(try Reward(values: once, mdp: mdp), .dard).values
        #expect(Small.maxDifference(once, twice) > 1e-6)
    }

    @Test func equivalentRewardsAreAtDistanceZero() throws {
        let scaled = try reward.scaled(by: 4.2)
        let shapedReward = try shaped(reward, seed: 11)
        let everything = try redistributed(try shaped(scaled, seed: 12), seed: 13)
        for variant in Variant.all where variant.canonicalisation != .none {
            let removesAll = variant.canonicalisation.removesRedistribution
            let normalises = variant.norm != .none || variant.metric == .pearson
            #expect(try canonicaliser.distance(reward, shapedReward, variant: variant) < 1e-9, "shaped \(variant)")
            if normalises { #expect(try canonicaliser.distance(reward, scaled, variant: variant) < 1e-9, "scaled \(variant)") }
            if removesAll && normalises { #expect(try canonicaliser.distance(reward, everything, variant: variant) < 1e-9, "all \(variant)") }
        }
    }

    @Test func oppositeRewardsAreAtMaximalDistance() throws {
        let opposite = reward.negated
        let others = (0..<5).map { Small.reward(mdp, seed: 100 + UInt64($0)) }
        for c in Canonicalisation.allCases {
            for n in Norm.allCases where n != .none {
                guard let metric = Metric(rawValue: n.rawValue) else { continue }
                let variant = Variant(c, n, metric)
                #expect(abs(try canonicaliser.distance(reward, opposite, variant: variant) - 2) < 1e-9, "\(variant)")
                for other in others { #expect(try canonicaliser.distance(reward, other, variant: variant) <= 2 + 1e-12, "\(variant)") }
            }
            let pearson = Variant(c, .none, .pearson)
            #expect(abs(try canonicaliser.distance(reward, opposite, variant: pearson) - 1) < 1e-9, "\(pearson)")
        }
    }

    @Test func distancesAreSymmetricAndObeyTheTriangleInequality() throws {
        let (a, b, c) = (reward, Small.reward(mdp, seed: 31), Small.reward(mdp, seed: 32))
        for variant in Variant.all {
            let ab = try canonicaliser.distance(a, b, variant: variant), ba = try canonicaliser.distance(b, a, variant: variant)
            let bc = try canonicaliser.distance(b, c, variant: variant), ac = try canonicaliser.distance(a, c, variant: variant)
            #expect(abs(ab - ba) < 1e-12, "\(variant) symmetric")
            #expect(ac <= ab + bc + 1e-12, "\(variant) triangle")
        }
    }

    @Test func pearsonTreatsACanonicalFormOfRoundingNoiseAsConstant() throws {
        // A shaped constant canonicalises to zero up to rounding under every canonicalisation
        // that removes shaping; its Pearson distance to anything is √½ (ρ taken as 0), not the
        // correlation of its rounding noise.
        let constant = try Reward(values: [Double](repeating: 5, count: reward.values.count), mdp: mdp)
        let shapedConstant = try shaped(constant, seed: 21)
        for c in Canonicalisation.allCases where c != .none {
            let variant = Variant(c, .none, .pearson)
            #expect(try canonicaliser.distance(shapedConstant, reward, variant: variant) == (0.5).squareRoot(), "\(variant)")
            #expect(try canonicaliser.distance(shapedConstant, constant, variant: variant) == 0, "\(variant)")
        }
    }
}
