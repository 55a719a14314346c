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
        print("final FVU", fvu, "dead", last.last!.deadFraction)
        #expect(fvu < 0.02)
        // Every planted direction has a decoder row with cosine > 0.95.
        let decoder = trainer.sae.parameters.decoderWeight
        var worst: Float = 1
        for feature in features {
            var best: Float = -1
            for f in 0..<configuration.latentCount {
                var dot: Float = 0
                for j in 0..<width { dot += decoder[f, j] * feature[j] }
                best = max(best, dot)
            }
            worst = min(worst, best); print("best", best)
        }
        print("worst best-cosine", worst)
        #expect(worst > 0.95)
    }
}
