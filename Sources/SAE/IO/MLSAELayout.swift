import Foundation
import Formats
import Tensors

/// The mlsae layout (`config.json` + `model.safetensors`, as `PyTorchModelHubMixin` saves an
/// `MLSAE`): encoder.weight [F, D], decoder.weight [D, F], pre_encoder_bias [D] and the
/// last_nonzero buffer (I64 [F], steps since each latent fired). Lightning checkpoints that prefix
/// the names with `autoencoder.` are read too.
enum MLSAELayout {
    static let configFile = "config.json", weightsFile = "model.safetensors"

    struct Config: Codable {
        var layers: [Int]?
        var n_inputs: Int
        var n_latents: Int
        var k: Int
        var dead_steps_threshold: Int?
        var dead_threshold: Double?
        var auxk: Int?
        var standardize: Bool?
        var lens: Bool?
    }

    /// mlsae's default dead_steps_threshold: 10M tokens // (batch 1 × length 2048 × 64 accumulated batches).
    static let referenceDeadSteps = 10_000_000 / (1 * 2048 * 64)

    static func save(_ sae: SparseAutoencoder, state: TrainingState?, to directory: URL) throws -> [String] {
        let c = sae.configuration
        guard !sae.hasEncoderBias else { throw SAEError.unsupportedByFormat(format: "mlsae", feature: "a non-zero encoder bias") }
        if c.standardize && c.standardizationEpsilon != 1e-5 {
            throw SAEError.unsupportedByFormat(format: "mlsae", feature: "a standardisation ε other than 1e-5 (it is \(c.standardizationEpsilon))")
        }
        var writer = SafetensorsWriter()
        writer.add("encoder.weight", sae.parameters.encoderWeight)
        writer.add("decoder.weight", sae.parameters.decoderWeight.transposed())
        writer.add("pre_encoder_bias", sae.parameters.preEncoderBias)
        // Steps since firing, rounded up, from our example counters; zeros (just fired) without a state.
        let batch = Int64(state?.configuration.batchSize ?? 1)
        let steps = state.map { $0.examplesSinceFired.map { (Int64($0) + batch - 1) / batch } } ?? [Int64](repeating: 0, count: c.latentCount)
        writer.add("last_nonzero", int64s: steps, shape: [c.latentCount])
        try writer.write(to: directory.appendingPathComponent(weightsFile))
        let deadSteps = state.map { Swift.max(1, $0.configuration.deadTokens * c.layerCount / $0.configuration.batchSize) } ?? referenceDeadSteps
        let config = Config(layers: c.layers, n_inputs: c.inputWidth, n_latents: c.latentCount, k: c.k, dead_steps_threshold: deadSteps,
                            dead_threshold: Double(state?.configuration.deadThreshold ?? 1e-3), auxk: state?.configuration.auxK ?? 256,
                            standardize: c.standardize, lens: false)
        try JSONFile.write(config, to: directory.appendingPathComponent(configFile))
        return state == nil ? [] : ["mlsae keeps no optimizer state: Adam's moments were not saved"]
    }

    static func load(_ directory: URL) throws -> LoadedSAE {
        let configURL = directory.appendingPathComponent(configFile), path = configURL.relativePath
        let config = try JSONFile.decode(Config.self, from: configURL)
        if config.lens == true { throw SAEError.invalidFile(path: path, reason: "tuned-lens transforms (lens: true) are not supported") }
        let (d, f) = (config.n_inputs, config.n_latents)
        let configuration = SAEConfiguration(inputWidth: d, latentCount: f, k: config.k, layers: config.layers ?? [0],
                                             standardize: config.standardize ?? true)
        try configuration.validate()
        var file = try StrictTensors(directory.appendingPathComponent(weightsFile))
        let prefix = file.file.contains("autoencoder.encoder.weight") ? "autoencoder." : ""
        let parameters = SAEParameters(encoderWeight: try file.tensor(prefix + "encoder.weight", shape: [f, d]),
                                       decoderWeight: try file.tensor(prefix + "decoder.weight", shape: [d, f]).transposed(),
                                       preEncoderBias: try file.tensor(prefix + "pre_encoder_bias", shape: [d]),
                                       encoderBias: Tensor(zeros: [f]))
        var notes = config.layers == nil ? ["no layer list in config.json: read as one layer (0)"] : []
        if !prefix.isEmpty {
            // A Lightning MLSAETransformer checkpoint also holds the transformer's weights.
            let others = file.file.names.filter { !$0.hasPrefix(prefix) }
            for name in others { file.skip(name) }
            if !others.isEmpty { notes.append("\(others.count) transformer tensors in the checkpoint were not read") }
        }
        if file.file.contains(prefix + "last_nonzero") {
            file.skip(prefix + "last_nonzero")
            notes.append("last_nonzero (dead-latent counters) not used: training continues with fresh counters")
        }
        try file.checkNothingLeft()
        return LoadedSAE(sae: try SparseAutoencoder(configuration: configuration, parameters: parameters), trainingState: nil,
                         format: .mlsae, notes: notes)
    }
}
