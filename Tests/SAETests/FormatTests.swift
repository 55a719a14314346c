import Foundation
import Formats
import Testing
import Tensors
import TestSupport
@testable import SAE

/// Round trips through every layout, what each layout refuses, and SAEs written by other code.
@Suite struct FormatTests {
    func trainedSAE(standardize: Bool = true, encoderBias: Bool = false) throws -> (SparseAutoencoder, TrainingState) {
        let configuration = SAEConfiguration(inputWidth: 8, latentCount: 24, k: 3, layers: [1, 3, 5], standardize: standardize)
        let training = TrainingConfiguration(batchSize: 32, optimizer: AdamHyperparameters(learningRate: 1e-3), auxK: 4, deadTokens: 20,
                                             seed: 2, learnEncoderBias: encoderBias)
        let trainer = try SAETrainer(configuration: configuration, training: training)
        _ = try trainer.train(on: Synthetic.gaussian(tokens: 60, layers: 3, width: 8, seed: 9), steps: 6)
        return (trainer.sae, trainer.state)
    }

    @Test func nativeLayoutKeepsEverythingAndResumesExactly() throws {
        let (sae, state) = try trainedSAE(encoderBias: true)
        #expect(sae.hasEncoderBias)
        let directory = Fixtures.temporaryDirectory("sae-native")
        defer { try? FileManager.default.removeItem(at: directory) }
        let notes = try SAEFiles.save(sae, state: state, to: directory)
        #expect(notes.isEmpty)
        #expect(try SAEFiles.detect(directory) == .mindscope)
        let loaded = try SAEFiles.load(from: directory)
        #expect(loaded.sae == sae && loaded.trainingState == state && loaded.format == .mindscope)
        // Continuing from the files equals continuing in memory.
        let data = try Synthetic.gaussian(tokens: 60, layers: 3, width: 8, seed: 9)
        let fromMemory = try SAETrainer(sae: sae, state: state), fromDisk = try SAETrainer(sae: loaded.sae, state: loaded.trainingState!)
        _ = try fromMemory.train(on: data, steps: 3)
        _ = try fromDisk.train(on: data, steps: 3)
        #expect(fromMemory.sae == fromDisk.sae)
        // Saving again without a state removes the stale one.
        try SAEFiles.save(sae, to: directory)
        #expect(try SAEFiles.load(from: directory).trainingState == nil)
    }

    @Test func saelensRoundTripCarriesStandardization() throws {
        let (sae, state) = try trainedSAE()
        let directory = Fixtures.temporaryDirectory("sae-saelens")
        defer { try? FileManager.default.removeItem(at: directory) }
        let notes = try SAEFiles.save(sae, state: state, to: directory, format: .saelens)
        #expect(notes.count == 2)
        let weights = try SafetensorsFile(url: directory.appendingPathComponent("sae_weights.safetensors"))
        #expect(weights.names == ["W_dec", "W_enc", "b_dec", "b_enc"])
        #expect(try weights.info(named: "W_enc").shape == [8, 24] && weights.info(named: "W_dec").shape == [24, 8])
        let config = try JSONFile.read(directory.appendingPathComponent("cfg.json"))
        #expect(config["normalize_activations"] == "layer_norm" && config["architecture"] == "topk" && config["k"] == 3)
        let loaded = try SAEFiles.load(from: directory)
        #expect(loaded.format == .saelens && loaded.sae == sae && loaded.trainingState == nil)
    }

    @Test func sparsifyRoundTripAndWhatItRefuses() throws {
        let (plain, _) = try trainedSAE(standardize: false, encoderBias: true)
        let directory = Fixtures.temporaryDirectory("sae-sparsify")
        defer { try? FileManager.default.removeItem(at: directory) }
        try SAEFiles.save(plain, to: directory, format: .sparsify)
        let loaded = try SAEFiles.load(from: directory)
        #expect(loaded.format == .sparsify && loaded.sae == plain)
        let (standardizing, _) = try trainedSAE()
        #expect(throws: SAEError.unsupportedByFormat(format: "sparsify",
                                                     feature: "input standardisation (train with standardize off, or save as mindscope/SAELens/mlsae)")) {
            try SAEFiles.save(standardizing, to: directory, format: .sparsify)
        }
    }

    @Test func mlsaeRoundTripAndWhatItRefuses() throws {
        let (sae, state) = try trainedSAE()
        let directory = Fixtures.temporaryDirectory("sae-mlsae")
        defer { try? FileManager.default.removeItem(at: directory) }
        try SAEFiles.save(sae, state: state, to: directory, format: .mlsae)
        let weights = try SafetensorsFile(url: directory.appendingPathComponent("model.safetensors"))
        #expect(try weights.info(named: "decoder.weight").shape == [8, 24])
        #expect(try weights.int64s(named: "last_nonzero").count == 24)
        let loaded = try SAEFiles.load(from: directory)
        #expect(loaded.format == .mlsae && loaded.sae == sae)
        let (biased, _) = try trainedSAE(encoderBias: true)
        #expect(throws: SAEError.unsupportedByFormat(format: "mlsae", feature: "a non-zero encoder bias")) {
            try SAEFiles.save(biased, to: directory, format: .mlsae)
        }
    }

    struct Expected: Decodable {
        let x: [Float], N: Int, D: Int, saelens: [Float], sparsify: [Float], mlsae: [Float]
    }

    @Test(arguments: ["saelens", "sparsify", "mlsae"]) func readsSAEsWrittenByTheirOwnLibraries(layout: String) throws {
        let root = Fixtures.url("sae/layouts")
        let expected = try JSONDecoder().decode(Expected.self, from: Data(contentsOf: root.appendingPathComponent("expected.json")))
        let loaded = try SAEFiles.load(from: root.appendingPathComponent(layout))
        #expect(loaded.format.rawValue == layout)
        let reconstruction = try loaded.sae.reconstruct(Tensor(expected.x, shape: [expected.N, expected.D]))
        let target = layout == "saelens" ? expected.saelens : layout == "sparsify" ? expected.sparsify : expected.mlsae
        let result = mismatch(reconstruction, Tensor(target, shape: [expected.N, expected.D]), tolerance: 1e-5)
        #expect(result == nil, "\(layout): \(result.map(\.description) ?? "")")
        if layout == "saelens" { #expect(loaded.notes.contains { $0.contains("folded") }) }
        if layout == "mlsae" { #expect(loaded.sae.configuration.layers == [0, 1, 2] && loaded.sae.configuration.standardize) }
    }

    @Test func badFilesGiveOneClearError() throws {
        let (sae, _) = try trainedSAE()
        let directory = Fixtures.temporaryDirectory("sae-bad")
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(throws: SAEError.self) { try SAEFiles.detect(directory) }
        try SAEFiles.save(sae, to: directory)
        let weights = directory.appendingPathComponent("sae.safetensors")
        var writer = SafetensorsWriter()
        for (name, tensor) in sae.parameters.named where name != "encoder_bias" { writer.add(name, tensor) }
        writer.add("encoder_bias", Tensor(zeros: [23]))
        try writer.write(to: weights)
        #expect(throws: SAEError.invalidFile(path: weights.relativePath, reason: "tensor 'encoder_bias' has shape [23], expected [24]")) {
            try SAEFiles.load(from: directory)
        }
        writer = SafetensorsWriter()
        for (name, tensor) in sae.parameters.named { writer.add(name, tensor) }
        writer.add("extra", Tensor(zeros: [1]))
        try writer.write(to: weights)
        #expect(throws: SAEError.invalidFile(path: weights.relativePath, reason: "unexpected tensor 'extra'")) {
            try SAEFiles.load(from: directory)
        }
        let saelens = directory.appendingPathComponent("jumprelu")
        try FileManager.default.createDirectory(at: saelens, withIntermediateDirectories: true)
        try Data(#"{"architecture": "jumprelu", "d_in": 8, "d_sae": 16}"#.utf8).write(to: saelens.appendingPathComponent("cfg.json"))
        try SafetensorsWriter().write(to: saelens.appendingPathComponent("sae_weights.safetensors"))
        #expect(throws: SAEError.invalidFile(path: saelens.appendingPathComponent("cfg.json").relativePath,
                                             reason: "architecture 'jumprelu' is not a TopK SAE (or k is missing)")) {
            try SAEFiles.load(from: saelens)
        }
    }
}
