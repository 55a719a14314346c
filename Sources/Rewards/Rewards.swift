/// Rewards: finite MDPs, reward functions R[s, a, s′], canonicalisations, norms, STARC/EPIC/DARD
/// distances, exact regret and the STARC paper's experiment. All tabular work is in Double.
