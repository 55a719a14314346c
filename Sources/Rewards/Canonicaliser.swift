import Foundation
import Tensors

/// Choices the canonicalisations depend on besides the MDP; nil means uniform.
public struct CanonicalisationOptions: Sendable, Equatable, Codable {
    /// D_S for C_EPIC, [S].
    public var stateDistribution: [Double]?
    /// D_A for C_EPIC and C_DARD, [A].
    public var actionDistribution: [Double]?
    /// The policy π(a | s) whose values C_VAL and C_VALpotential use, [S, A].
    public var policy: [Double]?

    /// Options with the given distributions (each nil for uniform).
    public init(stateDistribution: [Double]? = nil, actionDistribution: [Double]? = nil, policy: [Double]? = nil) {
        self.stateDistribution = stateDistribution
        self.actionDistribution = actionDistribution
        self.policy = policy
    }
}

/// A canonicalised reward: the [S, A, S′] array stored as coefficients in a layout (one per
/// entry, or one per state–action pair for canonical forms that have that structure).
public struct CanonicalReward: Sendable {
    /// Which canonicalisation made it.
    public let canonicalisation: Canonicalisation
    let coefficients: [Double]
    let layout: CoefficientLayout

    /// The canonical reward as an [S, A, S′] array.
    public var values: [Double] { layout.expand(coefficients) }

    /// Its norm n (nil for `Norm.none`).
    public func norm(_ n: Norm) -> Double? {
        n.measure.map { LpSummary.of(1, coefficients, 0, nil, layout: layout).value($0) }
    }
}

/// Everything the canonicalisations of one MDP share, computed once: distributions, the LU
/// factors of I − γP_π for C_VAL, τ split by action for C_DARD, and the minimal projections.
/// Build one per MDP and canonicalise any number of its rewards.
public struct Canonicaliser: Sendable {
    /// The MDP.
    public let mdp: MDP
    /// The options it was built with.
    public let options: CanonicalisationOptions
    let stateDistribution: [Double]
    let actionDistribution: [Double]
    /// π [S, A] for C_VAL.
    let policy: [Double]
    /// I − γP_π factorised.
    let policyFactor: LUFactorisation
    /// τ(·, a, ·) as contiguous [S, S] matrices, [A, S, S].
    let transitionByAction: [Double]
    let plainMinimal: MinimalProjection
    let weightedMinimal: MinimalProjection
    let denseLayout: CoefficientLayout
    let constantLayout: CoefficientLayout
    let transitionProfileLayout: CoefficientLayout

    /// Precomputes the canonicalisations of `mdp`.
    /// - Throws: `RewardsError` for distributions or a policy of the wrong shape or not summing to 1.
    /// - Complexity: O(S³A) (two thin QRs of [S·A, S] and one S×S LU).
    public init(mdp: MDP, options: CanonicalisationOptions = CanonicalisationOptions()) throws {
        let (states, actions, gamma) = (mdp.stateCount, mdp.actionCount, mdp.discount)
        self.mdp = mdp
        self.options = options
        stateDistribution = try Canonicaliser.distribution(options.stateDistribution, count: states, what: "state distribution D_S")
        actionDistribution = try Canonicaliser.distribution(options.actionDistribution, count: actions, what: "action distribution D_A")
        policy = try Canonicaliser.policy(options.policy, states: states, actions: actions)
        var system = [Double](repeating: 0, count: states * states)
        for s in 0..<states {
            system[s * states + s] = 1
            for a in 0..<actions where policy[s * actions + a] != 0 {
                for next in 0..<states { system[s * states + next] -= gamma * policy[s * actions + a] * mdp.probability(s, a, next) }
            }
        }
        do { policyFactor = try LUFactorisation(system, n: states) } catch {
            throw RewardsError.linearAlgebra("C_VAL: I − γP_π is singular: \(error)")
        }
        var byAction = [Double](repeating: 0, count: actions * states * states)
        for a in 0..<actions { for s in 0..<states { for next in 0..<states { byAction[(a * states + s) * states + next] = mdp.probability(s, a, next) } } }
        transitionByAction = byAction
        plainMinimal = try MinimalProjection(mdp: mdp, weighted: false)
        weightedMinimal = try MinimalProjection(mdp: mdp, weighted: true)
        denseLayout = .dense(transition: mdp.transition)
        constantLayout = .perStateAction(profile: weightedMinimal.profile, transition: mdp.transition, states: states)
        transitionProfileLayout = .perStateAction(profile: plainMinimal.profile, transition: mdp.transition, states: states)
    }

    /// c(R) for `reward` of this canonicaliser's MDP.
    /// - Throws: `RewardsError.rewardOfAnotherMDP`.
    /// - Complexity: O(S²A) for every canonicalisation but C_DARD, which is O(S³A) (BLAS).
    public func canonicalise(_ reward: Reward, _ canonicalisation: Canonicalisation) throws -> CanonicalReward {
        try mdp.check(reward)
        return CanonicalReward(canonicalisation: canonicalisation, coefficients: try coefficients(reward.values, canonicalisation),
                               layout: layout(canonicalisation))
    }

    /// The layout of a canonicalisation's coefficients.
    func layout(_ canonicalisation: Canonicalisation) -> CoefficientLayout {
        switch canonicalisation {
        case .none, .epic, .dard, .valpotential: return denseLayout
        case .val, .wminimal: return constantLayout
        case .minimal: return transitionProfileLayout
        }
    }

    /// The coefficients of c(R) for an [S, A, S′] array known to belong to the MDP.
    func coefficients(_ reward: [Double], _ canonicalisation: Canonicalisation) throws -> [Double] {
        switch canonicalisation {
        case .none: return reward
        case .epic: return epic(reward)
        case .dard: return dard(reward)
        case .val: return try val(reward)
        case .valpotential: return try valPotential(reward)
        case .minimal: return plainMinimal.coordinates(of: reward)
        case .wminimal: return weightedMinimal.coordinates(of: reward)
        }
    }

    private static func distribution(_ given: [Double]?, count: Int, what: String) throws -> [Double] {
        guard let given else { return [Double](repeating: 1 / Double(count), count: count) }
        guard given.count == count else { throw RewardsError.shapeMismatch(what: what, expected: [count], got: [given.count]) }
        return try validatedDistribution(given, what: what)
    }

    private static func policy(_ given: [Double]?, states: Int, actions: Int) throws -> [Double] {
        guard let given else { return [Double](repeating: 1 / Double(actions), count: states * actions) }
        guard given.count == states * actions else { throw RewardsError.shapeMismatch(what: "policy", expected: [states, actions], got: [given.count]) }
        var result: [Double] = []
        for s in 0..<states { result += try validatedDistribution(Array(given[(s * actions)..<((s + 1) * actions)]), what: "policy row for state \(s)") }
        return result
    }
}
