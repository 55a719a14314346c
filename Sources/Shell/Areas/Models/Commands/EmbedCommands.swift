import Formats
import Models
import Tensors

/// `embed MODEL DATA`, `similarity EMBEDDINGS [with EMBEDDINGS]`.
enum EmbedCommands {
    static let model = Positional.object("MODEL", ModelObject.self, help: "the model (a sentence-transformers checkpoint such as all-MiniLM-L6-v2)")
    static let data = ModelsParameters.textData("DATA", help: "the documents to run the model over")
    static let batch = Option.int("batch", default: 32, range: .between(1, 4096), help: "texts per forward pass")
    static let normalize = Option.flag("normalize", default: true, help: "divide each embedding by its L2 norm (sentence-transformers' Normalize)")

    static let embed = Command(
        "embed", summary: "Sentence embeddings as sentence-transformers computes them (mean pooling, L2 normalisation).",
        parameters: [model, data, batch, normalize], result: .object(EmbeddingsObject.kind),
        examples: [#"e = embed minilm ["A man is eating food.", "A man is eating pasta.", "A plane is taking off."]"#, "e = embed minilm fortunes"],
        discussion: """
        Each text is truncated to max_seq_length of sentence_bert_config.json (256 for all-MiniLM-L6-v2), \
        the last hidden state is averaged over all its tokens, then divided by its norm. Empty texts still \
        give a row (from the special tokens), so rows match the texts one to one.
        """
    ) { arguments, context in
        let named = try arguments[model]
        let texts = try arguments[data].documents
        let task = context.progress.start("embedding", total: texts.count, unit: "texts")
        defer { task.finish() }
        let normalized = try arguments[normalize]
        let (matrix, warnings) = try ModelCalls.run(at: arguments.span(of: data)) {
            try named.model.sentenceEmbeddings(texts, batchSize: try arguments[batch], normalize: normalized,
                                               progress: { task.update(completed: $0.completed) },
                                               isCancelled: { context.cancellation.isCancelled })
        }
        ModelCalls.report(warnings, to: context.output)
        return .object(EmbeddingsObject(matrix: matrix, texts: texts, modelName: named.model.name, normalized: normalized))
    }

    static let first = Positional.object("EMBEDDINGS", EmbeddingsObject.self, help: "embeddings to compare")
    static let second = Parameter<EmbeddingsObject?>(ParameterSpec(
        name: "OTHER", role: .positional, help: "embeddings to compare them with (default: each other)", valueLabel: "EMBEDDINGS",
        expected: "the name of an embeddings object", isRequired: false, preposition: "with",
        completion: .objects(kinds: [EmbeddingsObject.kind.name]), omitted: { EmbeddingsObject?.none as Any }) { values, workspace in
        try Convert.typedObject(values[0], label: "OTHER", as: EmbeddingsObject.self, in: workspace)
    })
    static let top = Option.int("top", range: .atLeast(1), help: "keep only the most similar pairs (default: all)")

    static let similarity = Command(
        "similarity", summary: "Cosine similarity of every pair of texts, most similar first.",
        parameters: [first, second, top], result: .object(TableObject.kind),
        examples: ["similarity e", "similarity queries with e top=5"],
        discussion: "With one set, each unordered pair of its texts; with two, every text of the first against every text of the second."
    ) { arguments, context in
        let a = try arguments[first]
        let b = try arguments[second]
        let table = try pairs(a, b, top: try arguments[top])
        context.output.print(display(table))
        return .object(TableObject(table, title: "cosine similarity of \(b == nil ? "pairs of texts" : "texts against texts")"))
    }

    /// Columns a, b, cosine; sorted by cosine, highest first (ties in the order of the pairs).
    static func pairs(_ a: EmbeddingsObject, _ b: EmbeddingsObject?, top: Int?) throws -> Table {
        let other = b ?? a
        guard a.matrix.shape[1] == other.matrix.shape[1] else {
            throw ShellError(.failed("embeddings of width \(a.matrix.shape[1]) and \(other.matrix.shape[1]) cannot be compared"))
        }
        let cosines = Tensor.cosineSimilarities(a.matrix, other.matrix).scalars
        let n = other.texts.count
        var rows: [(i: Int, j: Int, value: Double)] = []
        for i in a.texts.indices {
            for j in other.texts.indices where b != nil || j > i { rows.append((i, j, Double(cosines[i * n + j]))) }
        }
        rows = rows.enumerated().sorted { ($0.element.value, -$0.offset) > ($1.element.value, -$1.offset) }.map(\.element)
        if let top { rows = Array(rows.prefix(top)) }
        return try Table(names: ["a", "b", "cosine"],
                         columns: [.strings(rows.map { a.texts[$0.i] }), .strings(rows.map { other.texts[$0.j] }), .numbers(rows.map(\.value))])
    }

    /// The pairs as printed: texts quoted and cut to 48 characters (the stored table keeps them whole).
    static func display(_ table: Table) -> TextTable {
        var text = TextTable(headers: table.names, alignments: [.left, .left, .right])
        guard case let .strings(first) = table.columns[0], case let .strings(second) = table.columns[1],
              case let .numbers(values) = table.columns[2] else { return text }
        for row in 0..<table.rowCount {
            text.append([TokensObject.quoted(first[row], limit: 48), TokensObject.quoted(second[row], limit: 48), Format.number(values[row])])
        }
        return text
    }
}
