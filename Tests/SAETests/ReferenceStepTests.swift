import Foundation
import Testing
import Tensors
import TestSupport
@testable import SAE

/// One training step against PyTorch (Tests/Fixtures/sae/make_fixtures.py, float64 autograd):
/// losses, top-k selection, every gradient (the decoder's projected), and the parameters after
/// Adam and the decoder renormalisation.
@Suite struct ReferenceStepTests {
    struct Fixture: Decodable {
        let D: Int, F: Int, K: Int, A: Int, L: Int, N: Int
        let learning_rate: Float, aux_coefficient: Float
        let x: [Float], layer: [Int], dead: [Int32]
        let encoder_weight: [Float], decoder_weight: [Float], pre_encoder_bias: [Float]
        let loss_reconstruction: Double, loss_auxiliary: Double
        let top_indices: [[Int]]
        let grad_encoder_weight: [Float], grad_decoder_weight: [Float], grad_pre_encoder_bias: [Float]
        let after_encoder_weight: [Float], after_decoder_weight: [Float], after_pre_encoder_bias: [Float]
    }

    func load() throws -> Fixture {
        try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: Fixtures.url("sae/step.json")))
    }

    /// Reports the first element over tolerance, as llm.c's tests do.
    func expectClose(_ actual: [Float], _ expected: [Float], _ label: String, tolerance: Float) {
        let result = mismatch(Tensor(actual), Tensor(expected), tolerance: tolerance)
        #expect(result == nil, "\(label): \(result.map(\.description) ?? "")")
    }

    @Test func oneStepMatchesPyTorch() throws {
        let f = try load()
        let configuration = SAEConfiguration(inputWidth: f.D, latentCount: f.F, k: f.K, layers: Array(0..<f.L))
        let training = TrainingConfiguration(batchSize: f.N, optimizer: AdamHyperparameters(learningRate: f.learning_rate),
                                             auxK: f.A, auxCoefficient: f.aux_coefficient, deadTokens: 1 << 40)
        let parameters = SAEParameters(encoderWeight: Tensor(f.encoder_weight, shape: [f.F, f.D]),
                                       decoderWeight: Tensor(f.decoder_weight, shape: [f.F, f.D]),
                                       preEncoderBias: Tensor(f.pre_encoder_bias), encoderBias: Tensor(zeros: [f.F]))
        var state = TrainingState(configuration: training, sae: configuration)
        state.preEncoderBiasInitialized = true
        let trainer = try SAETrainer(sae: SparseAutoencoder(configuration: configuration, parameters: parameters), state: state)

        // Token i holds row i at its layer; the batch asks for exactly those rows.
        let layers = (0..<f.L).map { layer in
            Tensor(shape: [f.N, f.D]) { buffer in
                for i in 0..<(f.N * f.D) { buffer[i] = f.layer[i / f.D] == layer ? f.x[i] : 0 }
            }
        }
        let batch = (0..<f.N).map { ActivationRow(token: $0, layer: f.layer[$0]) }
        let workspace = try trainer.encodedWorkspace(batch, activations: InMemoryActivations(layers: layers))
        for row in 0..<f.N {
            let selected = (0..<f.K).map { Int(workspace.codeIndices.pointer[row * f.K + $0]) }.sorted()
            #expect(selected == f.top_indices[row], "top-k of row \(row)")
        }
        let loss = workspace.forwardBackward(trainer.parameters, configuration: configuration, training: training, dead: f.dead)
        #expect(abs(loss.reconstruction - f.loss_reconstruction) < 1e-5 * max(1, f.loss_reconstruction))
        #expect(abs(loss.auxiliary - f.loss_auxiliary) < 1e-6 * max(1, f.loss_auxiliary))
        let gradients = trainer.parameters.gradients
        expectClose(gradients[ParameterSet.encoderWeight].array, f.grad_encoder_weight, "encoder weight gradient", tolerance: 2e-6)
        expectClose(gradients[ParameterSet.decoderWeight].array, f.grad_decoder_weight, "decoder weight gradient", tolerance: 2e-6)
        expectClose(gradients[ParameterSet.preEncoderBias].array, f.grad_pre_encoder_bias, "pre-encoder bias gradient", tolerance: 2e-6)

        _ = try trainer.finishStep(workspace, dead: f.dead)
        let after = trainer.sae.parameters
        expectClose(after.encoderWeight.scalars, f.after_encoder_weight, "encoder weight after the step", tolerance: 1e-6)
        expectClose(after.decoderWeight.scalars, f.after_decoder_weight, "decoder weight after the step", tolerance: 1e-6)
        expectClose(after.preEncoderBias.scalars, f.after_pre_encoder_bias, "pre-encoder bias after the step", tolerance: 1e-6)
    }
}
