/// The models area: checkpoints, tokenizers, text, activations and sentence embeddings.
extension CommandArea {
    /// `load model`, `load tokenizer`, `load text`, `text`, `tokenize`, `activations`,
    /// `load activations`, `embed`, `similarity`.
    public static let models = CommandArea(
        name: "models", title: "transformer models, tokenizers, text, activations and embeddings",
        commands: [LoadModelCommands.loadModel, LoadModelCommands.loadTokenizer, LoadDataCommands.loadText, LoadDataCommands.text,
                   TokenizeCommand.command, ActivationsCommand.command, LoadDataCommands.loadActivations,
                   EmbedCommands.embed, EmbedCommands.similarity],
        kinds: [ModelObject.kind, TokenizerObject.kind, TokensObject.kind, TextObject.kind, ActivationsObject.kind, EmbeddingsObject.kind])
}
