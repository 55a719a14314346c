import Brain

extension CommandArea {
    /// BrainScore: brain responses, feature matrices, scoring model layers against them, and
    /// paired tests between results (docs/brainscore.md).
    public static let brain = CommandArea(
        name: "brain", title: "brain responses, BrainScore metrics, ceilings and significance",
        commands: [BrainLoadCommands.fmri, BrainLoadCommands.matrix, BrainLoadCommands.stimuli,
                   SyntheticCommand.command, BrainScoreCommand.command, CompareCommand.command, CombineCommand.command],
        kinds: [FMRIObject.kind, MatrixObject.kind, StimuliObject.kind, BrainScoreObject.kind, BrainScoreSetObject.kind])
}

// Strings become the Brain module's enums at the edge.
extension BrainMetric: ChoiceValue {}
extension StimulusPooling: ChoiceValue {}
extension CeilingMethod: ChoiceValue {}
extension TargetAggregate: ChoiceValue {}
extension SubjectHandling: ChoiceValue {}
extension Brain.Precision: ChoiceValue {}
extension PairingUnit: ChoiceValue {}
