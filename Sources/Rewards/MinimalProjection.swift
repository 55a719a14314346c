import Foundation
import Tensors

/// The exact minimal canonicalisation for an L2 norm, plain or τ-weighted: the orthogonal
/// projection (in that norm's inner product) onto the orthogonal complement of
/// span{potential-shaping directions γΦ(s′) − Φ(s)} + span{S′-redistribution directions}.
///
/// Derivation. Redistribution directions are the D with Σ_s′ τ(s,a,s′) D(s,a,s′) = 0 for every
/// (s, a). Their orthogonal complement T is spanned by one unit vector u_sa per (s, a):
/// u_sa = τ(s,a,·)/‖τ(s,a,·)‖₂ in the plain inner product, and the constant 1 in the τ-weighted one
/// (⟨x, y⟩_τ = Σ τ x y, where ‖1‖_τ = 1 because rows of τ sum to 1). The projection onto T has
/// coordinates y_sa = ⟨u_sa, R⟩. The shaping direction of Φ = e_k has coordinates
/// G[(s,a), k] = Σ_s′ w(s,a,s′)(γ[s′ = k] − [s = k]) with w = u (plain) or τ (weighted). G has full
/// column rank S for γ < 1 (GΦ = 0 forces Φ(s) = γ E_τ[Φ], so Φ = 0). With Q an orthonormal basis of
/// range(G) (thin QR, computed once per MDP), the projection of R is Σ_sa (y − QQᵀy)_sa · u_sa:
/// the minimal-norm reward equivalent to R.
struct MinimalProjection: Sendable {
    /// S.
    let states: Int
    /// Orthonormal basis of the shaping coordinates, [S·A, S] row-major.
    let basis: [Double]
    /// Coordinate weights w(s, a, s′) = u_sa / ‖…‖ as used for ⟨u_sa, R⟩, [S·A, S′].
    let coordinateWeights: [Double]
    /// The profile u_sa(·) that coordinates multiply to give an [S, A, S′] array.
    let profile: [Double]

    /// Precomputes the basis for `mdp`; `weighted` chooses the τ-weighted inner product.
    /// - Complexity: O(S·A·S²) for the QR of the [S·A, S] shaping matrix.
    init(mdp: MDP, weighted: Bool) throws {
        let (states, actions, gamma) = (mdp.stateCount, mdp.actionCount, mdp.discount)
        let rows = states * actions
        var weights = mdp.transition
        var profile = [Double](repeating: 1, count: mdp.transition.count)
        if !weighted {
            for row in 0..<rows {
                var norm = 0.0
                for next in 0..<states { norm += mdp.transition[row * states + next] * mdp.transition[row * states + next] }
                norm = norm.squareRoot()
                for next in 0..<states { weights[row * states + next] /= norm }
            }
            profile = weights
        }
        var shaping = [Double](repeating: 0, count: rows * states)
        for row in 0..<rows {
            let s = row / actions
            var total = 0.0
            for next in 0..<states {
                shaping[row * states + next] = gamma * weights[row * states + next]
                total += weights[row * states + next]
            }
            shaping[row * states + s] -= total
        }
        do {
            basis = try Decompositions.thinQR(shaping, rows: rows, columns: states).q
        } catch {
            throw RewardsError.linearAlgebra("minimal canonicalisation: QR of the shaping directions failed: \(error)")
        }
        self.states = states
        coordinateWeights = weights
        self.profile = profile
    }

    /// The coordinates (y − QQᵀy) of the projection of `reward` ([S, A, S′]), one per (s, a).
    /// - Complexity: O(S²A).
    func coordinates(of reward: [Double]) -> [Double] {
        let rows = basis.count / states
        var y = [Double](repeating: 0, count: rows)
        var shapingPart = [Double](repeating: 0, count: states)
        reward.withUnsafeBufferPointer { r in coordinateWeights.withUnsafeBufferPointer { w in basis.withUnsafeBufferPointer { q in
            for row in 0..<rows {
                var total = 0.0
                for next in 0..<states { total += w[row * states + next] * r[row * states + next] }
                y[row] = total
            }
            for row in 0..<rows { for k in 0..<states { shapingPart[k] += q[row * states + k] * y[row] } }
            for row in 0..<rows {
                var removed = 0.0
                for k in 0..<states { removed += q[row * states + k] * shapingPart[k] }
                y[row] -= removed
            }
        } } }
        return y
    }
}
