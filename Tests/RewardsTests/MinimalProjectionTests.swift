import Testing
import Foundation
import Tensors
@testable import Rewards

/// The minimal canonicalisations as operators: idempotent, self-adjoint in their inner product,
/// annihilating the generating directions, and no larger than other canonical forms.
@Suite struct MinimalProjectionTests {
    /// The dense [N, N] matrix of a canonicalisation (column j is c(e_j)).
    private func matrix(_ canonicaliser: Canonicaliser, _ c: Canonicalisation) throws -> [Double] {
        let mdp = canonicaliser.mdp
        let n = mdp.rewardShape.reduce(1, *)
        var result = [Double](repeating: 0, count: n * n)
        for j in 0..<n {
            var unit = [Double](repeating: 0, count: n)
            unit[j] = 1
            let column = try canonicaliser.canonicalise(try Reward(values: unit, mdp: mdp), c).values
            for i in 0..<n { result[i * n + j] = column[i] }
        }
        return result
    }

    @Test(arguments: [false, true])
    func projectorIsIdempotentSelfAdjointAndAnnihilatesGenerators(_ sparse: Bool) throws {
        let mdp = try Small.mdp(states: 4, actions: 2, discount: 0.85, seed: 40, sparse: sparse)
        let canonicaliser = try Canonicaliser(mdp: mdp)
        let n = mdp.rewardShape.reduce(1, *)
        let (generators, columns) = Oracle.generators(mdp)
        for (c, weighted) in [(Canonicalisation.minimal, false), (.wminimal, true)] {
            let p = try matrix(canonicaliser, c)
            let squared = Matrix(rows: n, columns: n, values: p) * Matrix(rows: n, columns: n, values: p)
            #expect(Small.maxDifference(squared.values, p) < 1e-10, "\(c) idempotent")
            // Self-adjoint: P symmetric (plain), diag(τ)·P symmetric (τ-weighted).
            for i in 0..<n {
                for j in 0..<n {
                    let (wi, wj) = weighted ? (mdp.transition[i], mdp.transition[j]) : (1.0, 1.0)
                    #expect(abs(wi * p[i * n + j] - wj * p[j * n + i]) < 1e-10, "\(c) self-adjoint at \(i), \(j)")
                }
            }
            var worst = 0.0
            for k in 0..<columns {
                for i in 0..<n {
                    var total = 0.0
                    for j in 0..<n { total += p[i * n + j] * generators[j * columns + k] }
                    worst = max(worst, abs(total))
                }
            }
            #expect(worst < 1e-10, "\(c) annihilates shaping and redistribution directions")
            // Rank: N minus the dimension of the equivalence directions, S + S·A·(S − 1).
            let trace = (0..<n).reduce(0.0) { $0 + p[$1 * n + $1] }
            let expectedRank = Double(mdp.stateCount * mdp.actionCount - mdp.stateCount)
            #expect(abs(trace - expectedRank) < 1e-8, "\(c) rank")
        }
    }

    @Test func minimalFormsHaveTheSmallestNormInTheirClass() throws {
        let mdp = try Small.mdp(states: 5, actions: 3, discount: 0.9, seed: 41)
        let canonicaliser = try Canonicaliser(mdp: mdp)
        for seed in 0..<4 {
            let r = Small.reward(mdp, seed: UInt64(200 + seed))
            let plain = try #require(try canonicaliser.canonicalise(r, .minimal).norm(.l2))
            let weighted = try #require(try canonicaliser.canonicalise(r, .wminimal).norm(.wl2))
            // Every canonical form below differs from R by shaping (+ redistribution): same class.
            for c in [Canonicalisation.none, .epic, .val, .valpotential] {
                let canonical = try canonicaliser.canonicalise(r, c)
                let (l2, wl2) = (try #require(canonical.norm(.l2)), try #require(canonical.norm(.wl2)))
                #expect(plain <= l2 + 1e-12, "‖minimal‖₂ ≤ ‖\(c)‖₂")
                #expect(weighted <= wl2 + 1e-12, "‖wminimal‖_τ ≤ ‖\(c)‖_τ")
            }
        }
    }

    @Test func unnormalisedMinimalDistanceIsTheSmallest() throws {
        let mdp = try Small.mdp(states: 5, actions: 2, discount: 0.9, seed: 42, sparse: true)
        let canonicaliser = try Canonicaliser(mdp: mdp)
        for seed in 0..<4 {
            let (r1, r2) = (Small.reward(mdp, seed: UInt64(300 + seed)), Small.reward(mdp, seed: UInt64(400 + seed)))
            let plain = try canonicaliser.distance(r1, r2, variant: Variant(.minimal, .none, .l2))
            let weighted = try canonicaliser.distance(r1, r2, variant: Variant(.wminimal, .none, .wl2))
            for c in [Canonicalisation.none, .epic, .val, .valpotential] {
                let other = try canonicaliser.distance(r1, r2, variant: Variant(c, .none, .l2))
                let otherWeighted = try canonicaliser.distance(r1, r2, variant: Variant(c, .none, .wl2))
                #expect(plain <= other + 1e-12, "minimal vs \(c)")
                #expect(weighted <= otherWeighted + 1e-12, "wminimal vs \(c)")
            }
        }
    }
}
