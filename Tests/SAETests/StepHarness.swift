import Foundation
import Tensors
@testable import SAE

/// A training workspace over one fixed batch, for gradient checks: parameters in a
/// `ParameterSet`, a fixed dead-latent list, and the loss as a function of the parameters.
final class StepHarness {
    let configuration: SAEConfiguration
    var training: TrainingConfiguration
    let parameters: ParameterSet
    let workspace: TrainingWorkspace
    let dead: [Int32]

    init(configuration: SAEConfiguration, training: TrainingConfiguration, parameters: SAEParameters, batch: Tensor,
         layers: [Int], dead: [Int32]) {
        self.configuration = configuration
        self.training = training
        self.parameters = ParameterSet(parameters, firstMoments: SAEParameters(zerosFor: configuration),
                                       secondMoments: SAEParameters(zerosFor: configuration))
        workspace = TrainingWorkspace(rows: batch.rowCount, configuration: configuration, auxK: training.auxK)
        self.dead = dead
        batch.withUnsafeBufferPointer { workspace.input.pointer.update(from: $0.baseAddress!, count: $0.count) }
        for (i, layer) in layers.enumerated() { workspace.layerOfRow.pointer[i] = Int32(layer) }
    }

    /// Runs the forward and backward; the gradients land in `parameters.gradients`.
    @discardableResult func run() -> BatchLoss {
        workspace.standardize(configuration)
        workspace.encode(parameters)
        return workspace.forwardBackward(parameters, configuration: configuration, training: training, dead: dead)
    }

    /// The loss with the AuxK target e = x̂ − Y held at `target` (the backward treats e as a
    /// constant, so finite differences must too); call after `run()`.
    func lossWithFrozenTarget(_ target: [Float]) -> Double {
        let main = ReconstructionLoss.reference(input: workspace.input.pointer, reconstruction: workspace.reconstruction.pointer,
                                                layerOfRow: workspace.layerOfRow.pointer, rows: workspace.rows,
                                                width: workspace.width, layerCount: configuration.layerCount)
        guard workspace.auxLayout != .none else { return main }
        return main + AuxiliaryLoss.reference(prediction: workspace.auxPrediction.pointer, target: target, rows: workspace.rows,
                                              width: workspace.width, coefficient: training.auxCoefficient)
    }

    /// The top-k indices and the sign of each selected pre-activation (to detect kinks crossed).
    var selectionPattern: [Int32] {
        (0..<(workspace.rows * workspace.k)).map { workspace.codeIndices.pointer[$0] * 2 + (workspace.codePreValues.pointer[$0] > 0 ? 1 : 0) }
            + (0..<(workspace.rows * workspace.auxWidth)).map { workspace.auxIndices.pointer[$0] * 2 + (workspace.auxPreValues.pointer[$0] > 0 ? 1 : 0) }
    }

    /// Copies of the current gradients.
    var gradients: [[Float]] { parameters.gradients.map(\.array) }
}

/// Random parameters for a small SAE: encoder uniform, decoder rows unit norm, small biases.
func smallParameters(_ configuration: SAEConfiguration, seed: UInt64, encoderBias: Bool) -> SAEParameters {
    var rng = SeededRNG(seed: seed)
    let f = configuration.latentCount, d = configuration.inputWidth
    let encoder = Tensor.randomUniform([f, d], low: -0.8, high: 0.8, rng: &rng)
    var decoder = Tensor.randomNormal([f, d], rng: &rng)
    decoder.withUnsafeMutableBufferPointer { DecoderNormalization.normalizeRows($0.baseAddress!, rows: f, width: d) }
    let preBias = Tensor.randomNormal([d], std: 0.1, rng: &rng)
    let bias = encoderBias ? Tensor.randomNormal([f], std: 0.1, rng: &rng) : Tensor(zeros: [f])
    return SAEParameters(encoderWeight: encoder, decoderWeight: decoder, preEncoderBias: preBias, encoderBias: bias)
}
