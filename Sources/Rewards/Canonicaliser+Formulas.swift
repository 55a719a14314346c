import Foundation
import Tensors

// The closed-form canonicalisations on [S, A, S′] arrays (S states, A actions). Each has a
// loop-by-definition oracle in the tests (`CanonicalisationOracleTests`).
extension Canonicaliser {
    /// C_EPIC(R)(s,a,s′) = R(s,a,s′) + γΦ(s′) − Φ(s) − γ E_{S∼D_S}[Φ(S)], with
    /// Φ(s) = E_{A∼D_A, S′∼D_S}[R(s, A, S′)] (reference: evaluating-rewards, lucyfarnik/starc).
    /// - Complexity: O(S²A).
    func epic(_ reward: [Double]) -> [Double] {
        let (states, actions, gamma) = (mdp.stateCount, mdp.actionCount, mdp.discount)
        var potential = [Double](repeating: 0, count: states)
        for s in 0..<states {
            var total = 0.0
            for a in 0..<actions {
                let row = (s * actions + a) * states
                var inner = 0.0
                for next in 0..<states { inner += stateDistribution[next] * reward[row + next] }
                total += actionDistribution[a] * inner
            }
            potential[s] = total
        }
        var mean = 0.0
        for s in 0..<states { mean += stateDistribution[s] * potential[s] }
        return shaped(reward, potential: potential, constant: -gamma * mean)
    }

    /// C_DARD(R)(s,a,s′) = R(s,a,s′) + γΦ(s′) − Φ(s) − γ E[R(S′, A, S″)], with
    /// Φ(s) = E_{A∼D_A, S′∼τ(s,A)}[R(s, A, S′)] and, in the last term, A ∼ D_A, S′ ∼ τ(s, A),
    /// S″ ∼ τ(s′, A): that term is γ Σ_A D_A(A) (T_A R_A T_Aᵀ)(s, s′) with T_A = τ(·, A, ·).
    /// - Complexity: O(S³A) through BLAS.
    func dard(_ reward: [Double]) -> [Double] {
        let (states, actions, gamma) = (mdp.stateCount, mdp.actionCount, mdp.discount)
        let expected = Reward.expectedImmediate(reward, transition: mdp.transition, states: states)
        var potential = [Double](repeating: 0, count: states)
        for s in 0..<states { for a in 0..<actions { potential[s] += actionDistribution[a] * expected[s * actions + a] } }
        var result = shaped(reward, potential: potential, constant: 0)
        var successorTerm = [Double](repeating: 0, count: states * states)  // [S, S′]
        var partial = [Double](repeating: 0, count: states * states)
        reward.withUnsafeBufferPointer { r in transitionByAction.withUnsafeBufferPointer { t in
            partial.withUnsafeMutableBufferPointer { p in successorTerm.withUnsafeMutableBufferPointer { term in
                for a in 0..<actions where actionDistribution[a] != 0 {
                    let tA = t.baseAddress! + a * states * states
                    // partial = R_A · T_Aᵀ, where R_A(x, y) = R(x, A, y) has row stride A·S.
                    BLAS.dgemm(transposeA: false, transposeB: true, m: states, n: states, k: states, alpha: 1,
                               a: r.baseAddress! + a * states, lda: actions * states, b: tA, ldb: states,
                               beta: 0, c: p.baseAddress!, ldc: states)
                    BLAS.dgemm(transposeA: false, transposeB: false, m: states, n: states, k: states, alpha: gamma * actionDistribution[a],
                               a: tA, lda: states, b: p.baseAddress!, ldb: states, beta: 1, c: term.baseAddress!, ldc: states)
                }
            } }
        } }
        for s in 0..<states {
            for a in 0..<actions {
                let row = (s * actions + a) * states
                for next in 0..<states { result[row + next] -= successorTerm[s * states + next] }
            }
        }
        return result
    }

    /// V^π of the canonicaliser's policy under R, by the precomputed LU of I − γP_π.
    /// - Complexity: O(S²A).
    func policyValue(expected: [Double]) throws -> [Double] {
        let (states, actions) = (mdp.stateCount, mdp.actionCount)
        var value = [Double](repeating: 0, count: states)
        for s in 0..<states { for a in 0..<actions { value[s] += policy[s * actions + a] * expected[s * actions + a] } }
        try policyFactor.solve(columns: &value, count: 1)
        return value
    }

    /// C_VAL(R)(s,a,s′) = E_{S′∼τ(s,a)}[R(s,a,S′) + γV^π(S′)] − V^π(s): constant in s′, so
    /// returned as one coefficient per (s, a).
    func val(_ reward: [Double]) throws -> [Double] {
        let (states, actions, gamma) = (mdp.stateCount, mdp.actionCount, mdp.discount)
        let expected = Reward.expectedImmediate(reward, transition: mdp.transition, states: states)
        let value = try policyValue(expected: expected)
        var result = expected
        for s in 0..<states {
            for a in 0..<actions {
                let row = (s * actions + a) * states
                var next = 0.0
                for successor in 0..<states { next += mdp.transition[row + successor] * value[successor] }
                result[s * actions + a] += gamma * next - value[s]
            }
        }
        return result
    }

    /// C_VALpotential(R)(s,a,s′) = R(s,a,s′) + γV^π(s′) − V^π(s).
    func valPotential(_ reward: [Double]) throws -> [Double] {
        let expected = Reward.expectedImmediate(reward, transition: mdp.transition, states: mdp.stateCount)
        return shaped(reward, potential: try policyValue(expected: expected), constant: 0)
    }

    /// R(s,a,s′) + γΦ(s′) − Φ(s) + constant.
    private func shaped(_ reward: [Double], potential: [Double], constant: Double) -> [Double] {
        let (states, actions, gamma) = (mdp.stateCount, mdp.actionCount, mdp.discount)
        var result = reward
        for s in 0..<states {
            for a in 0..<actions {
                let row = (s * actions + a) * states
                for next in 0..<states { result[row + next] += gamma * potential[next] - potential[s] + constant }
            }
        }
        return result
    }
}

extension Reward {
    /// E_{S′∼τ(s,a)}[R(s, a, S′)], [S·A], for a raw [S, A, S′] array.
    static func expectedImmediate(_ values: [Double], transition: [Double], states: Int) -> [Double] {
        let rows = transition.count / states
        var result = [Double](repeating: 0, count: rows)
        values.withUnsafeBufferPointer { r in transition.withUnsafeBufferPointer { tau in
            for row in 0..<rows {
                var total = 0.0
                for next in 0..<states { total += tau[row * states + next] * r[row * states + next] }
                result[row] = total
            }
        } }
        return result
    }
}
