import SAE

extension CommandArea {
    /// Multi-layer sparse autoencoders: training, evaluation, layer analyses, max-activating
    /// examples, decoder similarity and the file layouts of other trainers (docs/sae.md).
    public static let sae = CommandArea(
        name: "sae", title: "multi-layer sparse autoencoders: training, metrics, layer analyses",
        commands: [TrainSAECommands.train, TrainSAECommands.trainMore, EvalSAECommand.command, LayersCommand.command,
                   TopCommand.command, MMCSCommand.command, LoadSAECommand.command],
        kinds: [SAEObject.kind, SAEEvaluationObject.kind, LayerAnalysisObject.kind])
}

/// The layouts `load sae format=` accepts: one of the library's, or detection from the file names.
enum SAEFormatChoice: String, ChoiceValue {
    case auto, mindscope, native, saelens, sparsify, mlsae

    /// The library layout (nil: detect).
    var format: SAEFormat? {
        switch self {
        case .auto: return nil
        case .mindscope, .native: return .mindscope
        case .saelens: return .saelens
        case .sparsify: return .sparsify
        case .mlsae: return .mlsae
        }
    }
}
