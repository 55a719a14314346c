import Foundation
import Formats
import Tensors

/// EleutherAI sparsify's SAE directory (`cfg.json` + `sae.safetensors`).
///
/// sparsify encodes z = topk(relu(encoder(x − b_dec))) and decodes z·W_dec + b_dec — this
/// module's SAE without standardisation (ReLU before or after top-k gives the same codes' values
/// and reconstruction). Skip connections and transcoders are not SAEs of this kind and are refused.
enum SparsifyLayout {
    static let configFile = "cfg.json", weightsFile = "sae.safetensors"

    struct Config: Codable {
        var activation: String?
        var expansion_factor: Int?
        var normalize_decoder: Bool?
        var num_latents: Int?
        var k: Int
        var multi_topk: Bool?
        var skip_connection: Bool?
        var transcode: Bool?
        var d_in: Int
        var mindscope_layers: [Int]?
    }

    static func save(_ sae: SparseAutoencoder, state: TrainingState?, to directory: URL) throws -> [String] {
        let c = sae.configuration
        guard !c.standardize else {
            throw SAEError.unsupportedByFormat(format: "sparsify", feature: "input standardisation (train with standardize off, or save as mindscope/SAELens/mlsae)")
        }
        var writer = SafetensorsWriter()
        writer.add("encoder.weight", sae.parameters.encoderWeight)
        writer.add("encoder.bias", sae.parameters.encoderBias)
        writer.add("W_dec", sae.parameters.decoderWeight)
        writer.add("b_dec", sae.parameters.preEncoderBias)
        try writer.write(to: directory.appendingPathComponent(weightsFile))
        let expansion = c.latentCount % c.inputWidth == 0 ? c.latentCount / c.inputWidth : 0
        let config = Config(activation: "topk", expansion_factor: expansion, normalize_decoder: true, num_latents: c.latentCount, k: c.k,
                            multi_topk: false, skip_connection: false, transcode: false, d_in: c.inputWidth, mindscope_layers: c.layers)
        try JSONFile.write(config, to: directory.appendingPathComponent(configFile))
        return ["sparsify stores one SAE per hookpoint: the layers \(c.layers) are kept under mindscope_layers"]
            + (state == nil ? [] : ["sparsify keeps no training state: Adam's moments and the dead-latent counters were not saved"])
    }

    static func load(_ directory: URL) throws -> LoadedSAE {
        let configURL = directory.appendingPathComponent(configFile), path = configURL.relativePath
        let config = try JSONFile.decode(Config.self, from: configURL)
        if let activation = config.activation, activation != "topk" {
            throw SAEError.invalidFile(path: path, reason: "activation '\(activation)' is not top-k")
        }
        if config.skip_connection == true { throw SAEError.invalidFile(path: path, reason: "skip connections (W_skip) are not supported") }
        if config.transcode == true { throw SAEError.invalidFile(path: path, reason: "a transcoder is not an autoencoder") }
        let d = config.d_in
        let f = (config.num_latents ?? 0) > 0 ? config.num_latents! : d * (config.expansion_factor ?? 0)
        let configuration = SAEConfiguration(inputWidth: d, latentCount: f, k: config.k, layers: config.mindscope_layers ?? [0], standardize: false)
        try configuration.validate()
        var file = try StrictTensors(directory.appendingPathComponent(weightsFile))
        let parameters = SAEParameters(encoderWeight: try file.tensor("encoder.weight", shape: [f, d]),
                                       decoderWeight: try file.tensor("W_dec", shape: [f, d]),
                                       preEncoderBias: try file.tensor("b_dec", shape: [d]),
                                       encoderBias: try file.tensor("encoder.bias", shape: [f]))
        try file.checkNothingLeft()
        let notes = config.mindscope_layers == nil ? ["no layer list in cfg.json: read as one layer (0)"] : []
        return LoadedSAE(sae: try SparseAutoencoder(configuration: configuration, parameters: parameters), trainingState: nil,
                         format: .sparsify, notes: notes)
    }
}
