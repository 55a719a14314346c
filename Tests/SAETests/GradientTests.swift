import Foundation
import Testing
import Tensors
@testable import SAE

/// Finite-difference checks of every parameter gradient of the full training loss
/// (reconstruction + AuxK, with the AuxK target held constant as the backward treats it), for
/// both layouts of the auxiliary path. The decoder gradient is
/// checked as the projected gradient: the derivative of the loss with each decoder row
/// renormalised after the perturbation, i.e. of L(w/‖w‖) at unit-norm w.
@Suite struct GradientTests {
    static let configuration = SAEConfiguration(inputWidth: 6, latentCount: 12, k: 3, layers: [0, 1])

    func harness(denseAuxiliary: Bool) -> StepHarness {
        var rng = SeededRNG(seed: 21)
        let batch = Tensor.randomNormal([10, 6], mean: 0.2, std: 1.5, rng: &rng)
        let training = TrainingConfiguration(batchSize: 10, auxK: 4, auxCoefficient: 0.5)
        let harness = StepHarness(configuration: Self.configuration, training: training,
                                  parameters: smallParameters(Self.configuration, seed: 4, encoderBias: true), batch: batch,
                                  layers: [0, 1, 0, 1, 1, 0, 0, 1, 0, 1], dead: [1, 4, 7, 9, 10])
        harness.workspace.denseAuxiliaryLimit = denseAuxiliary ? 12 : 0
        return harness
    }

    @Test(arguments: [true, false]) func everyParameterGradientMatchesFiniteDifferences(denseAuxiliary: Bool) {
        let harness = harness(denseAuxiliary: denseAuxiliary)
        let base = harness.run()
        #expect(base.auxiliary > 0, "the auxiliary loss must be active for the check to cover it")
        #expect(harness.workspace.auxLayout == (denseAuxiliary ? .dense : .sparse))
        let analytic = harness.gradients, pattern = harness.selectionPattern
        let target = harness.workspace.auxTarget.array
        let names = ["encoder weight", "decoder weight", "pre-encoder bias", "encoder bias"]
        let width = Self.configuration.inputWidth
        var checked = 0, skipped = 0, worst = 0.0
        for slot in 0..<4 {
            let values = harness.parameters.values[slot]
            for index in 0..<values.count {
                let original = values.pointer[index]
                let savedRow = slot == ParameterSet.decoderWeight
                    ? Array(UnsafeBufferPointer(start: values.pointer + (index / width) * width, count: width)) : []
                func loss(at delta: Float) -> (Double, [Int32]) {
                    values.pointer[index] = original + delta
                    if slot == ParameterSet.decoderWeight {
                        DecoderNormalization.normalizeRows(values.pointer + (index / width) * width, rows: 1, width: width)
                    }
                    harness.run()
                    let loss = harness.lossWithFrozenTarget(target)
                    let selection = harness.selectionPattern
                    if slot == ParameterSet.decoderWeight {
                        (values.pointer + (index / width) * width).update(from: savedRow, count: width)
                    }
                    values.pointer[index] = original
                    return (loss, selection)
                }
                let h: Float = 1e-3
                let (plus, plusPattern) = loss(at: h), (minus, minusPattern) = loss(at: -h)
                guard plusPattern == pattern && minusPattern == pattern else { skipped += 1; continue }
                let numeric = (plus - minus) / Double(2 * h), exact = Double(analytic[slot][index])
                let tolerance = 1e-4 + 1e-3 * abs(numeric)
                worst = max(worst, abs(numeric - exact))
                #expect(abs(numeric - exact) <= tolerance, "\(names[slot])[\(index)]: finite difference \(numeric), backward \(exact)")
                checked += 1
            }
        }
        print("gradient check: \(checked) coordinates, \(skipped) skipped, max |Δ| \(worst)")
        #expect(skipped * 10 < checked, "too many coordinates crossed a top-k or ReLU boundary: \(skipped) of \(checked + skipped)")
    }

    @Test func denseAndSparseAuxiliaryPathsAgree() {
        let dense = harness(denseAuxiliary: true), sparse = harness(denseAuxiliary: false)
        let a = dense.run(), b = sparse.run()
        #expect(abs(a.auxiliary - b.auxiliary) < 1e-6)
        for (x, y) in zip(dense.gradients, sparse.gradients) {
            for (u, v) in zip(x, y) { #expect(abs(u - v) < 1e-5) }
        }
    }
}
