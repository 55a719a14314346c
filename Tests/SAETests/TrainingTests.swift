import Foundation
import Testing
import Tensors
@testable import SAE

@Suite struct TrainingTests {
    @Test func recoversPlantedFeatures() throws {
        var rng = SeededRNG(seed: 11)
        let width = 32
        let features = Synthetic.directions(24, width: width, rng: &rng)
        let data = try Synthetic.planted(tokens: 3000, layers: 2, width: width, features: features, perLayer: 16, maxActive: 3, seed: 5)
        let configuration = SAEConfiguration(inputWidth: width, latentCount: 64, k: 4, layers: [0, 1])
        var training = TrainingConfiguration(batchSize: 256, optimizer: AdamHyperparameters(learningRate: 3e-3), auxK: 16, seed: 3)
        training.deadTokens = TrainingConfiguration.defaultDeadTokens(trainingTokens: 1500 * 128, batchSize: 256, layers: 2)
        let trainer = try SAETrainer(configuration: configuration, training: training)
        let report = try trainer.train(on: data, steps: 1500)
        let last = report.records.suffix(20)
        let fvu = last.map(\.fvu).reduce(0, +) / Double(last.count)
        #expect(fvu < 0.02)
        // Every planted direction has a decoder row with cosine > 0.95.
        let decoder = trainer.sae.parameters.decoderWeight
        var bestCosines: [Float] = []
        for feature in features {
            var best: Float = -1
            for f in 0..<configuration.latentCount {
                var dot: Float = 0
                for j in 0..<width { dot += decoder[f, j] * feature[j] }
                best = max(best, dot)
            }
            bestCosines.append(best)
        }
        // Each planted direction is found by some decoder row; almost all of them almost exactly.
        #expect(bestCosines.min()! > 0.9, "\(bestCosines.sorted())")
        #expect(bestCosines.filter { $0 > 0.99 }.count >= features.count - 3, "\(bestCosines.sorted())")
    }
}

@Suite struct TrainingDeterminismTests {
    static let configuration = SAEConfiguration(inputWidth: 16, latentCount: 48, k: 4, layers: [0, 1, 2])

    func trainer(seed: UInt64) throws -> SAETrainer {
        var training = TrainingConfiguration(batchSize: 64, optimizer: AdamHyperparameters(learningRate: 1e-3), auxK: 8, seed: seed)
        training.deadTokens = 40  // 120 examples: short enough that AuxK runs in these few steps
        return try SAETrainer(configuration: Self.configuration, training: training)
    }

    @Test func sameSeedGivesTheSameSAEBitForBit() throws {
        let data = try Synthetic.gaussian(tokens: 200, layers: 3, width: 16, seed: 1)
        let a = try trainer(seed: 7), b = try trainer(seed: 7), c = try trainer(seed: 8)
        let reportA = try a.train(on: data, steps: 25)
        _ = try b.train(on: data, steps: 25)
        _ = try c.train(on: data, steps: 25)
        #expect(reportA.records.contains { $0.auxLoss > 0 }, "AuxK must run for the test to cover it")
        #expect(a.sae == b.sae && a.state == b.state)
        #expect(a.sae != c.sae)
    }

    @Test func resumingFromTheStateEqualsAnUninterruptedRun() throws {
        let data = try Synthetic.gaussian(tokens: 200, layers: 3, width: 16, seed: 2)
        let whole = try trainer(seed: 3)
        _ = try whole.train(on: data, steps: 20)
        let first = try trainer(seed: 3)
        _ = try first.train(on: data, steps: 12)
        let resumed = try SAETrainer(sae: first.sae, state: first.state)
        _ = try resumed.train(on: data, steps: 8)
        #expect(resumed.sae == whole.sae)
        #expect(resumed.state == whole.state)
        #expect(resumed.state.history.count == 20 && resumed.state.step == 20)
    }

    @Test func cancellationKeepsTheStepsDone() throws {
        let data = try Synthetic.gaussian(tokens: 100, layers: 3, width: 16, seed: 3)
        let trainer = try trainer(seed: 4)
        var seen: [Int] = []
        let report = try trainer.train(on: data, steps: 50, progress: { seen.append($0.record.step) }, shouldStop: { seen.count >= 5 })
        #expect(report.cancelled && report.stepsCompleted == 5)
        #expect(seen == [1, 2, 3, 4, 5])
        #expect(trainer.state.step == 5 && trainer.state.examplesSeen == 5 * 64)
    }

    @Test func progressReportsRatesAndTheDeadFraction() throws {
        let data = try Synthetic.gaussian(tokens: 100, layers: 3, width: 16, seed: 4)
        let trainer = try trainer(seed: 5)
        var last: TrainingProgress?
        _ = try trainer.train(on: data, steps: 3, progress: { last = $0 })
        let progress = try #require(last)
        #expect(progress.stepsDone == 3 && progress.stepsPlanned == 3)
        #expect(progress.examplesPerSecond > 0 && abs(progress.tokensPerSecond * 3 - progress.examplesPerSecond) < 1e-6 * progress.examplesPerSecond)
        #expect(progress.record.tokens == 3 * 64 / 3)
        #expect((0...1).contains(progress.record.deadFraction) && progress.record.fvu > 0)
    }

    @Test func deadLatentRuleCountsExamplesSinceFiring() throws {
        // Window 40 tokens × 3 layers = 120 examples; batches of 64: a latent that never fires is
        // dead after its second batch (128 ≥ 120), not after its first (64).
        let trainer = try trainer(seed: 6)
        var indices: [Int32] = [0, 1, 2, 3], values: [Float] = [1, 1, 1e-4, 0]
        var dead: [[Int32]] = []
        indices.withUnsafeMutableBufferPointer { i in values.withUnsafeMutableBufferPointer { v in
            let codes = SparseCodes(rows: 1, width: 4, indices: i.baseAddress!, values: v.baseAddress!)
            for _ in 0..<2 {
                _ = trainer.updateDeadLatents(codes)  // one row standing in for 64: counters grow by 1
            }
        } }
        #expect(trainer.examplesSinceFired.pointer[0] == 0 && trainer.examplesSinceFired.pointer[2] == 2)
        // Latents 2 (below the 1e-3 threshold) and 3 (zero) count as not fired.
        trainer.examplesSinceFired.pointer[2] = 119
        indices.withUnsafeMutableBufferPointer { i in values.withUnsafeMutableBufferPointer { v in
            dead.append(trainer.updateDeadLatents(SparseCodes(rows: 1, width: 4, indices: i.baseAddress!, values: v.baseAddress!)))
        } }
        #expect(dead[0].contains(2) && !dead[0].contains(0) && !dead[0].contains(3))
    }

    @Test func rejectsActivationsThatDoNotFit() throws {
        let data = try Synthetic.gaussian(tokens: 10, layers: 2, width: 16, seed: 5)
        #expect(throws: SAEError.activationMismatch("2 layers stored, the SAE reads 3")) {
            _ = try self.trainer(seed: 1).train(on: data, steps: 1)
        }
        #expect(throws: SAEError.invalidConfiguration("k = 49 must be between 1 and the latent count 48")) {
            _ = try SAETrainer(configuration: SAEConfiguration(inputWidth: 16, latentCount: 48, k: 49, layers: [0]),
                               training: TrainingConfiguration())
        }
    }
}

@Suite struct ActivationSetTests {
    @Test func selectedLayersReadTheRightRows() throws {
        let data = try InMemoryActivations(layers: [Tensor(rows: [[0, 0], [1, 1]]), Tensor(rows: [[2, 2], [3, 3]]), Tensor(rows: [[4, 4], [5, 5]])],
                                           layerNumbers: [0, 3, 6])
        let single = try data.selectingLayers([6, 3])
        #expect(single.layerCount == 2 && single.layerNumbers == [6, 3])
        var buffer = [Float](repeating: 0, count: 4)
        try buffer.withUnsafeMutableBufferPointer { try single.copyRows([ActivationRow(token: 1, layer: 0), ActivationRow(token: 0, layer: 1)], into: $0) }
        #expect(buffer == [5, 5, 2, 2])
        #expect(throws: SAEError.outOfRange("layer 4 is not in the activation set (it holds layers [0, 3, 6])")) { try data.selectingLayers([4]) }
    }

    @Test func singleLayerSAETrainsOnOneLayerOfAFullSet() throws {
        let data = try Synthetic.gaussian(tokens: 64, layers: 3, width: 8, seed: 1).selectingLayers([2])
        let trainer = try SAETrainer(configuration: SAEConfiguration(inputWidth: 8, latentCount: 16, k: 2, layers: [2]),
                                     training: TrainingConfiguration(batchSize: 16, auxK: 0))
        #expect(try trainer.train(on: data, steps: 2).stepsCompleted == 2)
        #expect(TrainingConfiguration(batchSize: 4096).steps(forTokens: 10_000, layers: 7) == 18)
    }

    @Test func tokenTableFindsDocumentsAndContext() throws {
        let table = try TokenTable(pieces: ["a", "b", "c", "d", "e"], documentStarts: [0, 3])
        #expect(table.document(of: 2) == 0 && table.document(of: 3) == 1 && table.tokens(inDocument: 1) == 3..<5)
        #expect(table.context(of: 1, radius: 5) == 0..<3 && table.context(of: 4, radius: 0) == 4..<5)
        #expect(throws: SAEError.self) { try TokenTable(pieces: ["a"], documentStarts: [1]) }
    }
}
