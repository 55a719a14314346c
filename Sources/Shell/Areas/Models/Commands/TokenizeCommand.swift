import Models

/// `tokenize MODEL|TOKENIZER "text"`.
enum TokenizeCommand {
    static let tokenizerSource = Positional.anyObject("MODEL|TOKENIZER", kinds: [ModelObject.kind.name, TokenizerObject.kind.name],
                                                      help: "a model (its tokenizer) or a tokenizer")
    static let text = Positional.string("TEXT", help: "the text, quoted")
    static let special = Option.flag("special", default: true, help: "add the special tokens the model sees ([CLS] … [SEP])")

    static let command = Command(
        "tokenize", summary: "Show the tokens and ids of a text.", parameters: [tokenizerSource, text, special],
        result: .object(TokensObject.kind),
        examples: [#"tokenize minilm "Tokenization isn't hard.""#, #"t = tokenize tok "naïve café" special=false"#],
        discussion: #"export NAME to FILE.json writes {"ids": [...], "tokens": [...]}."#
    ) { arguments, context in
        let source = try arguments[tokenizerSource]
        let tokenizer: Tokenizer
        switch source.object {
        case let model as ModelObject:
            tokenizer = try ModelCalls.run(at: arguments.span(of: tokenizerSource)) { try model.model.requireTokenizer() }
        case let named as TokenizerObject:
            tokenizer = named.tokenizer
        default:
            throw ShellError(.internalError("tokenize bound a \(source.object.objectKind.name)"))
        }
        let tokens = TokensObject(text: try arguments[text], tokenizer: tokenizer, addSpecialTokens: try arguments[special])
        context.output.print(tokens.table())
        return .object(tokens)
    }
}
