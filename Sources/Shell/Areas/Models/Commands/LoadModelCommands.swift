import Foundation
import Models

/// `load model DIR`, `load tokenizer FILE`.
enum LoadModelCommands {
    static let directory = Positional.path("DIR", mustExist: true, help: "a Hugging Face checkpoint directory: config.json, *.safetensors and the tokenizer files")
    static let tokenizerFile = Option.path("tokenizer", mustExist: true, extensions: [],
                                           help: "a tokenizer to use instead of the directory's own: tokenizer.json, vocab.txt or a directory")

    static let loadModel = Command(
        "load model", summary: "Load a transformer checkpoint (BERT, RoBERTa, GPT-NeoX, GPT-2) and its tokenizer.",
        parameters: [directory, tokenizerFile], result: .object(ModelObject.kind),
        examples: ["minilm = load model models/all-MiniLM-L6-v2", "gpt = load model ~/models/pythia-70m tokenizer=~/models/pythia-70m/tokenizer.json"],
        discussion: """
        Weights are memory-mapped from model.safetensors (or its shards): F32 is used in place, F16 and BF16 are \
        converted. PyTorch .bin checkpoints are refused (they are pickles): convert them to safetensors first.
        """
    ) { arguments, context in
        let url = try arguments[directory]
        var model = try ModelCalls.run(at: arguments.span(of: directory)) { try PretrainedModel.load(directory: url) }
        if let file = try arguments[tokenizerFile] {
            let tokenizer = try ModelCalls.run(at: arguments.span(of: tokenizerFile)) { try Tokenizer.load(url: file) }
            var warnings = model.warnings.filter { if case .tokenizerLargerThanModel = $0 { return false } else { return true } }
            if tokenizer.vocabularySize > model.summary.vocabularySize {
                warnings.append(.tokenizerLargerThanModel(tokenizerVocabulary: tokenizer.vocabularySize, modelVocabulary: model.summary.vocabularySize))
            }
            model = PretrainedModel(directory: model.directory, network: model.network, tokenizer: tokenizer, warnings: warnings,
                                    sentenceEmbeddingMaximumLength: model.sentenceEmbeddingMaximumLength)
        }
        ModelCalls.report(model.warnings, to: context.output)
        if model.tokenizer == nil {
            context.output.warning("\(arguments.text(of: directory) ?? url.path) has no tokenizer; tokenize, activations and embed need one (load model DIR tokenizer=FILE)")
        }
        let object = ModelObject(model, path: arguments.text(of: directory) ?? url.path)
        var table = TextTable(columns: 2)
        for (key, value) in object.facts() { table.append([key, value]) }
        context.output.print(table)
        return .object(object)
    }

    static let tokenizerPath = Positional.path("FILE", mustExist: true, help: "tokenizer.json, a WordPiece vocab.txt, or a model directory")

    static let loadTokenizer = Command(
        "load tokenizer", summary: "Load a tokenizer on its own (tokenizer.json, vocab.txt or a model directory).",
        parameters: [tokenizerPath], result: .object(TokenizerObject.kind),
        examples: ["tok = load tokenizer models/all-MiniLM-L6-v2/tokenizer.json"]
    ) { arguments, context in
        let url = try arguments[tokenizerPath]
        let tokenizer = try ModelCalls.run(at: arguments.span(of: tokenizerPath)) { try Tokenizer.load(url: url) }
        return .object(TokenizerObject(tokenizer, path: arguments.text(of: tokenizerPath) ?? url.path))
    }
}
