import Foundation
import Tensors
@testable import Rewards

/// Small MDPs and rewards for the tests, and loop-by-definition oracles.
enum Small {
    /// A random MDP with every transition probability positive (softmax of N(0, 1) logits), so
    /// τ-weighted inner products are definite; or the paper's sparse one when `sparse`.
    static func mdp(states: Int = 4, actions: Int = 2, discount: Double = 0.9, seed: UInt64 = 1, sparse: Bool = false) throws -> MDP {
        var rng = SeededRNG(seed: seed)
        if sparse { return try MDP.random(states: states, actions: actions, discount: discount, rng: &rng) }
        var transition = [Double](repeating: 0, count: states * actions * states)
        for row in 0..<(states * actions) {
            let weights = (0..<states).map { _ in exp(rng.normal()) }
            let total = weights.reduce(0, +)
            for next in 0..<states { transition[row * states + next] = weights[next] / total }
        }
        var initial = (0..<states).map { _ in rng.uniform() + 0.1 }
        let total = initial.reduce(0, +)
        initial = initial.map { $0 / total }
        return try MDP(states: states, actions: actions, transition: transition, initial: initial, discount: discount)
    }

    /// A reward with N(0, 1) entries.
    static func reward(_ mdp: MDP, seed: UInt64) -> Reward {
        var rng = SeededRNG(seed: seed)
        return Reward.gaussian(mdp: mdp, rng: &rng)
    }

    /// A random probability vector of `count` entries.
    static func distribution(_ count: Int, seed: UInt64) -> [Double] {
        var rng = SeededRNG(seed: seed)
        let raw = (0..<count).map { _ in rng.uniform() + 0.05 }
        let total = raw.reduce(0, +)
        return raw.map { $0 / total }
    }

    /// Largest absolute difference of two arrays.
    static func maxDifference(_ a: [Double], _ b: [Double]) -> Double {
        precondition(a.count == b.count)
        return zip(a, b).reduce(0) { max($0, abs($1.0 - $1.1)) }
    }
}

/// Straightforward loop implementations of the definitions, as oracles.
enum Oracle {
    static func index(_ mdp: MDP, _ s: Int, _ a: Int, _ next: Int) -> Int { (s * mdp.actionCount + a) * mdp.stateCount + next }

    /// C_EPIC by its definition: R + E[γR(s′, A, S′) − R(s, A, S′) − γR(S, A, S′)].
    static func epic(_ r: Reward, _ mdp: MDP, ds: [Double], da: [Double]) -> [Double] {
        let (n, m, g) = (mdp.stateCount, mdp.actionCount, mdp.discount)
        var out = r.values
        for s in 0..<n { for a in 0..<m { for s2 in 0..<n {
            var expectation = 0.0
            for x in 0..<n { for b in 0..<m { for y in 0..<n {
                expectation += ds[x] * da[b] * ds[y] * (g * r[s2, b, y] - r[s, b, y] - g * r[x, b, y])
            } } }
            out[index(mdp, s, a, s2)] += expectation
        } } }
        return out
    }

    /// C_DARD by its definition, A ∼ D_A, S′ ∼ τ(s, A), S″ ∼ τ(s′, A).
    static func dard(_ r: Reward, _ mdp: MDP, da: [Double]) -> [Double] {
        let (n, m, g) = (mdp.stateCount, mdp.actionCount, mdp.discount)
        var out = r.values
        for s in 0..<n { for a in 0..<m { for s2 in 0..<n {
            var expectation = 0.0
            for b in 0..<m { for x in 0..<n { for y in 0..<n {
                let p = da[b] * mdp.probability(s, b, x) * mdp.probability(s2, b, y)
                expectation += p * (g * r[s2, b, y] - r[s, b, x] - g * r[x, b, y])
            } } }
            out[index(mdp, s, a, s2)] += expectation
        } } }
        return out
    }

    /// V^π by iterating the Bellman expectation operator until it stops changing.
    static func policyValue(_ r: Reward, _ mdp: MDP, policy: [Double]) -> [Double] {
        let (n, m, g) = (mdp.stateCount, mdp.actionCount, mdp.discount)
        var v = [Double](repeating: 0, count: n)
        for _ in 0..<100_000 {
            var next = v
            for s in 0..<n {
                var total = 0.0
                for a in 0..<m { for y in 0..<n { total += policy[s * m + a] * mdp.probability(s, a, y) * (r[s, a, y] + g * v[y]) } }
                next[s] = total
            }
            let change = Small.maxDifference(next, v)
            v = next
            if change < 1e-14 { break }
        }
        return v
    }

    /// C_VAL by its definition, expanded to [S, A, S′].
    static func val(_ r: Reward, _ mdp: MDP, policy: [Double]) -> [Double] {
        let (n, m, g) = (mdp.stateCount, mdp.actionCount, mdp.discount)
        let v = policyValue(r, mdp, policy: policy)
        var out = r.values
        for s in 0..<n { for a in 0..<m {
            var total = 0.0
            for y in 0..<n { total += mdp.probability(s, a, y) * (r[s, a, y] - v[s] + g * v[y]) }
            for s2 in 0..<n { out[index(mdp, s, a, s2)] = total }
        } }
        return out
    }

    /// C_VALpotential by its definition.
    static func valPotential(_ r: Reward, _ mdp: MDP, policy: [Double]) -> [Double] {
        let (n, m, g) = (mdp.stateCount, mdp.actionCount, mdp.discount)
        let v = policyValue(r, mdp, policy: policy)
        var out = r.values
        for s in 0..<n { for a in 0..<m { for s2 in 0..<n { out[index(mdp, s, a, s2)] = r[s, a, s2] - v[s] + g * v[s2] } } }
        return out
    }

    /// Every generating direction of the equivalence class: γΦ(s′) − Φ(s) for Φ = e_k, and
    /// e_{s,a,s′} − τ(s, a, s′)·1_{s,a} (zero τ-expectation) for every (s, a, s′). Columns of an [N, count] matrix.
    static func generators(_ mdp: MDP) -> (matrix: [Double], columns: Int) {
        let (n, m, g) = (mdp.stateCount, mdp.actionCount, mdp.discount)
        let entries = n * m * n, columns = n + entries
        var matrix = [Double](repeating: 0, count: entries * columns)
        for k in 0..<n { for s in 0..<n { for a in 0..<m { for s2 in 0..<n {
            matrix[index(mdp, s, a, s2) * columns + k] = g * (s2 == k ? 1 : 0) - (s == k ? 1 : 0)
        } } } }
        for s in 0..<n { for a in 0..<m { for s2 in 0..<n {
            let column = n + index(mdp, s, a, s2)
            for y in 0..<n { matrix[index(mdp, s, a, y) * columns + column] = (y == s2 ? 1 : 0) - mdp.probability(s, a, s2) }
        } } }
        return (matrix, columns)
    }

    /// The minimal canonicalisation by an independent route: an SVD of all generating directions
    /// (after the √τ change of variables when weighted) and R minus its projection on their span.
    static func minimal(_ r: Reward, _ mdp: MDP, weighted: Bool) throws -> [Double] {
        let (matrix, columns) = generators(mdp)
        let entries = r.values.count
        let root = weighted ? mdp.transition.map { $0.squareRoot() } : [Double](repeating: 1, count: entries)
        var scaled = matrix
        for i in 0..<entries { for j in 0..<columns { scaled[i * columns + j] *= root[i] } }
        let (u, singular, _) = try Decompositions.thinSVD(scaled, rows: entries, columns: columns)
        let k = singular.count
        let rank = singular.filter { $0 > 1e-10 * singular[0] }.count
        let x = zip(r.values, root).map { $0 * $1 }
        var projected = x
        for j in 0..<rank {
            var dot = 0.0
            for i in 0..<entries { dot += u[i * k + j] * x[i] }
            for i in 0..<entries { projected[i] -= dot * u[i * k + j] }
        }
        return zip(projected, root).map { $0 / $1 }
    }
}
