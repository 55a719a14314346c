import Foundation
import Models
import SAE

/// `layers SAE ACTS [document=] [share=]`: which latents live at which layers, the
/// aggregate-versus-single-token contrast, and the residual stream's geometry by layer.
enum LayersCommand {
    static let sae = Positional.object("SAE", SAEObject.self, help: "the SAE whose latents are placed in layers")
    static let acts = Positional.object("ACTS", ActivationsObject.self, help: "the activations to encode")
    static let document = Option.int("document", range: .atLeast(0),
                                     help: "analyse one document of ACTS only (0-based): the single-prompt heatmap")
    static let prompt = Option.string("prompt", help: "analyse this text alone, run through the model that recorded ACTS: the single-prompt heatmap")
    static let share = Option.number("share", default: 0.1, range: .above(0, atMost: 1),
                                     help: "share of a latent's token-averaged p(l) a layer needs to count as one of its layers")

    static let command = Command(
        "layers", summary: "Place each SAE latent in layers: p(l), mean layer and spread, the token contrast, residual geometry.",
        parameters: [sae, acts, document, prompt, share], result: .object(LayerAnalysisObject.kind),
        examples: ["l = layers sae acts", "one = layers sae acts document=3", "p = layers sae acts prompt=\"The cat sat on the mat.\""],
        discussion: """
        p(l) is a latent's activation mass at layer l over the tokens encoded; its mean layer and standard deviation \
        follow. The contrast (Lawson et al. 2024): per latent the variance over layers of the token-averaged p̄ against \
        the mean per-token variance; a latent is multi-layer in aggregate when ≥ 2 layers hold ≥ share of p̄, and \
        counted as single-layer per token when it is active at < 1.5 layers per token on average. Cosine similarity of \
        adjacent layers uses vectors centred by each layer's mean. plot heatmap|hist|line|norms L draws them.
        """
    ) { arguments, context in
        let object = try arguments[sae]
        var set = try arguments[acts]
        var text: String?
        if let words = try arguments[prompt] {
            if arguments.isGiven(document) { throw arguments.error(prompt, "give document= or prompt=, not both") }
            set = try promptActivations(words, like: set, layers: object.sae.configuration.layers, arguments: arguments, context: context)
            text = words
        }
        let view = try SAEInputs.view(for: object.sae, set, span: arguments.span(of: acts))
        try SAEInputs.checkFinite(set, layers: view.layerNumbers, span: arguments.span(of: acts))
        var range: Range<Int>?
        if let chosen = try arguments[document] {
            guard let table = view.tokenTable, set.set.pooling == .none else {
                throw arguments.error(document, "needs per-token activations recorded with a tokenizer (pool=none)")
            }
            guard chosen < table.documentStarts.count else {
                throw arguments.error(document, "is out of range: \(arguments.text(of: acts) ?? "ACTS") holds \(Format.count(table.documentStarts.count, "document")) (0…\(table.documentStarts.count - 1))")
            }
            range = table.tokens(inDocument: chosen)
            text = TopCommand.joined(Array(table.pieces[range!]))
        }
        let task = context.progress.start("layers", total: nil, unit: "passes")
        defer { task.finish() }
        let analysis = try SAEInputs.calling(at: arguments.span(of: acts)) {
            try LayerAnalysis.analyze(object.sae, on: view, tokens: range, minimumShare: try arguments[share])
        }
        task.advance()
        try context.cancellation.checkpoint()
        let geometry = (range.map { $0.count >= 2 } ?? true) ? try SAEInputs.calling(at: arguments.span(of: acts)) {
            try ResidualGeometry.measure(view, tokens: range)
        } : nil
        task.finish()
        let result = LayerAnalysisObject(analysis, geometry: geometry, saeName: arguments.text(of: sae) ?? "SAE",
                                         actsName: arguments.text(of: acts) ?? "ACTS",
                                         document: try arguments[document].map { ($0, text ?? "") }, prompt: try arguments[prompt])
        for section in result.report() { context.output.print(section) }
        return .object(result)
    }

    /// The activations of `text` alone, recorded by the model that recorded `set` the way it
    /// recorded it (source, special tokens), at the SAE's layers.
    /// - Throws: `ShellError` when the model is not known or not at those layers.
    static func promptActivations(_ text: String, like set: ActivationsObject, layers: [Int], arguments: Arguments,
                                  context: CommandContext) throws -> ActivationsObject {
        guard let model = set.model, set.set.pooling == .none else {
            throw arguments.error(prompt, "needs per-token activations recorded in this session (the model that made them runs the prompt)")
        }
        let metadata = set.set.metadata
        let request = ActivationRequest(layers: .only(Set(layers)), source: ActivationSource(rawValue: metadata["source"] ?? "") ?? .hiddenStates,
                                        addSpecialTokens: metadata["special_tokens"] != "false")
        let run = try ModelCalls.run(at: arguments.span(of: prompt)) {
            try model.activations(of: [text], request: request, isCancelled: { context.cancellation.isCancelled })
        }
        return ActivationsObject(run.set, storage: .memory, tokenizer: model.tokenizer, model: model)
    }
}
