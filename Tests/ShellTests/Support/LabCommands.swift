import Foundation
import Shell

// A small area of commands and object kinds for binding, completion and session tests: the
// shapes the science areas will declare (multi-word verbs, a command that updates its argument,
// enum, list and custom options, prepositions, paths with extensions).

struct Vectors: WorkspaceObject {
    static let kind = ObjectKind(name: "vectors", summary: "rows of numbers")
    let rows: [[Double]]
    var summary: String { "\(rows.count) vectors" }
    var shape: String { Format.shape([rows.count, rows.first?.count ?? 0]) }
    var memoryBytes: Int { rows.count * (rows.first?.count ?? 0) * 8 }
}

struct TinySAE: WorkspaceObject {
    static let kind = ObjectKind(name: "sae", summary: "a sparse autoencoder")
    let k: Int
    let steps: Int
    var summary: String { "k=\(k), \(steps) steps" }
    var shape: String { "\(k) latents" }
    var memoryBytes: Int { 1024 }
}

enum Pool: String, ChoiceValue { case none, mean, last }
enum LabChart: String, ChoiceValue { case line, bar }

enum Lab {
    static let acts = Positional.object("ACTS", Vectors.self, help: "vectors to train on")
    static let k = Option.int("k", default: 32, range: .atLeast(1), help: "latents kept per token")
    static let lr = Option.number("lr", default: 1e-3, range: .greaterThan(0), help: "learning rate")
    static let pool = Option.choice("pool", default: Pool.none, help: "how tokens are pooled")
    static let alphas = Option.numbers("alphas", default: [1, 10], range: .greaterThan(0), help: "ridge penalties")
    static let seed = Option.int("seed", range: .atLeast(0), help: "seed")
    static let verbose = Option.flag("verbose", default: false, help: "print more")

    static let train = Command(
        "train sae", summary: "Train a tiny SAE.", parameters: [acts, k, lr, pool, alphas, seed, verbose], result: .object(TinySAE.kind),
        examples: ["sae = train sae acts k=8"]
    ) { arguments, context in
        let k = try arguments[k]
        if k > 64 { throw arguments.error(Lab.k, "must be at most the width 64") }
        context.output.print("k \(k) lr \(try arguments[lr]) pool \(try arguments[pool].rawValue) alphas \(try arguments[alphas]) seed \(String(describing: try arguments[seed]))")
        return .object(TinySAE(k: k, steps: 0))
    }

    static let sae = Positional.object("SAE", TinySAE.self, help: "the SAE to train further")
    static let steps = Option.int("steps", default: 10, range: .atLeast(1), help: "steps to add")

    static let trainMore = Command(
        "train sae more", summary: "Train an SAE further.", parameters: [sae, steps], result: .updates(TinySAE.kind, argument: "SAE"),
        examples: ["train sae more sae steps=5"]
    ) { arguments, _ in
        let sae = try arguments[sae]
        return .object(TinySAE(k: sae.k, steps: sae.steps + (try arguments[steps])))
    }

    static let file = Positional.path("FILE", mustExist: true, extensions: ["csv"], help: "a CSV of numbers")

    static let load = Command(
        "load vectors", summary: "Read vectors from a CSV file.", parameters: [file], result: .object(Vectors.kind),
        examples: ["v = load vectors data.csv"]
    ) { arguments, _ in
        let text = try String(contentsOf: try arguments[file], encoding: .utf8)
        let rows = text.split(separator: "\n").map { $0.split(separator: ",").compactMap { Double($0) } }
        return .object(Vectors(rows: rows))
    }

    static let chart = Positional.choice("KIND", LabChart.self, help: "the chart")
    static let plotted = Positional.anyObject("NAME", help: "what to plot")
    static let figure = Positional.optionalPath("FILE", mustExist: false, extensions: ["png"], after: "to", help: "where to write it")

    static let plot = Command(
        "plot", summary: "Pretend to plot.", parameters: [chart, plotted, figure, verbose], examples: ["plot line v to out.png"]
    ) { arguments, context in
        let url = try arguments[figure] ?? context.figureURL(kind: try arguments[chart].rawValue)
        context.recordFigure(url)
        context.output.print("\(try arguments[chart].rawValue) of \(try arguments[plotted].name) to \(url.lastPathComponent)")
        return .done
    }

    static let area = CommandArea(name: "lab", title: "test commands", commands: [train, trainMore, load, plot],
                                  kinds: [Vectors.kind, TinySAE.kind])

    /// The standard areas plus the lab area; the lab's own `plot` (a binding test of
    /// `KIND NAME [to FILE]`) stands in for the figures area's, and its tiny `train sae` and
    /// `sae` kind for the SAE area's.
    static let registry = CommandRegistry(areas: CommandArea.all.filter { ![CommandArea.figures.name, CommandArea.sae.name].contains($0.name) } + [area])
}
