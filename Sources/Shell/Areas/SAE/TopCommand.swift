import Foundation
import Formats
import SAE

/// `top SAE latent=I ACTS [n=] [radius=] [layer=]`: a latent's strongest activations with the
/// text around them.
enum TopCommand {
    static let sae = Positional.object("SAE", SAEObject.self, help: "the SAE")
    static let acts = Positional.object("ACTS", ActivationsObject.self, help: "the activations to search (recorded with a tokenizer for the text)")
    static let latent = Option.int("latent", range: .atLeast(0), help: "the latent (0-based); required")
    static let count = Option.int("n", default: 10, range: .between(1, 1000), help: "how many examples")
    static let radius = Option.int("radius", default: 8, range: .between(0, 100), help: "tokens of context either side")
    static let layer = Option.int("layer", range: .atLeast(0), help: "only this recorded layer (hidden-state number; default: all)")

    static let command = Command(
        "top", summary: "Show the tokens (and layers) where an SAE latent is most active, with the text around them.",
        parameters: [sae, acts, latent, count, radius, layer], result: .object(TableObject.kind),
        examples: ["top sae latent=12 acts", "t = top sae latent=7 acts n=20 radius=4 layer=3"],
        discussion: "The token is shown in [brackets]; the table (rank, activation, layer, token position, document, token, context) is stored and exports as CSV or JSON."
    ) { arguments, context in
        let object = try arguments[sae]
        let set = try arguments[acts]
        guard let chosen = try arguments[latent] else {
            throw ShellError(.missingOption(command: "top", option: "latent"), at: arguments.span(of: sae))
        }
        guard chosen < object.sae.latentCount else {
            throw arguments.error(latent, "is out of range: the SAE has \(object.sae.latentCount) latents (0…\(object.sae.latentCount - 1))")
        }
        let view = try SAEInputs.view(for: object.sae, set, span: arguments.span(of: acts))
        var position: Int?
        if let number = try arguments[layer] {
            guard let found = view.layerNumbers.firstIndex(of: number) else {
                throw arguments.error(layer, "is not one of the layers read: \(view.layerNumbers.map(String.init).joined(separator: ", "))")
            }
            position = found
        }
        let examples = try SAEInputs.calling(at: arguments.span(of: acts)) {
            try MaxActivatingExamples.find(object.sae, on: view, latent: chosen, count: try arguments[count], radius: try arguments[radius], layer: position)
        }
        let table = try Self.table(examples)
        if examples.isEmpty {
            context.output.print("latent \(chosen) is never active on \(arguments.text(of: acts) ?? "ACTS")")
        } else {
            var text = TextTable(headers: ["#", "activation", "layer", "token", "context"], alignments: [.right, .right, .right, .left, .left])
            for (rank, example) in examples.enumerated() {
                text.append(["\(rank + 1)", Format.number(Double(example.activation)), "\(example.layer)",
                             example.context.map { Self.visible($0.pieces[$0.focus]) } ?? "\(example.token)", Self.contextText(example)])
            }
            context.output.print(text)
        }
        return .object(TableObject(table, title: "top activations of latent \(chosen) of \(arguments.text(of: sae) ?? "SAE")"))
    }

    /// The context with the example's token in brackets (`… the [cat] sat …`), or `–` without text.
    static func contextText(_ example: ActivatingExample) -> String {
        guard let context = example.context else { return "–" }
        let pieces = context.pieces.enumerated().map { index, piece in
            guard index == context.focus else { return visible(piece) }
            let word = visible(piece)
            return word.hasPrefix(" ") ? " [" + word.dropFirst() + "]" : "[" + word + "]"
        }
        return joined(pieces)
    }

    /// Pieces as text: byte-level BPE pieces carry their spaces and are concatenated; WordPiece
    /// pieces are separated by spaces.
    static func joined(_ pieces: [String]) -> String {
        pieces.joined(separator: pieces.contains { $0.hasPrefix(" ") || $0.hasPrefix("[ ") } ? "" : " ")
    }

    /// A piece with newlines and tabs shown as symbols, so a table row stays one line.
    static func visible(_ piece: String) -> String {
        piece.replacingOccurrences(of: "\n", with: "⏎").replacingOccurrences(of: "\t", with: "⇥")
    }

    /// rank, activation, layer, token, document, piece, context.
    static func table(_ examples: [ActivatingExample]) throws -> Table {
        try Table(names: ["rank", "activation", "layer", "token", "document", "piece", "context"],
                  columns: [.numbers(examples.indices.map { Double($0 + 1) }), .numbers(examples.map { Double($0.activation) }),
                            .numbers(examples.map { Double($0.layer) }), .numbers(examples.map { Double($0.token) }),
                            .numbers(examples.map { $0.context.map { Double($0.document) } ?? .nan }),
                            .strings(examples.map { $0.context.map { $0.pieces[$0.focus] } ?? "" }), .strings(examples.map(contextText))])
    }
}
