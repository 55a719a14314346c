/// The rewards area: finite MDPs, rewards, STARC distances, exact regret and the STARC paper's
/// experiment (issue 8; the library is `Sources/Rewards`, mapped verb by verb in docs/rewards.md).
extension CommandArea {
    /// MDPs, rewards, distances, regret, experiments.
    public static let rewards = CommandArea(
        name: "rewards", title: "STARC reward metrics: MDPs, rewards, distances, regret, experiments",
        commands: [MDPCommands.random, MDPCommands.grid, MDPCommands.load,
                   RewardCommands.random, RewardCommands.shaped, RewardCommands.scaled, RewardCommands.redistributed,
                   RewardCommands.interpolate, RewardCommands.load,
                   DistanceCommands.distance, DistanceCommands.compare, DistanceCommands.regret,
                   ExperimentCommands.starc, ExperimentCommands.bounds, ExperimentCommands.ranking],
        kinds: [MDPObject.kind, RewardObject.kind, DistanceObject.kind, RegretObject.kind, ExperimentObject.kind])
}
