import Foundation
import SAE

/// `load sae DIR [format=]`: an SAE from a directory in the native layout or one of the GPU
/// trainers' layouts (detected from the file names).
enum LoadSAECommand {
    static let directory = Positional.path("DIR", mustExist: true, help: "a directory written by save, SAELens, sparsify or mlsae")
    static let format = Option.choice("format", default: SAEFormatChoice.auto,
                                      help: "the layout: auto (from the file names), mindscope (= native), saelens, sparsify, mlsae")

    static let command = Command(
        "load sae", summary: "Load an SAE saved here or by SAELens, EleutherAI sparsify or mlsae.",
        parameters: [directory, format], result: .object(SAEObject.kind),
        examples: ["sae = load sae runs/sae", "s = load sae checkpoints/layer6 format=saelens"],
        discussion: """
        auto recognises sae.json (mindscope), cfg.json with sae_weights.safetensors (SAELens) or sae.safetensors \
        (sparsify), and config.json with model.safetensors (mlsae). Reading is strict: a missing, extra or wrongly \
        shaped tensor is an error naming it. What a layout lacks is printed as a note (docs/sae.md, "File layouts").
        """
    ) { arguments, context in
        let url = try arguments[directory]
        let shown = arguments.text(of: directory) ?? url.relativePath
        let loaded = try SAEInputs.calling(at: arguments.span(of: directory)) {
            try SAEFiles.load(from: url, format: try arguments[format].format)
        }
        for note in loaded.notes { context.output.print("note: " + note) }
        return .object(SAEObject(loaded.sae, state: loaded.trainingState, origin: "loaded from \(shown) (\(loaded.format.rawValue))"))
    }
}
