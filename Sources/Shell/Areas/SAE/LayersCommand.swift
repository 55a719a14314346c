import Foundation
import SAE

/// `layers SAE ACTS [document=] [share=]`: which latents live at which layers, the
/// aggregate-versus-single-token contrast, and the residual stream's geometry by layer.
enum LayersCommand {
    static let sae = Positional.object("SAE", SAEObject.self, help: "the SAE whose latents are placed in layers")
    static let acts = Positional.object("ACTS", ActivationsObject.self, help: "the activations to encode")
    static let document = Option.int("document", range: .atLeast(0),
                                     help: "analyse one document of ACTS only (0-based): the single-prompt heatmap")
    static let share = Option.number("share", default: 0.1, range: .above(0, atMost: 1),
                                     help: "share of a latent's token-averaged p(l) a layer needs to count as one of its layers")

    static let command = Command(
        "layers", summary: "Place each SAE latent in layers: p(l), mean layer and spread, the token contrast, residual geometry.",
        parameters: [sae, acts, document, share], result: .object(LayerAnalysisObject.kind),
        examples: ["l = layers sae acts", "one = layers sae acts document=3"],
        discussion: """
        p(l) is a latent's activation mass at layer l over the tokens encoded; its mean layer and standard deviation \
        follow. The contrast (Lawson et al. 2024): per latent the variance over layers of the token-averaged p̄ against \
        the mean per-token variance; a latent is multi-layer in aggregate when ≥ 2 layers hold ≥ share of p̄, and \
        counted as single-layer per token when it is active at < 1.5 layers per token on average. Cosine similarity of \
        adjacent layers uses vectors centred by each layer's mean. plot heatmap|hist|line|norms L draws them.
        """
    ) { arguments, context in
        let object = try arguments[sae]
        let set = try arguments[acts]
        let view = try SAEInputs.view(for: object.sae, set, span: arguments.span(of: acts))
        try SAEInputs.checkFinite(set, layers: view.layerNumbers, span: arguments.span(of: acts))
        var range: Range<Int>?, text: String?
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
                                         document: try arguments[document].map { ($0, text ?? "") })
        for section in result.report() { context.output.print(section) }
        return .object(result)
    }
}
