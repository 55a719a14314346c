import Foundation
import Synchronization
import Tensors

/// The STARC paper's experiment: random MDPs, random reward pairs, interpolations between them,
/// and for every variant the correlation between its distance and the exact regret.
///
/// Randomness: MDP e draws from `SeededRNG(seed).derived(e).derived(0)` and its pair p from
/// `….derived(e).derived(p + 1)`, so every number depends only on the seed and the sizes — not on
/// the thread count or on which environments were cancelled.
public enum STARCExperiment {
    /// Runs the experiment, in parallel over environments (`Parallel`).
    /// - Parameters:
    ///   - progress: called after every reward pair with comparisons done and total (serialised).
    ///   - isCancelled: polled before every reward pair; when it returns true the run stops and
    ///     the result holds the comparisons finished so far (`completed` false).
    /// - Throws: `RewardsError` for invalid settings or a failed linear solve.
    /// - Complexity: O(envs · pairs · (S³A + steps · (variants + policy iterations · S³))).
    public static func run(_ settings: ExperimentSettings, progress: ExperimentProgress? = nil,
                           isCancelled: ExperimentCancellation? = nil) throws -> ExperimentResult {
        try settings.validate()
        let plan = VariantPlan(settings.variants)
        let total = settings.comparisonCount
        let done = Mutex(0)
        var perEnvironment = [Result<[Comparison], Error>](repeating: .success([]), count: settings.environments)
        let stopped = Atomic<Bool>(false)
        perEnvironment.withUnsafeMutableBufferPointer { slots in
            Parallel.forEach(settings.environments) { environment in
                slots[environment] = Result {
                    try runEnvironment(environment, settings: settings, plan: plan) {
                        if stopped.load(ordering: .relaxed) { return true }
                        if isCancelled?() == true { stopped.store(true, ordering: .relaxed); return true }
                        return false
                    } pairDone: {
                        done.withLock { count in
                            count += settings.steps
                            progress?(count, total)
                        }
                    }
                }
            }
        }
        var comparisons: [Comparison] = []
        comparisons.reserveCapacity(total)
        for slot in perEnvironment { comparisons += try slot.get() }
        return ExperimentResult(settings: settings, comparisons: comparisons, completed: comparisons.count == total)
    }

    /// MDP number `environment` of an experiment with `settings`.
    public static func environment(_ environment: Int, settings: ExperimentSettings) throws -> MDP {
        var rng = SeededRNG(seed: settings.seed).derived(UInt64(environment)).derived(0)
        return try MDP.random(states: settings.states, actions: settings.actions, discount: settings.discount,
                              sparsityThreshold: settings.sparsityThreshold, rng: &rng)
    }

    /// The rewards (R1, R2) of pair `pair` on MDP `environment` (itself from `environment(_:settings:)`).
    public static func rewardPair(environment: Int, pair: Int, settings: ExperimentSettings, mdp: MDP) -> (Reward, Reward) {
        var rng = SeededRNG(seed: settings.seed).derived(UInt64(environment)).derived(UInt64(pair) + 1)
        let first = Reward.random(mdp: mdp, rng: &rng)
        let second = Reward.random(mdp: mdp, rng: &rng)
        return (first, second)
    }

    /// All pairs of one environment, stopping before a pair when `shouldStop` says so.
    private static func runEnvironment(_ environment: Int, settings: ExperimentSettings, plan: VariantPlan,
                                       shouldStop: () -> Bool, pairDone: () -> Void) throws -> [Comparison] {
        if shouldStop() { return [] }
        let mdp = try STARCExperiment.environment(environment, settings: settings)
        let kernel = PairKernel(canonicaliser: try Canonicaliser(mdp: mdp, options: settings.canonicalisationOptions),
                                solver: PolicySolver(mdp: mdp), plan: plan, steps: settings.steps, variantCount: settings.variants.count)
        var comparisons: [Comparison] = []
        for pair in 0..<settings.pairs {
            if pair > 0 && shouldStop() { break }
            let (first, second) = rewardPair(environment: environment, pair: pair, settings: settings, mdp: mdp)
            comparisons += try kernel.run(first, second, environment: environment, pair: pair)
            pairDone()
        }
        return comparisons
    }
}
