import Foundation
import Models
import SAE

/// `eval sae SAE ACTS [model=] [downstream=] [documents=]`: reconstruction metrics per layer and
/// their mean, and ΔCE/KL per layer for decoder models with a language-model head.
enum EvalSAECommand {
    /// Whether to measure ΔCE and KL.
    enum Downstream: String, ChoiceValue {
        /// When the model is a decoder with an LM head and the set is per token.
        case auto
        /// Always (an error when it cannot be done).
        case on
        /// Never.
        case off
    }

    static let sae = Positional.object("SAE", SAEObject.self, help: "the SAE to evaluate")
    static let acts = Positional.object("ACTS", ActivationsObject.self, help: "the activations to evaluate on")
    static let model = Option.object("model", ModelObject.self, help: "the model that recorded ACTS, for ΔCE/KL (default: the one recorded with it in this session)")
    static let downstream = Option.choice("downstream", default: Downstream.auto,
                                          help: "ΔCE and KL per layer: auto (when the model is GPT-2/GPT-NeoX and ACTS is per token), on, off")
    static let documents = Option.int("documents", default: 64, range: .atLeast(1),
                                      help: "ΔCE/KL: at most this many documents of ACTS (each runs the model once per layer)")

    static let command = Command(
        "eval sae", summary: "Measure an SAE's reconstruction per layer (FVU, MSE, L0, L1, dead latents, cosine) and ΔCE/KL.",
        parameters: [sae, acts, model, downstream, documents], result: .object(SAEEvaluationObject.kind),
        examples: ["e = eval sae sae acts", "eval sae sae acts downstream=off", "e = eval sae sae acts model=gpt documents=16"],
        discussion: """
        FVU is the MSE over the unbiased variance of the layer's elements; L0 counts activations above 1e-3. A latent \
        is dead at a layer when it never fires there in ACTS (fewer than tokens/window times with a window shorter than \
        ACTS); the mean's dead fraction counts latents dead at every layer. ΔCE is the next-token cross-entropy with \
        the layer's residual stream replaced by its reconstruction minus the clean one; KL is KL(patched ‖ clean) per \
        position, both in nats. export E to FILE.json writes {"layers": [...], "mean": {...}}.
        """
    ) { arguments, context in
        let object = try arguments[sae]
        let set = try arguments[acts]
        let view = try SAEInputs.view(for: object.sae, set, span: arguments.span(of: acts))
        try SAEInputs.checkFinite(set, layers: view.layerNumbers, span: arguments.span(of: acts))
        let window = object.state?.configuration.deadTokens ?? 10_000_000
        let task = context.progress.start("eval sae", total: view.tokenCount, unit: "tokens")
        let evaluation = try SAEInputs.calling(at: arguments.span(of: acts)) {
            defer { task.finish() }
            return try SAEMetrics.evaluate(object.sae, on: view, deadTokens: window) { done in
                task.update(completed: done)
                try context.cancellation.checkpoint()
            }
        }
        try context.cancellation.checkpoint()
        let downstreamResult = try measureDownstream(object.sae, set, arguments: arguments, context: context)
        let result = SAEEvaluationObject(evaluation, downstream: downstreamResult?.metrics, documents: downstreamResult?.documents ?? 0,
                                         saeName: arguments.text(of: sae) ?? "SAE", actsName: arguments.text(of: acts) ?? "ACTS")
        context.output.print(result.table())
        if let note = downstreamResult?.note { context.output.print(note) }
        return .object(result)
    }

    /// ΔCE/KL when asked for and possible; a note saying why not otherwise (an error with `on`).
    static func measureDownstream(_ sae: SparseAutoencoder, _ set: ActivationsObject, arguments: Arguments,
                                  context: CommandContext) throws -> (metrics: [DownstreamLayerMetrics]?, documents: Int, note: String?)? {
        let mode = try arguments[downstream]
        guard mode != .off else { return nil }
        let reason: String?
        let pretrained = try arguments[model]?.model ?? set.model
        if pretrained == nil {
            reason = "the model that recorded the activations is not known here (give model=MODEL)"
        } else if !pretrained!.summary.architecture.isDecoder {
            reason = "\(pretrained!.name) is \(pretrained!.summary.architecture.displayName), not a decoder with a language-model head"
        } else if set.set.pooling != .none {
            reason = "the activations are pooled (pool=\(set.set.pooling.rawValue)); ΔCE/KL need one row per token"
        } else {
            reason = nil
        }
        if let reason {
            if mode == .on { throw arguments.error(downstream, "cannot be measured: \(reason)") }
            return (nil, 0, "ΔCE/KL not measured: \(reason)")
        }
        let source = ActivationSource(rawValue: set.set.metadata["source"] ?? "") ?? .hiddenStates
        let residual = try DecoderResidualStream.model(pretrained!, layers: sae.configuration.layers, source: source)
        let sequences = DecoderResidualStream.sequences(of: set.set).filter { $0.count >= 2 }.prefix(try arguments[documents])
        guard !sequences.isEmpty else { return (nil, 0, "ΔCE/KL not measured: no document of ACTS has 2 tokens") }
        let task = context.progress.start("ΔCE/KL", total: sequences.count, unit: "documents")
        defer { task.finish() }
        let metrics = try SAEInputs.calling(at: arguments.span(of: acts)) {
            try DownstreamMetrics.evaluate(sae, model: residual, sequences: Array(sequences)) { done in
                task.update(completed: done)
                try context.cancellation.checkpoint()
            }
        }
        return (metrics, sequences.count, nil)
    }
}
