import Foundation

/// Settings of the STARC paper's experiment; the defaults are the paper's: 32 states, 4
/// actions, γ = 0.95, 128 random MDPs × 8 reward pairs × 16 interpolation steps = 16,384 comparisons.
public struct ExperimentSettings: Sendable, Equatable, Codable {
    /// Random MDPs.
    public var environments = 128
    /// Reward pairs (R1, R2) per MDP.
    public var pairs = 8
    /// Interpolation steps per pair: R_i = R1 + (i/steps)(R2 − R1) for i = 1…steps, each compared with R1.
    public var steps = 16
    /// States per MDP.
    public var states = 32
    /// Actions per MDP.
    public var actions = 4
    /// Discount γ.
    public var discount = 0.95
    /// The experiment's seed; every MDP and pair gets an independent stream derived from it.
    public var seed: UInt64 = 42
    /// Transition logits at or below this are suppressed (nil: the reference's size rule).
    public var sparsityThreshold: Double?
    /// The variants whose distances are computed and correlated with regret.
    public var variants: [Variant] = Variant.all
    /// D_S, D_A and the C_VAL policy (uniform unless given).
    public var canonicalisationOptions = CanonicalisationOptions()

    /// The paper's settings.
    public init() {}

    /// Number of comparisons the experiment makes when it runs to the end.
    public var comparisonCount: Int { environments * pairs * steps }

    /// Throws unless every count is positive, γ ∈ [0, 1) and at least one variant is chosen.
    /// - Throws: `RewardsError.invalidSetting` naming the setting, `.discountOutOfRange`.
    public func validate() throws {
        for (name, value) in [("envs", environments), ("pairs", pairs), ("steps", steps), ("states", states), ("actions", actions)] where value < 1 {
            throw RewardsError.invalidSetting(name: name, value: "\(value)", reason: "must be at least 1")
        }
        guard discount.isFinite, discount >= 0, discount < 1 else { throw RewardsError.discountOutOfRange(discount) }
        guard !variants.isEmpty else { throw RewardsError.invalidSetting(name: "variants", value: "[]", reason: "choose at least one variant") }
        if let threshold = sparsityThreshold, !threshold.isFinite {
            throw RewardsError.invalidSetting(name: "sparsity", value: "\(threshold)", reason: "must be a finite number")
        }
    }
}

/// Called as comparisons complete, with the number done and the total; never concurrently.
public typealias ExperimentProgress = @Sendable (_ completed: Int, _ total: Int) -> Void

/// Polled between reward pairs; returning true stops the experiment, keeping what is done.
public typealias ExperimentCancellation = @Sendable () -> Bool
