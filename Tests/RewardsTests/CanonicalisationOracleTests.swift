import Testing
import Foundation
import Tensors
@testable import Rewards

/// Each canonicalisation against a straightforward loop implementation of its definition.
@Suite struct CanonicalisationOracleTests {
    static let sizes: [(states: Int, actions: Int)] = [(2, 1), (3, 2), (4, 3), (5, 2)]

    @Test(arguments: sizes.indices)
    func closedFormsMatchLoopDefinitions(_ which: Int) throws {
        let (states, actions) = Self.sizes[which]
        for sparse in [false, true] {
            let mdp = try Small.mdp(states: states, actions: actions, discount: 0.8, seed: UInt64(10 + which), sparse: sparse)
            let ds = Small.distribution(states, seed: 1), da = Small.distribution(actions, seed: 2)
            let policy = (0..<states).flatMap { Small.distribution(actions, seed: UInt64(100 + $0)) }
            let uniform = CanonicalisationOptions()
            let given = CanonicalisationOptions(stateDistribution: ds, actionDistribution: da, policy: policy)
            for (options, dS, dA, pi) in [(uniform, [Double](repeating: 1 / Double(states), count: states),
                                          [Double](repeating: 1 / Double(actions), count: actions),
                                          [Double](repeating: 1 / Double(actions), count: states * actions)),
                                         (given, ds, da, policy)] {
                let canonicaliser = try Canonicaliser(mdp: mdp, options: options)
                let r = Small.reward(mdp, seed: 7)
                let label = "S=\(states) A=\(actions) sparse=\(sparse) uniform=\(options == uniform)"
                let cases: [(Canonicalisation, [Double])] = [
                    (.none, r.values), (.epic, Oracle.epic(r, mdp, ds: dS, da: dA)), (.dard, Oracle.dard(r, mdp, da: dA)),
                    (.val, Oracle.val(r, mdp, policy: pi)), (.valpotential, Oracle.valPotential(r, mdp, policy: pi)),
                ]
                for (c, expected) in cases {
                    let actual = try canonicaliser.canonicalise(r, c).values
                    #expect(Small.maxDifference(actual, expected) < 1e-10, "\(c) \(label)")
                }
            }
        }
    }

    @Test func minimalMatchesLeastSquaresOverAllGeneratingDirections() throws {
        for (states, actions) in [(3, 2), (4, 2), (3, 3)] {
            let mdp = try Small.mdp(states: states, actions: actions, discount: 0.7, seed: UInt64(states * 10 + actions))
            let canonicaliser = try Canonicaliser(mdp: mdp)
            for seed in 0..<3 {
                let r = Small.reward(mdp, seed: UInt64(seed))
                let plain = try canonicaliser.canonicalise(r, .minimal).values
                let weighted = try canonicaliser.canonicalise(r, .wminimal).values
                #expect(Small.maxDifference(plain, try Oracle.minimal(r, mdp, weighted: false)) < 1e-9, "plain S=\(states) A=\(actions)")
                #expect(Small.maxDifference(weighted, try Oracle.minimal(r, mdp, weighted: true)) < 1e-9, "weighted S=\(states) A=\(actions)")
            }
        }
    }

    @Test func normsMatchDefinitionsForEveryLayout() throws {
        let mdp = try Small.mdp(states: 4, actions: 3, seed: 3)
        let canonicaliser = try Canonicaliser(mdp: mdp)
        let r = Small.reward(mdp, seed: 4)
        for c in Canonicalisation.allCases {
            let canonical = try canonicaliser.canonicalise(r, c)
            let x = canonical.values, tau = mdp.transition
            let expected: [Norm: Double] = [
                .l1: x.reduce(0) { $0 + abs($1) },
                .l2: x.reduce(0) { $0 + $1 * $1 }.squareRoot(),
                .linf: x.reduce(0) { max($0, abs($1)) },
                .wl1: zip(x, tau).reduce(0) { $0 + $1.1 * abs($1.0) },
                .wl2: zip(x, tau).reduce(0) { $0 + $1.1 * $1.0 * $1.0 }.squareRoot(),
                .wlinf: zip(x, tau).reduce(0) { max($0, $1.1 * abs($1.0)) },
            ]
            for (norm, value) in expected {
                let actual = try #require(canonical.norm(norm))
                #expect(abs(actual - value) < 1e-10 * max(1, value), "\(c) \(norm)")
            }
            #expect(canonical.norm(.none) == nil)
        }
    }

    @Test func distancesMatchDefinitionOnExpandedArrays() throws {
        let mdp = try Small.mdp(states: 3, actions: 2, seed: 8)
        let canonicaliser = try Canonicaliser(mdp: mdp)
        let (r1, r2) = (Small.reward(mdp, seed: 1), Small.reward(mdp, seed: 2))
        for variant in Variant.all {
            let x = try canonicaliser.canonicalise(r1, variant.canonicalisation)
            let y = try canonicaliser.canonicalise(r2, variant.canonicalisation)
            let expected: Double
            if variant.metric == .pearson {
                let rho = Statistics.pearson(x.values, y.values)
                expected = (0.5 * (1 - rho)).squareRoot()
            } else {
                let sx = x.values.map { $0 / (x.norm(variant.norm) ?? 1) }, sy = y.values.map { $0 / (y.norm(variant.norm) ?? 1) }
                let difference = zip(sx, sy).map { $0 - $1 }, tau = mdp.transition
                switch variant.metric {
                case .l1: expected = difference.reduce(0) { $0 + abs($1) }
                case .l2: expected = difference.reduce(0) { $0 + $1 * $1 }.squareRoot()
                case .linf: expected = difference.reduce(0) { max($0, abs($1)) }
                case .wl1: expected = zip(difference, tau).reduce(0) { $0 + $1.1 * abs($1.0) }
                case .wl2: expected = zip(difference, tau).reduce(0) { $0 + $1.1 * $1.0 * $1.0 }.squareRoot()
                case .wlinf: expected = zip(difference, tau).reduce(0) { max($0, $1.1 * abs($1.0)) }
                case .pearson: expected = .nan
                }
            }
            let actual = try canonicaliser.distance(r1, r2, variant: variant)
            #expect(abs(actual - expected) < 1e-10, "\(variant)")
        }
    }
}
