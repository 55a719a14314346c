import Foundation
import Formats
import Tensors

/// SAELens's TopK SAE directory (`cfg.json` + `sae_weights.safetensors`), as SAELens 6 writes it;
/// SAELens 5 configs (`activation_fn_str: "topk"`, `activation_fn_kwargs.k`) are read too.
///
/// SAELens encodes z = topk(relu)((norm(x) − b_dec·apply)·W_enc + b_enc) and decodes
/// z·W_dec + b_dec, mapped back through norm. With `normalize_activations: "layer_norm"` the norm
/// is mlsae's standardisation (mean, unbiased std + 1e-5); `apply_b_dec_to_input: false` is folded
/// into the encoder bias (b_enc + b_dec·W_enc), so it loads exactly.
enum SAELensLayout {
    static let configFile = "cfg.json", weightsFile = "sae_weights.safetensors"

    struct Config: Codable {
        struct ActivationArguments: Codable { var k: Int? }
        struct Meta: Codable {
            var model_name: String?
            var hook_name: String?
        }
        var architecture: String?
        var d_in: Int
        var d_sae: Int
        var k: Int?
        var activation_fn_str: String?
        var activation_fn_kwargs: ActivationArguments?
        var apply_b_dec_to_input: Bool?
        var normalize_activations: String?
        var reshape_activations: String?
        var dtype: String?
        var device: String?
        var meta: Meta?
        var mindscope_layers: [Int]?
    }

    static func save(_ sae: SparseAutoencoder, state: TrainingState?, to directory: URL) throws -> [String] {
        let c = sae.configuration
        if c.standardize && c.standardizationEpsilon != 1e-5 {
            throw SAEError.unsupportedByFormat(format: "SAELens", feature: "a standardisation ε other than 1e-5 (it is \(c.standardizationEpsilon))")
        }
        var writer = SafetensorsWriter()
        writer.add("W_enc", sae.parameters.encoderWeight.transposed())
        writer.add("W_dec", sae.parameters.decoderWeight)
        writer.add("b_enc", sae.parameters.encoderBias)
        writer.add("b_dec", sae.parameters.preEncoderBias)
        try writer.write(to: directory.appendingPathComponent(weightsFile))
        let config = Config(architecture: "topk", d_in: c.inputWidth, d_sae: c.latentCount, k: c.k, activation_fn_str: nil,
                            activation_fn_kwargs: nil, apply_b_dec_to_input: true, normalize_activations: c.standardize ? "layer_norm" : "none",
                            reshape_activations: "none", dtype: "float32", device: "cpu", meta: nil, mindscope_layers: c.layers)
        try JSONFile.write(config, to: directory.appendingPathComponent(configFile))
        return ["SAELens has one hook per SAE: the layers \(c.layers) are kept under mindscope_layers, which SAELens ignores"]
            + (state == nil ? [] : ["SAELens keeps no training state: Adam's moments and the dead-latent counters were not saved"])
    }

    static func load(_ directory: URL) throws -> LoadedSAE {
        let configURL = directory.appendingPathComponent(configFile), path = configURL.relativePath
        let config = try JSONFile.decode(Config.self, from: configURL)
        let topK = config.architecture == "topk" || config.activation_fn_str == "topk"
        guard topK, let k = config.k ?? config.activation_fn_kwargs?.k else {
            let kind = config.architecture ?? config.activation_fn_str ?? "unknown"
            throw SAEError.invalidFile(path: path, reason: "architecture '\(kind)' is not a TopK SAE (or k is missing)")
        }
        let standardize: Bool
        switch config.normalize_activations ?? "none" {
        case "none": standardize = false
        case "layer_norm": standardize = true
        case let other: throw SAEError.invalidFile(path: path, reason: "normalize_activations '\(other)' cannot be represented (only none and layer_norm)")
        }
        if let reshape = config.reshape_activations, reshape != "none" {
            throw SAEError.invalidFile(path: path, reason: "reshape_activations '\(reshape)' is not supported")
        }
        let (d, f) = (config.d_in, config.d_sae)
        let layers = config.mindscope_layers ?? [0]
        let configuration = SAEConfiguration(inputWidth: d, latentCount: f, k: k, layers: layers, standardize: standardize)
        try configuration.validate()
        var file = try StrictTensors(directory.appendingPathComponent(weightsFile))
        let encoder = try file.tensor("W_enc", shape: [d, f]).transposed()
        let decoder = try file.tensor("W_dec", shape: [f, d]), preBias = try file.tensor("b_dec", shape: [d])
        var bias = try file.optionalTensor("b_enc", shape: [f]) ?? Tensor(zeros: [f])
        try file.checkNothingLeft()
        var notes = config.mindscope_layers == nil ? ["no layer list in cfg.json: read as one layer (0)"] : []
        if config.apply_b_dec_to_input == false {
            bias = bias + matvec(encoder, preBias)
            notes.append("apply_b_dec_to_input was false: b_dec·W_enc folded into the encoder bias")
        }
        let parameters = SAEParameters(encoderWeight: encoder, decoderWeight: decoder, preEncoderBias: preBias, encoderBias: bias)
        return LoadedSAE(sae: try SparseAutoencoder(configuration: configuration, parameters: parameters), trainingState: nil,
                         format: .saelens, notes: notes)
    }
}
