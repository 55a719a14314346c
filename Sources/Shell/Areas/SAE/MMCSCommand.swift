import SAE

/// `mmcs SAE [OTHER]`: decoder mean max cosine similarity, within one SAE or between two.
enum MMCSCommand {
    static let sae = Positional.object("SAE", SAEObject.self, help: "the SAE")
    static let other = Positional.optionalObject("OTHER", SAEObject.self, help: "a second SAE of the same width")

    static let command = Command(
        "mmcs", summary: "Mean max cosine similarity of decoder directions: within an SAE, or against a second one.",
        parameters: [sae, other], examples: ["mmcs sae", "mmcs sae sae2"],
        discussion: """
        Within one SAE, each latent's largest cosine with any other latent of it (all others, not only lower-indexed \
        ones as in mlsae's figure), averaged; near 1 means duplicated features. With OTHER, each latent's largest cosine \
        with any latent of OTHER: how much of SAE's dictionary OTHER recovers.
        """
    ) { arguments, context in
        let first = try arguments[sae]
        let values: [Float]
        var what = "within \(arguments.text(of: sae) ?? "SAE")"
        if let second = try arguments[other] {
            guard second.sae.inputWidth == first.sae.inputWidth else {
                throw arguments.error(other, "has decoder directions of width \(second.sae.inputWidth), \(arguments.text(of: sae) ?? "SAE") of width \(first.sae.inputWidth); MMCS compares SAEs of one width")
            }
            values = try SAEInputs.calling(at: arguments.span(of: other)) { try DecoderSimilarity.maxCosineSimilarities(first.sae, to: second.sae) }
            what = "of \(arguments.text(of: sae) ?? "SAE") against \(arguments.text(of: other) ?? "OTHER")"
        } else {
            values = DecoderSimilarity.maxCosineSimilarities(first.sae)
        }
        let sorted = values.map(Double.init).sorted()
        let mean = sorted.reduce(0, +) / Double(max(sorted.count, 1))
        func quantile(_ q: Double) -> Double { sorted.isEmpty ? .nan : sorted[min(sorted.count - 1, Int(q * Double(sorted.count - 1)))] }
        context.output.print("MMCS \(what): \(Format.number(mean)) over \(sorted.count) latents "
                             + "(median \(Format.number(quantile(0.5))), 10% \(Format.number(quantile(0.1))), 90% \(Format.number(quantile(0.9))), "
                             + "\(sorted.filter { $0 > 0.9 }.count) above 0.9)")
        return .done
    }
}
