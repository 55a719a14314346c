import Foundation
import Tensors

/// Progress of a training run, reported after every step.
public struct TrainingProgress: Sendable {
    /// The step's numbers (global step count, loss, FVU, dead fraction).
    public var record: TrainingRecord
    /// Steps completed in this run, and the steps asked for.
    public var stepsDone: Int, stepsPlanned: Int
    /// Examples (token-layer rows) per second in this run so far.
    public var examplesPerSecond: Double
    /// Tokens per second (examples / L).
    public var tokensPerSecond: Double
    /// Seconds since the run began.
    public var elapsedSeconds: Double
}

/// The result of `SAETrainer.train`.
public struct TrainingReport: Sendable {
    /// Steps completed in this run.
    public var stepsCompleted: Int
    /// True when `shouldStop` ended the run early; the trainer holds the SAE as trained so far.
    public var cancelled: Bool
    /// The records of this run's steps.
    public var records: [TrainingRecord]
    /// Wall-clock seconds.
    public var seconds: Double
}

/// Trains an SAE on multi-layer activations, step by step, keeping the optimizer state so that
/// training can stop and continue (`train more`) with the result an uninterrupted run would give.
///
/// Each step takes the next `batchSize` examples of the shuffled stream (`ExampleOrder`), sets the
/// pre-encoder bias to the geometric median of the first batch's standardised inputs, runs the
/// forward and backward (`TrainingWorkspace`), updates the dead-latent counters, removes each
/// decoder row's parallel gradient component, takes an Adam step over all parameters and
/// renormalises the decoder rows. For a given seed and thread count the result is the same
/// bit for bit (parallel sums use fixed blocks; only OpenBLAS's sgemm may vary with threads).
public final class SAETrainer {
    /// The architecture being trained.
    public let configuration: SAEConfiguration
    /// Training settings; the learning rate (and other settings) may change between runs.
    public var training: TrainingConfiguration
    let parameters: ParameterSet
    private var step: Int, examplesSeen: Int, preBiasInitialized: Bool
    private var history: [TrainingRecord]
    let examplesSinceFired: Buffer<Int>
    private var workspace: TrainingWorkspace?

    /// Continues training `sae` from `state`. Decoder rows further than 1e-5 from unit norm are
    /// renormalised first (the method constrains them; SAEs trained elsewhere may not satisfy
    /// it); rows already unit-norm are left bit for bit, so a resumed run equals an
    /// uninterrupted one.
    /// - Throws: `SAEError.invalidConfiguration` when the state does not fit the SAE.
    public init(sae: SparseAutoencoder, state: TrainingState) throws {
        try state.validate(for: sae.configuration)
        configuration = sae.configuration
        training = state.configuration
        parameters = ParameterSet(sae.parameters, firstMoments: state.firstMoments, secondMoments: state.secondMoments)
        DecoderNormalization.normalizeRows(parameters.decoderWeight, rows: configuration.latentCount, width: configuration.inputWidth,
                                           tolerance: 1e-5)
        step = state.step
        examplesSeen = state.examplesSeen
        preBiasInitialized = state.preEncoderBiasInitialized
        history = state.history
        examplesSinceFired = state.examplesSinceFired.withUnsafeBufferPointer { Buffer($0, placeholder: 0) }
    }

    /// Starts training a freshly initialised SAE (seeded by `training.seed`).
    /// - Throws: `SAEError.invalidConfiguration`.
    public convenience init(configuration: SAEConfiguration, training: TrainingConfiguration) throws {
        try configuration.validate()
        try training.validate(for: configuration)
        let sae = try SparseAutoencoder.initialized(configuration, seed: training.seed)
        try self.init(sae: sae, state: TrainingState(configuration: training, sae: configuration))
    }

    /// The SAE as trained so far (a copy).
    public var sae: SparseAutoencoder {
        // The shapes were checked at init, so this cannot fail.
        try! SparseAutoencoder(configuration: configuration, parameters: ParameterSet.tensors(parameters.values, configuration))
    }

    /// The optimizer state and counters needed to continue (a copy).
    public var state: TrainingState {
        TrainingState(configuration: training, step: step, examplesSeen: examplesSeen, preEncoderBiasInitialized: preBiasInitialized,
                      examplesSinceFired: examplesSinceFired.array,
                      firstMoments: ParameterSet.tensors(parameters.firstMoments, configuration),
                      secondMoments: ParameterSet.tensors(parameters.secondMoments, configuration), history: history)
    }

    /// Runs up to `steps` training steps on `activations`.
    /// - Parameters:
    ///   - progress: called after every step.
    ///   - shouldStop: checked before every step; when it returns true the run ends early and the
    ///     trainer keeps the SAE and state reached so far (`report.cancelled`).
    /// - Throws: `SAEError.activationMismatch`, `.invalidConfiguration`, `.nonFiniteLoss` (the
    ///   parameters stay as before the failing step), or an error from reading the activations.
    public func train(on activations: some MultiLayerActivations, steps: Int, progress: (TrainingProgress) -> Void = { _ in },
                      shouldStop: () -> Bool = { false }) throws -> TrainingReport {
        try activations.checkFits(configuration)
        try training.validate(for: configuration)
        guard steps >= 0 else { throw SAEError.invalidConfiguration("steps \(steps) must be non-negative") }
        let order = ExampleOrder(tokens: activations.tokenCount, layers: activations.layerCount, seed: training.seed)
        let start = DispatchTime.now().uptimeNanoseconds
        var records: [TrainingRecord] = [], cancelled = false
        var batch = [ActivationRow](repeating: ActivationRow(token: 0, layer: 0), count: training.batchSize)
        for done in 0..<steps {
            if shouldStop() { cancelled = true; break }
            order.fill(&batch, from: examplesSeen)
            let record = try trainStep(batch, activations: activations)
            records.append(record)
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            let examples = Double((done + 1) * training.batchSize)
            progress(TrainingProgress(record: record, stepsDone: done + 1, stepsPlanned: steps, examplesPerSecond: examples / seconds,
                                      tokensPerSecond: examples / Double(configuration.layerCount) / seconds, elapsedSeconds: seconds))
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return TrainingReport(stepsCompleted: records.count, cancelled: cancelled, records: records, seconds: seconds)
    }

    /// One optimizer step on the given examples.
    /// - Throws: `SAEError.nonFiniteLoss` (parameters unchanged), or a read error.
    func trainStep(_ batch: [ActivationRow], activations: some MultiLayerActivations) throws -> TrainingRecord {
        let workspace = try encodedWorkspace(batch, activations: activations)
        return try finishStep(workspace, dead: updateDeadLatents(workspace.codes))
    }

    /// Loads and standardises a batch (setting the pre-encoder bias on the very first batch) and
    /// runs the encoder.
    func encodedWorkspace(_ batch: [ActivationRow], activations: some MultiLayerActivations) throws -> TrainingWorkspace {
        let workspace = preparedWorkspace(rows: batch.count)
        try workspace.load(batch, from: activations)
        workspace.standardize(configuration)
        if !preBiasInitialized {
            let median = GeometricMedian.compute(workspace.standardized.pointer, count: batch.count, width: configuration.inputWidth)
            for (j, value) in median.enumerated() { parameters.preEncoderBias[j] = value }
            preBiasInitialized = true
        }
        workspace.encode(parameters)
        return workspace
    }

    /// The rest of a step after encoding, with `dead` the latents flagged dead: losses and
    /// gradients, the optimizer update, the counters and the record.
    func finishStep(_ workspace: TrainingWorkspace, dead: [Int32]) throws -> TrainingRecord {
        let loss = workspace.forwardBackward(parameters, configuration: configuration, training: training, dead: dead)
        guard loss.total.isFinite else { throw SAEError.nonFiniteLoss(step: step + 1) }
        applyOptimizer()
        step += 1
        examplesSeen += workspace.rows
        let fvu = loss.layers.filter(\.counts).map(\.fvu)
        let record = TrainingRecord(step: step, tokens: Double(examplesSeen) / Double(configuration.layerCount), loss: loss.total,
                                    auxLoss: loss.auxiliary, fvu: fvu.isEmpty ? 0 : fvu.reduce(0, +) / Double(fvu.count),
                                    deadFraction: Double(dead.count) / Double(configuration.latentCount))
        history.append(record)
        return record
    }

    private func preparedWorkspace(rows: Int) -> TrainingWorkspace {
        if let workspace, workspace.rows == rows, workspace.auxCapacity == training.auxK { return workspace }
        let fresh = TrainingWorkspace(rows: rows, configuration: configuration, auxK: training.auxK)
        workspace = fresh
        return fresh
    }

    /// Counts examples since each latent fired (activation above the threshold among the top-k),
    /// and returns the latents whose count reached the window of dead_tokens × L examples.
    func updateDeadLatents(_ codes: SparseCodes) -> [Int32] {
        let latents = configuration.latentCount
        var fired = [Bool](repeating: false, count: latents)
        for p in 0..<(codes.rows * codes.width) where codes.values[p] > training.deadThreshold { fired[Int(codes.indices[p])] = true }
        let window = training.deadTokens.multipliedReportingOverflow(by: configuration.layerCount)
        let threshold = window.overflow ? Int.max : window.partialValue
        var dead: [Int32] = []
        for f in 0..<latents {
            examplesSinceFired.pointer[f] = fired[f] ? 0 : examplesSinceFired.pointer[f] &+ codes.rows
            if examplesSinceFired.pointer[f] >= threshold { dead.append(Int32(f)) }
        }
        return dead
    }

    /// Adam over every parameter (the encoder bias only when it is learned), then unit-norm decoder rows.
    private func applyOptimizer() {
        let t = step + 1
        for slot in 0..<parameters.values.count {
            if slot == ParameterSet.encoderBias && !training.learnEncoderBias { continue }
            Adam.update(parameters: parameters.values[slot].pointer, gradient: parameters.gradients[slot].pointer,
                        m: parameters.firstMoments[slot].pointer, v: parameters.secondMoments[slot].pointer,
                        count: parameters.values[slot].count, step: t, settings: training.optimizer)
        }
        DecoderNormalization.normalizeRows(parameters.decoderWeight, rows: configuration.latentCount, width: configuration.inputWidth)
    }
}
