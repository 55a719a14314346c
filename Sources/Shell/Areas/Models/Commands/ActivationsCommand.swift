import Foundation
import Models

/// `activations MODEL DATA layers= pool= max_tokens= max_length= batch= store= dtype= source=`.
enum ActivationsCommand {
    static let model = Positional.object("MODEL", ModelObject.self, help: "the model to run")
    static let data = ModelsParameters.textData("DATA", help: "the documents to run the model over")
    static let layers = ModelsParameters.layers(help: "hidden states to record: all, or numbers such as [0, 3, 6] (0 = embeddings)")
    static let pool = Option.choice("pool", default: Pooling.none,
                                    help: "none: a row per token; mean, last or cls: a row per document (cls: encoders only)")
    static let maxTokens = Option.int("max_tokens", range: .atLeast(1),
                                      help: "total token budget of the run: stop once this many tokens are recorded, the last document cut to fit (default: no limit)")
    static let maxLength = Option.int("max_length", range: .atLeast(2),
                                      help: "longest document in tokens, special tokens included; longer ones are truncated (default: the model's maximum)")
    static let batch = Option.int("batch", default: 32, range: .between(1, 4096), help: "documents per forward pass")
    static let store = Option.path("store", help: "write the rows to this new directory as safetensors shards (for sets larger than memory)")
    static let dtype = Option.choice("dtype", default: ActivationScalar.f32, help: "keep rows as f32, or f16 (half the memory and disk)")
    static let source = Option.choice("source", default: SourceChoice.hidden,
                                      help: "hidden: Hugging Face hidden states; residual: the raw residual stream (decoders differ at the last layer)")
    static let special = Option.flag("special", default: true, help: "add the tokenizer's special tokens ([CLS] … [SEP])")

    static let command = Command(
        "activations", summary: "Record a model's hidden states over documents, per token or pooled per document.",
        parameters: [model, data, layers, pool, maxTokens, maxLength, batch, store, dtype, source, special],
        result: .object(ActivationsObject.kind),
        examples: ["acts = activations minilm fortunes max_tokens=20000", "pooled = activations minilm fortunes layers=[3, 6] pool=mean",
                   "big = activations gpt corpus store=runs/acts dtype=f16 batch=16"],
        discussion: """
        max_tokens is the budget of the whole run (counting special tokens); max_length cuts each document. \
        Empty documents are skipped with a warning. Ctrl-C stops after the batch in progress and keeps the \
        documents finished so far (a consistent partial set; a store is closed as it is).
        """
    ) { arguments, context in
        let named = try arguments[model]
        let documents = try arguments[data]
        let request = try makeRequest(arguments, model: named, documents: documents)
        let storeURL = try arguments[store]
        let task = context.progress.start("activations", total: request.tokenBudget, unit: "tokens")
        defer { task.finish() }
        let span = storeURL == nil ? arguments.span(of: data) : arguments.span(of: store)
        let run = try ModelCalls.run(at: span) {
            try named.model.activations(of: documents.documents, request: request, store: storeURL,
                                        progress: { task.update(completed: $0.tokens) },
                                        isCancelled: { context.cancellation.isCancelled }, keepPartialOnCancel: true)
        }
        ModelCalls.report(run.warnings, to: context.output)
        let storage: ActivationsObject.Storage = storeURL.map { .store(arguments.text(of: store) ?? $0.path) } ?? .memory
        let object = ActivationsObject(run.set, storage: storage, tokenizer: named.model.tokenizer, model: named.model,
                                       corpusName: documents.name)
        var table = TextTable(columns: 2)
        for (key, value) in object.facts() where ["layers", "documents", "tokens", "rows", "storage"].contains(key) { table.append([key, value]) }
        context.output.print(table)
        guard !run.wasCancelled else {
            context.output.print("stopped by Ctrl-C after \(Format.count(run.set.documentCount, "document")) of \(documents.documents.count); kept what was finished")
            return .interrupted(keeping: object)
        }
        return .object(object)
    }

    /// The library request from the options, with the corpus and model recorded in the metadata.
    static func makeRequest(_ arguments: Arguments, model: ModelObject, documents: TextData) throws -> ActivationRequest {
        var metadata = ["model_directory": model.path]
        if let name = documents.name { metadata["corpus"] = name }
        let request = ActivationRequest(
            layers: try arguments[layers], pooling: try arguments[pool], source: try arguments[source].source,
            maximumLength: try arguments[maxLength], tokenBudget: try arguments[maxTokens], batchSize: try arguments[batch],
            scalar: try arguments[dtype], addSpecialTokens: try arguments[special], metadata: metadata)
        do {
            _ = try request.resolvedLayers(for: model.model.summary)
        } catch let error as ModelError {
            throw ShellError(.failed(error.description), at: arguments.span(of: layers))
        }
        if request.pooling == .cls, model.model.summary.architecture.isDecoder {
            throw ShellError(.failed(ModelError.poolingNeedsEncoder(pooling: "cls", modelType: model.model.summary.architecture.modelType).description),
                             at: arguments.span(of: pool))
        }
        return request
    }
}
