import Formats
import SAE

extension LayerAnalysisObject {
    /// Summary, contrast, residual geometry and one entry per latent (never-active latents have
    /// null statistics).
    public func exportJSON() throws -> JSONValue? {
        let contrast = analysis.contrast, ratio = contrast.ratio
        let latents = (0..<distributions.latentCount).map { latent -> JSONValue in
            let p = distributions.probabilities(latent: latent)
            return .object([
                "latent": .number(Double(latent)), "active_tokens": .number(Double(contrast.activeTokens[latent])),
                "p": p.map { .array($0.map(JSONValue.number)) } ?? .null,
                "mean_layer": distributions.meanLayer(latent: latent).map(JSONValue.number) ?? .null,
                "std_layer": distributions.layerStandardDeviation(latent: latent).map(JSONValue.number) ?? .null,
                "aggregate_variance": .number(contrast.aggregateVariance[latent]), "mean_token_variance": .number(contrast.meanTokenVariance[latent]),
                "ratio": .number(ratio[latent]), "aggregate_layers": .number(Double(contrast.aggregateLayers[latent])),
                "mean_token_layers": .number(contrast.meanTokenLayers[latent]),
            ])
        }
        var members: [String: JSONValue] = [
            "layers": .array(distributions.layerNumbers.map { .number(Double($0)) }), "tokens": .number(Double(analysis.tokens)),
            "summary": try SAEJSON.value(distributions.summary), "contrast": try SAEJSON.value(contrast.summary), "latents": .array(latents),
        ]
        if let geometry { members["residual"] = try SAEJSON.value(geometry) }
        if let document { members["document"] = .number(Double(document.index)) }
        if let prompt { members["prompt"] = .string(prompt) }
        return .object(members)
    }

    /// One row per latent.
    public func exportCSV() throws -> Table? {
        let count = distributions.latentCount, contrast = analysis.contrast, ratio = contrast.ratio
        let p = (0..<count).map { distributions.probabilities(latent: $0) }
        var names = ["latent", "active_tokens", "mean_layer", "std_layer"]
        var columns: [Table.Column] = [.numbers((0..<count).map(Double.init)), .numbers(contrast.activeTokens.map(Double.init)),
                                       .numbers((0..<count).map { distributions.meanLayer(latent: $0) ?? .nan }),
                                       .numbers((0..<count).map { distributions.layerStandardDeviation(latent: $0) ?? .nan })]
        for (position, number) in distributions.layerNumbers.enumerated() {
            names.append("p_\(number)")
            columns.append(.numbers(p.map { $0?[position] ?? .nan }))
        }
        names += ["aggregate_variance", "mean_token_variance", "ratio", "aggregate_layers", "mean_token_layers"]
        columns += [.numbers(contrast.aggregateVariance), .numbers(contrast.meanTokenVariance), .numbers(ratio),
                    .numbers(contrast.aggregateLayers.map(Double.init)), .numbers(contrast.meanTokenLayers)]
        return try Table(names: names, columns: columns)
    }
}
