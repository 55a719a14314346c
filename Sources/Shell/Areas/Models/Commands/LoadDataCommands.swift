import Foundation
import Models

/// `load text FILE...`, `text "..." ...`, `load activations FILE|DIR`.
enum LoadDataCommands {
    static let textFiles = Positional.paths("FILE", mustExist: true,
                                            help: "text files (one document per line), .jsonl, .csv/.tsv, or fortune files; several are read in order into one text")
    static let format = Option.choice("format", TextFormatChoice.self,
                                      help: "how to read the file (default: by extension; a plain-text file with lines holding only % is a fortune file)")
    static let column = Option.string("column", help: "the column holding the text in a .csv/.tsv file (default text)")
    static let field = Option.string("field", help: "the field holding the text in a .jsonl file (default text)")

    static let loadText = Command(
        "load text", summary: "Read documents: one per line, .jsonl records, a .csv column, or fortune records.",
        parameters: [textFiles, format, column, field], result: .object(TextObject.kind),
        examples: ["fortunes = load text /usr/share/games/fortunes/fortunes", "docs = load text data/items.csv column=scenario",
                   "quotes = load text data/quotes.txt format=fortune",
                   "corpus = load text /usr/share/games/fortunes/literature /usr/share/games/fortunes/riddles"],
        discussion: """
        Plain text keeps empty lines as (empty) documents so document i is line i + 1; activations skips them. \
        Fortune files (records separated by lines holding only %, as in /usr/share/games/fortunes) keep each \
        record's line breaks. Several files make one text: their documents in the order of the files, each \
        file read by its own extension unless format= is given.
        """
    ) { arguments, context in
        let urls = try arguments[textFiles]
        let chosen = try arguments[format]?.format
        let expected = urls.map { chosen ?? TextCorpus.Format.of($0) }
        if try arguments[column] != nil, !expected.contains(.table) { throw arguments.error(column, "applies to .csv and .tsv files (or format=csv)") }
        if try arguments[field] != nil, !expected.contains(.jsonLines) { throw arguments.error(field, "applies to .jsonl files (or format=jsonl)") }
        let corpora = try ModelCalls.run(at: arguments.span(of: textFiles)) {
            try urls.map { try TextCorpus.load($0, format: chosen, column: try arguments[column], field: try arguments[field] ?? "text") }
        }
        let path = arguments.text(of: textFiles) ?? urls.map(\.path).joined(separator: " ")
        for (url, corpus) in zip(urls, corpora) where corpus.documents.isEmpty {
            throw ShellError(.failed("\(url.path) holds no documents"), at: arguments.span(of: textFiles))
        }
        if let other = zip(urls, corpora).first(where: { $0.1.format != corpora[0].format }) {
            throw ShellError(.failed("\(urls[0].lastPathComponent) reads as \(TextObject.formatDescription(corpora[0].format)) but "
                                     + "\(other.0.lastPathComponent) as \(TextObject.formatDescription(other.1.format)); give format= or load them separately"),
                             at: arguments.span(of: textFiles))
        }
        let corpus = corpora.count == 1 ? corpora[0]
            : TextCorpus(documents: corpora.flatMap(\.documents), source: path, format: corpora[0].format)
        let empty = corpus.documents.filter { $0.allSatisfy(\.isWhitespace) }.count
        var note = "read \(Format.count(corpus.documents.count, "document"))"
        if corpora.count > 1 { note += " from \(corpora.count) files (" + corpora.map { "\($0.documents.count)" }.joined(separator: " + ") + ")" }
        if empty > 0 { note += " (\(empty) empty: activations skips them)" }
        if corpora.contains(where: { $0.format == .fortune }) && chosen == nil {
            note += " as fortune records (lines holding only % separate them; format=lines reads one document per line)"
        }
        context.output.print(note)
        return .object(TextObject(corpus, origin: path))
    }

    static let given = Parameter<[String]>(ParameterSpec(
        name: "TEXT", role: .positional, help: "quoted strings (or lists of them), one document each", valueLabel: "TEXT",
        expected: "quoted strings", isRequired: true, isVariadic: true) { values, _ in
        try values.flatMap { value -> [String] in
            let items: [SyntaxValue]
            if case let .list(listed) = value.kind { items = listed } else { items = [value] }
            return try items.map { item in
                guard case let .string(text) = item.kind else {
                    throw ShellError(.wrongType(parameter: "TEXT", expected: "a quoted string", found: item.description), at: item.span)
                }
                return text
            }
        }
    })

    static let text = Command(
        "text", summary: "Make documents from quoted strings, one document each.", parameters: [given], result: .object(TextObject.kind),
        examples: [#"s = text "A man is eating food." "A man is riding a horse.""#]
    ) { arguments, _ in
        let documents = try arguments[given]
        return .object(TextObject(TextCorpus(documents: documents, source: TextObject.givenSource), origin: "the statement"))
    }

    static let activationsPath = Positional.path("PATH", mustExist: true, help: "a .safetensors file written by save, or an activation store directory")
    static let tokenizerOption = ModelsParameters.object("tokenizer", kinds: [ModelObject.kind.name, TokenizerObject.kind.name],
                                                         help: "the model or tokenizer that made the token ids (default: the recorded model directory's, when it exists)")

    static let loadActivations = Command(
        "load activations", summary: "Open saved activations (a .safetensors file or a store directory), memory-mapped.",
        parameters: [activationsPath, tokenizerOption], result: .object(ActivationsObject.kind),
        examples: ["acts = load activations runs/fortunes.safetensors", "acts = load activations runs/store tokenizer=minilm"]
    ) { arguments, context in
        let url = try arguments[activationsPath]
        let path = arguments.text(of: activationsPath) ?? url.path
        let set = try ModelCalls.run(at: arguments.span(of: activationsPath)) { try ActivationSet.load(url) }
        var isDirectory: ObjCBool = false
        _ = FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
        var tokenizer: Tokenizer?
        switch try arguments[tokenizerOption]?.object {
        case let model as ModelObject: tokenizer = model.model.tokenizer
        case let named as TokenizerObject: tokenizer = named.tokenizer
        default: tokenizer = recordedTokenizer(set, output: context.output)
        }
        if !set.isComplete {
            context.output.warning("\(path) is partial: the run that wrote it was stopped after \(Format.count(set.documentCount, "document"))")
        }
        return .object(ActivationsObject(set, storage: isDirectory.boolValue ? .store(path) : .file(path), tokenizer: tokenizer))
    }

    /// The tokenizer of the model directory the set records, when it is still there.
    static func recordedTokenizer(_ set: ActivationSet, output: Output) -> Tokenizer? {
        guard let directory = set.metadata["model_directory"] else { return nil }
        let url = URL(fileURLWithPath: Convert.expandingTilde(directory))
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        do {
            return try Tokenizer.load(directory: url, modelType: set.metadata["architecture"])
        } catch {
            output.warning("cannot read the tokenizer of \(directory) (\(error)); give tokenizer=MODEL to show text")
            return nil
        }
    }
}
