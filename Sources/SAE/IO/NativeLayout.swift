import Foundation
import Formats
import Tensors

/// mindscope's SAE directory:
///   sae.json               {"format": "mindscope-sae", "version": 1, "configuration": {...}}
///   sae.safetensors        encoder_weight [F, D], decoder_weight [F, D], pre_encoder_bias [D], encoder_bias [F]
///   training.json          training settings, step, position in the example stream, history   (optional)
///   optimizer.safetensors  first_moment.*, second_moment.* (one per parameter), examples_since_fired (I64 [F])
/// `sae.json` is written last, so a directory that has it is complete.
enum NativeLayout {
    static let configFile = "sae.json", weightsFile = "sae.safetensors"
    static let trainingFile = "training.json", optimizerFile = "optimizer.safetensors"
    static let formatName = "mindscope-sae", version = 1

    struct Header: Codable {
        var format: String
        var version: Int
        var configuration: SAEConfiguration
    }

    struct TrainingHeader: Codable {
        var configuration: TrainingConfiguration
        var step: Int
        var examplesSeen: Int
        var preEncoderBiasInitialized: Bool
        var history: [TrainingRecord]

        enum CodingKeys: String, CodingKey {
            case configuration, step, history
            case examplesSeen = "examples_seen", preEncoderBiasInitialized = "pre_encoder_bias_initialized"
        }
    }

    static func save(_ sae: SparseAutoencoder, state: TrainingState?, to directory: URL) throws -> [String] {
        try writeParameters(sae.parameters, to: directory.appendingPathComponent(weightsFile))
        if let state {
            var writer = SafetensorsWriter()
            for (prefix, moments) in [("first_moment", state.firstMoments), ("second_moment", state.secondMoments)] {
                for (name, tensor) in moments.named { writer.add("\(prefix).\(name)", tensor) }
            }
            writer.add("examples_since_fired", int64s: state.examplesSinceFired.map(Int64.init), shape: [state.examplesSinceFired.count])
            try writer.write(to: directory.appendingPathComponent(optimizerFile))
            try JSONFile.write(TrainingHeader(configuration: state.configuration, step: state.step, examplesSeen: state.examplesSeen,
                                              preEncoderBiasInitialized: state.preEncoderBiasInitialized, history: state.history),
                               to: directory.appendingPathComponent(trainingFile))
        } else {
            // A stale training state from an earlier save must not be paired with these weights.
            for name in [trainingFile, optimizerFile] { try? FileManager.default.removeItem(at: directory.appendingPathComponent(name)) }
        }
        try JSONFile.write(Header(format: formatName, version: version, configuration: sae.configuration),
                           to: directory.appendingPathComponent(configFile))
        return state == nil ? ["no training state saved: `train more` will start Adam afresh"] : []
    }

    static func writeParameters(_ parameters: SAEParameters, to url: URL) throws {
        var writer = SafetensorsWriter()
        for (name, tensor) in parameters.named { writer.add(name, tensor) }
        try writer.write(to: url)
    }

    static func load(_ directory: URL) throws -> LoadedSAE {
        let configURL = directory.appendingPathComponent(configFile)
        let header = try JSONFile.decode(Header.self, from: configURL)
        guard header.format == formatName else {
            throw SAEError.invalidFile(path: configURL.relativePath, reason: "format is '\(header.format)', expected '\(formatName)'")
        }
        guard header.version == version else {
            throw SAEError.invalidFile(path: configURL.relativePath, reason: "version \(header.version) is not supported (this build reads \(version))")
        }
        let configuration = header.configuration
        try configuration.validate()
        let parameters = try readParameters(directory.appendingPathComponent(weightsFile), prefix: "", configuration)
        let sae = try SparseAutoencoder(configuration: configuration, parameters: parameters)
        let trainingURL = directory.appendingPathComponent(trainingFile)
        guard FileManager.default.fileExists(atPath: trainingURL.path) else {
            return LoadedSAE(sae: sae, trainingState: nil, format: .mindscope, notes: ["no training state: `train more` starts Adam afresh"])
        }
        return LoadedSAE(sae: sae, trainingState: try readState(directory, configuration), format: .mindscope, notes: [])
    }

    private static func readParameters(_ url: URL, prefix: String, _ configuration: SAEConfiguration) throws -> SAEParameters {
        var file = try StrictTensors(url)
        let parameters = try readParameters(&file, prefix: prefix, configuration)
        try file.checkNothingLeft()
        return parameters
    }

    private static func readParameters(_ file: inout StrictTensors, prefix: String, _ configuration: SAEConfiguration) throws -> SAEParameters {
        let shapes = SAEParameters(zerosFor: configuration).named
        var tensors: [Tensor] = []
        for (name, zero) in shapes { tensors.append(try file.tensor(prefix + name, shape: zero.shape)) }
        return SAEParameters(encoderWeight: tensors[0], decoderWeight: tensors[1], preEncoderBias: tensors[2], encoderBias: tensors[3])
    }

    private static func readState(_ directory: URL, _ configuration: SAEConfiguration) throws -> TrainingState {
        let header = try JSONFile.decode(TrainingHeader.self, from: directory.appendingPathComponent(trainingFile))
        var file = try StrictTensors(directory.appendingPathComponent(optimizerFile))
        let first = try readParameters(&file, prefix: "first_moment.", configuration)
        let second = try readParameters(&file, prefix: "second_moment.", configuration)
        guard file.file.contains("examples_since_fired") else {
            throw SAEError.invalidFile(path: file.path, reason: "tensor 'examples_since_fired' is missing")
        }
        let counters = try file.file.int64s(named: "examples_since_fired").map(Int.init)
        file.skip("examples_since_fired")
        try file.checkNothingLeft()
        let state = TrainingState(configuration: header.configuration, step: header.step, examplesSeen: header.examplesSeen,
                                  preEncoderBiasInitialized: header.preEncoderBiasInitialized, examplesSinceFired: counters,
                                  firstMoments: first, secondMoments: second, history: header.history)
        try state.validate(for: configuration)
        return state
    }
}
