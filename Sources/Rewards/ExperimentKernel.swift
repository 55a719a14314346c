import Foundation
import Tensors

/// The variants of an experiment grouped so that each canonicalisation is computed once and each
/// normalisation once per canonicalisation.
struct VariantPlan: Sendable {
    struct NormGroup: Sendable {
        let norm: Norm
        /// (metric measure, output index) pairs.
        let outputs: [(LpMeasure, Int)]
    }
    struct Group: Sendable {
        let canonicalisation: Canonicalisation
        let norms: [NormGroup]
        /// Output indices of the Pearson variants of this canonicalisation.
        let pearsonOutputs: [Int]
    }
    let groups: [Group]

    init(_ variants: [Variant]) {
        var groups: [Group] = []
        for c in Canonicalisation.allCases {
            let mine = variants.indices.filter { variants[$0].canonicalisation == c }
            guard !mine.isEmpty else { continue }
            var norms: [NormGroup] = []
            for n in Norm.allCases {
                let outputs = mine.compactMap { i -> (LpMeasure, Int)? in
                    guard variants[i].norm == n, let measure = variants[i].metric.measure else { return nil }
                    return (measure, i)
                }
                if !outputs.isEmpty { norms.append(NormGroup(norm: n, outputs: outputs)) }
            }
            groups.append(Group(canonicalisation: c, norms: norms, pearsonOutputs: mine.filter { variants[$0].metric == .pearson }))
        }
        self.groups = groups
    }
}

/// One reward pair's comparisons on one MDP, using what the MDP's comparisons share.
///
/// Every canonicalisation is linear in R, so c(R_i) = (1 − t)·c(R1) + t·c(R2): only R1 and R2 are
/// canonicalised, and each normalised difference s(R1) − s(R_i) = α·c(R1) + β·c(R2) is measured in
/// one pass. Expected rewards are linear too, so policy iteration for R_i works on
/// (1 − t)·r1 + t·r2, warm-started from step i − 1's policy.
struct PairKernel {
    let canonicaliser: Canonicaliser
    let solver: PolicySolver
    let plan: VariantPlan
    let steps: Int
    let variantCount: Int

    func run(_ r1: Reward, _ r2: Reward, environment: Int, pair: Int) throws -> [Comparison] {
        let mdp = canonicaliser.mdp
        var canonical: [(a: [Double], b: [Double], layout: CoefficientLayout, normsOfA: LpSummary, pearson: PearsonGeometry?)] = []
        for group in plan.groups {
            let a = try canonicaliser.coefficients(r1.values, group.canonicalisation)
            let b = try canonicaliser.coefficients(r2.values, group.canonicalisation)
            let layout = canonicaliser.layout(group.canonicalisation)
            canonical.append((a, b, layout, LpSummary.of(1, a, 0, nil, layout: layout),
                              group.pearsonOutputs.isEmpty ? nil : PearsonGeometry(a, b, layout: layout)))
        }
        let e1 = r1.expectedImmediateUnchecked(transition: mdp.transition)
        let e2 = r2.expectedImmediateUnchecked(transition: mdp.transition)
        let best1 = try solver.solve(expected: e1)
        let worst1 = try solver.solve(expected: e1.map { -$0 })
        let ties1 = solver.tiedOptimalActions(best1)
        let visitation1 = try best1.visitation(mdp.initial)
        let j1Best = solver.policyReturn(visitation: visitation1, policy: best1.policy, expected: e1)
        let j1Worst = solver.policyReturn(visitation: try worst1.visitation(mdp.initial), policy: worst1.policy, expected: e1)
        let scale1 = Regret.scale(e1, mdp.discount)
        var (startI, startY) = (best1.policy, worst1.policy)
        var comparisons: [Comparison] = []
        comparisons.reserveCapacity(steps)
        for step in 1...steps {
            let t = Double(step) / Double(steps)
            let ei = zip(e1, e2).map { (1 - t) * $0 + t * $1 }
            let bestI = try solver.solve(expected: ei, start: startI)
            let worstI = try solver.solve(expected: ei.map { -$0 }, start: startY)
            (startI, startY) = (bestI.policy, worstI.policy)
            let visitationI = try bestI.visitation(mdp.initial)
            // The policy followed is the worst optimal one under the other reward when there are ties.
            let followI = try solver.worstOptimalPolicy(bestI, ties: solver.tiedOptimalActions(bestI), under: e1)
            let follow1 = try solver.worstOptimalPolicy(best1, ties: ties1, under: ei)
            let achieved1 = followI == bestI.policy ? solver.policyReturn(visitation: visitationI, policy: followI, expected: e1)
                                                    : try policyReturn(followI, e1)
            let achievedI = follow1 == best1.policy ? solver.policyReturn(visitation: visitation1, policy: follow1, expected: ei)
                                                    : try policyReturn(follow1, ei)
            let forward = Regret.Side(best: j1Best, achieved: achieved1, worst: j1Worst, scale: scale1)
            let backward = Regret.Side(best: solver.policyReturn(visitation: visitationI, policy: bestI.policy, expected: ei),
                                       achieved: achievedI,
                                       worst: solver.policyReturn(visitation: try worstI.visitation(mdp.initial), policy: worstI.policy, expected: ei),
                                       scale: Regret.scale(ei, mdp.discount))
            var distances = [Double](repeating: .nan, count: variantCount)
            for (group, c) in zip(plan.groups, canonical) {
                let normsOfI = LpSummary.of(1 - t, c.a, t, c.b, layout: c.layout)
                for normGroup in group.norms {
                    let scaleA = Canonicaliser.normalisingScale(normGroup.norm.measure.map { c.normsOfA.value($0) })
                    let scaleI = Canonicaliser.normalisingScale(normGroup.norm.measure.map { normsOfI.value($0) })
                    let difference = LpSummary.of(scaleA - scaleI * (1 - t), c.a, -scaleI * t, c.b, layout: c.layout)
                    for (measure, output) in normGroup.outputs { distances[output] = difference.value(measure) }
                }
                if let sums = c.pearson { for output in group.pearsonOutputs { distances[output] = sums.distanceToInterpolation(t) } }
            }
            comparisons.append(Comparison(environment: environment, pair: pair, step: step, t: t,
                                          regret: Regret(forward: forward, backward: backward), distances: distances))
        }
        return comparisons
    }

    /// J(π) under expected rewards r.
    private func policyReturn(_ policy: Policy, _ expected: [Double]) throws -> Double {
        solver.policyReturn(visitation: try solver.visitation(policy), policy: policy, expected: expected)
    }
}
