import Foundation
import Formats
import SAE

/// The result of `layers` (kind `sae-layers`): each latent's distribution over layers, the
/// aggregate-versus-single-token contrast and the residual stream's geometry.
public struct LayerAnalysisObject: WorkspaceObject {
    /// The kind `sae-layers`.
    public static let kind = ObjectKind(
        name: "sae-layers", summary: "which SAE latents live at which layers: p(l) per latent, spreads, the token contrast, residual geometry",
        exports: [.json: "{\"summary\", \"contrast\", \"residual\": {layers, adjacent_cosine, norms, centred}, \"latents\": [{latent, active_tokens, p, mean_layer, std_layer, aggregate_variance, mean_token_variance, ratio, aggregate_layers, mean_token_layers}]}",
                  .csv: "one row per latent: latent, active_tokens, mean_layer, std_layer, p_<layer> for each layer, aggregate_variance, mean_token_variance, ratio, aggregate_layers, mean_token_layers"])

    /// The library's analysis.
    public let analysis: LayerAnalysisResult
    /// Adjacent-layer cosines and norms (nil for a single token).
    public let geometry: ResidualGeometry?
    /// Workspace names, for titles.
    let saeName: String, actsName: String
    /// The document analysed alone, with its text (nil: all of ACTS).
    let document: (index: Int, text: String)?
    /// The prompt analysed alone (nil: ACTS).
    let prompt: String?

    init(_ analysis: LayerAnalysisResult, geometry: ResidualGeometry?, saeName: String, actsName: String, document: (Int, String)?,
         prompt: String? = nil) {
        self.analysis = analysis
        self.geometry = geometry
        self.saeName = saeName
        self.actsName = actsName
        self.document = document.map { (index: $0.0, text: $0.1) }
        self.prompt = prompt
    }

    var distributions: LayerDistributions { analysis.distributions }
    var layerCount: Int { distributions.layerCount }

    /// `2041 active latents over 7 layers; layer std 0.81 ± 0.52 (0.116 ± 0.074 of L)`.
    public var summary: String {
        let s = distributions.summary
        return "\(s.activeLatents) active latents of \(distributions.latentCount) over \(Format.count(layerCount, "layer"))"
            + (document.map { " in document \($0.index)" } ?? "") + (prompt.map { " in \"\(Self.clipped($0, 40))\"" } ?? "") + "; layer std \(Format.number(s.meanLayerStd, significant: 3)) ± "
            + "\(Format.number(s.stdLayerStd, significant: 3)) (\(Format.number(s.meanLayerStdFraction, significant: 3)) ± "
            + "\(Format.number(s.stdLayerStdFraction, significant: 3)) of L)"
    }

    /// `6144 latents × 7 layers`.
    public var shape: String { "\(distributions.latentCount) latents × \(Format.count(layerCount, "layer"))" }
    /// Counts, totals and per-latent statistics.
    public var memoryBytes: Int { 8 * distributions.latentCount * (2 * layerCount + 6) }
    /// What `layers` printed.
    public func details() -> String { ([summary] + report()).joined(separator: "\n") }

    /// The printed sections: spreads and contrast, then per layer the geometry and latent counts.
    func report() -> [String] {
        let s = distributions.summary, c = analysis.contrast.summary
        var facts = TextTable(columns: 2)
        if let document { facts.append(["document", "\(document.index): \(Self.clipped(document.text, 100))"]) }
        if let prompt { facts.append(["prompt", Self.clipped(prompt, 100)]) }
        facts.append(["tokens", "\(analysis.tokens)"])
        facts.append(["active latents", "\(s.activeLatents) of \(distributions.latentCount)"])
        facts.append(["layer std", "mean \(Format.number(s.meanLayerStd, significant: 3)), sd \(Format.number(s.stdLayerStd, significant: 3)) layers "
                      + "(\(Format.number(s.meanLayerStdFraction, significant: 3)) ± \(Format.number(s.stdLayerStdFraction, significant: 3)) of \(layerCount) layers)"])
        facts.append(["variance over layers", "aggregate \(Format.number(c.meanAggregateVariance, significant: 3)), per token "
                      + "\(Format.number(c.meanTokenVariance, significant: 3)), ratio \(Format.number(c.varianceRatio, significant: 3))"])
        facts.append(["multi-layer latents", "\(c.multiLayerInAggregate) at ≥ 2 layers in aggregate (share ≥ \(Format.number(analysis.contrast.minimumShare))); "
                      + "\(c.singleLayerPerToken) of them at < 1.5 layers per token"])
        var layers = TextTable(headers: ["layer", "latents with mean layer here", "norm mean", "norm sd", "cos to next (centred)"],
                               alignments: [.left, .right, .right, .right, .right])
        let homes = homeCounts()
        for (position, number) in distributions.layerNumbers.enumerated() {
            let norm = geometry?.norms[position]
            let cosine = geometry.flatMap { position < $0.adjacentCosine.count ? $0.adjacentCosine[position] : nil }
            layers.append(["\(number)", "\(homes[position])", norm.map { Format.number($0.mean) } ?? "–", norm.map { Format.number($0.std) } ?? "–",
                           cosine.map { "\(Format.number($0.mean, significant: 3)) ± \(Format.number($0.std, significant: 2))" } ?? "–"])
        }
        return [facts.render(), layers.render()]
    }

    /// Active latents whose mean layer rounds to each layer position.
    func homeCounts() -> [Int] {
        var counts = [Int](repeating: 0, count: layerCount)
        for latent in 0..<distributions.latentCount {
            if let mean = distributions.meanLayer(latent: latent) { counts[min(layerCount - 1, max(0, Int(mean.rounded())))] += 1 }
        }
        return counts
    }

    static func clipped(_ text: String, _ length: Int) -> String {
        text.count <= length ? text : String(text.prefix(length - 1)) + "…"
    }
}
