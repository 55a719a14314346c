import Foundation
import Tensors

/// Everything besides the weights that training needs to continue exactly where it stopped:
/// the settings, Adam's moments and step count, the position in the example stream, the
/// dead-latent counters and the history of the run.
public struct TrainingState: Sendable, Equatable {
    /// Hyper-parameters (the learning rate may be changed before continuing).
    public var configuration: TrainingConfiguration
    /// Completed optimizer steps (Adam's t).
    public var step: Int
    /// Examples consumed: the position in the `ExampleOrder` stream.
    public var examplesSeen: Int
    /// Whether the pre-encoder bias has been set to the geometric median (done on the first batch).
    public var preEncoderBiasInitialized: Bool
    /// Examples since each latent last fired ([F]).
    public var examplesSinceFired: [Int]
    /// Adam's first moments, one tensor per parameter.
    public var firstMoments: SAEParameters
    /// Adam's second moments.
    public var secondMoments: SAEParameters
    /// One record per step, across continuations.
    public var history: [TrainingRecord]

    /// The state before the first step.
    public init(configuration: TrainingConfiguration, sae: SAEConfiguration) {
        self.configuration = configuration
        step = 0
        examplesSeen = 0
        preEncoderBiasInitialized = false
        examplesSinceFired = [Int](repeating: 0, count: sae.latentCount)
        firstMoments = SAEParameters(zerosFor: sae)
        secondMoments = SAEParameters(zerosFor: sae)
        history = []
    }

    /// A state from saved parts (as the native file layout stores it).
    public init(configuration: TrainingConfiguration, step: Int, examplesSeen: Int, preEncoderBiasInitialized: Bool,
                examplesSinceFired: [Int], firstMoments: SAEParameters, secondMoments: SAEParameters, history: [TrainingRecord]) {
        self.configuration = configuration
        self.step = step
        self.examplesSeen = examplesSeen
        self.preEncoderBiasInitialized = preEncoderBiasInitialized
        self.examplesSinceFired = examplesSinceFired
        self.firstMoments = firstMoments
        self.secondMoments = secondMoments
        self.history = history
    }

    /// Checks that the state belongs to an SAE of this architecture.
    /// - Throws: `SAEError.invalidConfiguration`.
    public func validate(for sae: SAEConfiguration) throws {
        try configuration.validate(for: sae)
        guard examplesSinceFired.count == sae.latentCount else {
            throw SAEError.invalidConfiguration("dead-latent counters for \(examplesSinceFired.count) latents, the SAE has \(sae.latentCount)")
        }
        let reference = SAEParameters(zerosFor: sae)
        for (moments, label) in [(firstMoments, "first"), (secondMoments, "second")] {
            for (have, want) in zip(moments.named, reference.named) where have.tensor.shape != want.tensor.shape {
                throw SAEError.invalidConfiguration("Adam \(label) moment \(have.name) has shape \(have.tensor.shape), expected \(want.tensor.shape)")
            }
        }
        guard step >= 0 && examplesSeen >= 0 else { throw SAEError.invalidConfiguration("negative step or example count") }
    }
}
