import Foundation
import Models
import SAE

/// `train sae ACTS ...` and `train sae more SAE ...`: MLSAE training with a progress bar; Ctrl-C
/// keeps the SAE as trained so far.
enum TrainSAECommands {
    static let acts = Positional.object("ACTS", ActivationsObject.self, help: "the activations to train on (every layer's vector of every token is an example)")
    static let k = Option.int("k", default: 32, range: .atLeast(1), help: "latents kept per example (top-k)")
    static let expansion = Option.int("expansion", default: 16, range: .between(1, 256), help: "latents per input dimension (F = expansion × width)")
    static let steps = Option.int("steps", range: .atLeast(1), help: "optimizer steps (default: one pass over every token and layer)")
    static let tokens = Option.int("tokens", range: .atLeast(1), help: "train on this many tokens instead of giving steps (each token counts all its layers)")
    static let batch = Option.int("batch", default: 4096, range: .atLeast(1), help: "examples (token-layer vectors) per step")
    static let lr = Option.number("lr", default: 1e-4, range: .greaterThan(0), help: "Adam learning rate")
    static let seed = Option.int("seed", range: .atLeast(0), help: "seed of the initial weights and the example order (default: the session's next stream)")
    static let auxK = Option.int("aux_k", range: .atLeast(0), help: "dead latents per example in the AuxK loss (default 256, or F when smaller; 0 turns it off)")
    static let deadTokens = Option.int("dead_tokens", range: .atLeast(1),
                                       help: "a latent is dead after this many tokens without firing (default: a tenth of the run, at least one batch, at most 10M)")
    static let layers = ModelsParameters.layers(help: "all, or only these recorded layers, e.g. [3] for a single-layer SAE")

    static let train = Command(
        "train sae", summary: "Train one TopK sparse autoencoder on the activations of every layer at once (MLSAE).",
        parameters: [acts, k, expansion, steps, tokens, batch, lr, seed, auxK, deadTokens, layers],
        result: .object(SAEObject.kind),
        examples: ["sae = train sae acts k=32 expansion=16 steps=2000", "sae = train sae acts tokens=100000 batch=1024 seed=1",
                   "single = train sae acts layers=[3] steps=500"],
        discussion: """
        Inputs are standardised per example; the pre-encoder bias starts at the geometric median of the first batch. \
        The loss is each layer's MSE over its variance, averaged, plus AuxK (coefficient 1/32) on dead latents. The \
        dead-latent window dead_tokens defaults to a tenth of the tokens of the run, never less than one batch of \
        tokens (batch / layers) and never more than the reference's 10M: a 2000-step run of batch 4096 over 7 layers \
        (about 1.17M tokens) uses 117k tokens. Ctrl-C keeps the SAE as trained so far; train sae more continues it.
        """
    ) { arguments, context in
        let set = try arguments[acts]
        let chosen: [Int]?
        if case let .only(numbers) = try arguments[layers] { chosen = numbers.sorted() } else { chosen = nil }
        let view = try SAEInputs.view(set, layers: chosen, span: arguments.span(of: layers))
        let width = set.set.width, latents = width * (try arguments[expansion])
        guard try arguments[k] <= latents else { throw arguments.error(k, "must be at most the latent count F = \(latents) (width \(width) × expansion)") }
        let auxiliary = try arguments[auxK] ?? min(256, latents)
        guard auxiliary <= latents else { throw arguments.error(auxK, "must be at most the latent count F = \(latents)") }
        let configuration = SAEConfiguration(inputWidth: width, latentCount: latents, k: try arguments[k], layers: view.layerNumbers)
        var training = TrainingConfiguration(batchSize: try arguments[batch], optimizer: AdamHyperparameters(learningRate: Float(try arguments[lr])),
                                             auxK: auxiliary)
        let total = try stepCount(arguments, training: training, view: view)
        let plannedTokens = total * training.batchSize / view.layerCount
        training.deadTokens = try arguments[deadTokens]
            ?? TrainingConfiguration.defaultDeadTokens(trainingTokens: plannedTokens, batchSize: training.batchSize, layers: view.layerCount)
        training.seed = try arguments[seed].map(UInt64.init) ?? context.makeRNG().seed
        try SAEInputs.checkFinite(set, layers: view.layerNumbers, span: arguments.span(of: acts))
        let trainer = try SAEInputs.calling(at: nil) { try SAETrainer(configuration: configuration, training: training) }
        context.output.print("training \(configuration.latentCount) latents (k=\(configuration.k)) on \(Format.count(view.layerCount, "layer")) × "
                             + "\(Format.count(view.tokenCount, "token")): \(Format.count(total, "step")) of \(training.batchSize) examples, "
                             + "dead_tokens \(training.deadTokens), seed \(training.seed)")
        return try run(trainer, on: view, steps: total, origin: "trained on \(arguments.text(of: acts) ?? "ACTS")", previousSeconds: 0, context: context)
    }

    static let sae = Positional.object("SAE", SAEObject.self, help: "the SAE to continue training (stored back under its name)")
    static let moreActs = Positional.object("ACTS", ActivationsObject.self, help: "the activations to continue on (the same layers as the SAE)")
    static let moreSteps = Option.int("steps", default: 1000, range: .atLeast(1), help: "further optimizer steps")
    static let moreLR = Option.number("lr", range: .greaterThan(0), help: "a new learning rate (default: the one trained with)")

    static let trainMore = Command(
        "train sae more", summary: "Continue training an SAE with the same optimizer state and example stream.",
        parameters: [sae, moreActs, moreSteps, moreLR], result: .updates(SAEObject.kind, argument: "SAE"),
        examples: ["train sae more sae acts steps=500", "sae2 = train sae more sae acts steps=1000 lr=5e-5"],
        discussion: """
        Adam's moments, the step count, the dead-latent counters and the position in the shuffled example stream carry \
        over, so training 1000 steps and then 1000 more gives the same SAE as 2000 at once. An SAE loaded without a \
        training state starts Adam afresh (with the reference settings and a fresh example order).
        """
    ) { arguments, context in
        let object = try arguments[sae]
        let set = try arguments[moreActs]
        let view = try SAEInputs.view(for: object.sae, set, span: arguments.span(of: moreActs))
        try SAEInputs.checkFinite(set, layers: view.layerNumbers, span: arguments.span(of: moreActs))
        let more = try arguments[moreSteps]
        let state = object.state ?? freshState(for: object.sae, steps: more, layers: view.layerCount)
        let trainer = try SAEInputs.calling(at: arguments.span(of: sae)) { try SAETrainer(sae: object.sae, state: state) }
        if let rate = try arguments[moreLR] { trainer.training.optimizer.learningRate = Float(rate) }
        if object.state == nil { context.output.print("no training state: Adam starts afresh") }
        return try run(trainer, on: view, steps: more, origin: object.origin, previousSeconds: object.trainingSeconds ?? 0,
                       context: context)
    }

    /// A state for an SAE loaded without one: reference settings, Adam at zero, the loaded
    /// pre-encoder bias kept (not replaced by a geometric median).
    static func freshState(for sae: SparseAutoencoder, steps: Int, layers: Int) -> TrainingState {
        var training = TrainingConfiguration()
        training.deadTokens = TrainingConfiguration.defaultDeadTokens(trainingTokens: steps * training.batchSize / max(layers, 1),
                                                                       batchSize: training.batchSize, layers: layers)
        var state = TrainingState(configuration: training, sae: sae.configuration)
        state.preEncoderBiasInitialized = true
        return state
    }

    /// steps=, tokens= or one pass over the data; giving both is an error.
    static func stepCount(_ arguments: Arguments, training: TrainingConfiguration, view: any MultiLayerActivations) throws -> Int {
        if let steps = try arguments[steps] {
            if arguments.isGiven(tokens) { throw arguments.error(tokens, "give steps= or tokens=, not both") }
            return steps
        }
        let count = try arguments[tokens] ?? view.tokenCount
        return max(1, training.steps(forTokens: count, layers: view.layerCount))
    }

    /// Runs the trainer with a progress bar, prints what it reached and returns the SAE
    /// (`interrupted` and kept when Ctrl-C stopped it).
    static func run(_ trainer: SAETrainer, on view: any MultiLayerActivations, steps: Int, origin: String, previousSeconds: Double,
                    context: CommandContext) throws -> CommandResult {
        let task = context.progress.start("training sae", total: steps, unit: "steps")
        defer { task.finish() }
        let cancellation = context.cancellation
        let report = try SAEInputs.calling(at: nil) {
            try trainer.train(on: view, steps: steps, progress: { p in
                task.update(completed: p.stepsDone, detail: TrainingText.progress(p))
            }, shouldStop: { cancellation.isCancelled })
        }
        task.finish()
        let state = trainer.state
        context.output.print(TrainingText.table(state.history, since: state.history.count - report.stepsCompleted))
        context.output.print(TrainingText.rate(report, batch: trainer.training.batchSize, layers: view.layerCount))
        let object = SAEObject(trainer.sae, state: state, origin: origin, trainingSeconds: previousSeconds + report.seconds)
        guard !report.cancelled else {
            context.output.print("stopped by Ctrl-C after \(report.stepsCompleted) of \(Format.count(steps, "step")); kept the SAE as trained so far")
            return .interrupted(keeping: object)
        }
        return .object(object)
    }
}
