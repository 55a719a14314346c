import Foundation
import Testing
import Tensors
@testable import Brain

/// Numerical policies and option paths that the fixture tests do not reach.
@Suite struct SolverPolicyTests {
    @Test func negativeEigenvaluesFollowTheNamedPolicy() throws {
        #expect(try RidgeFactorization<Double>.keptComponents([5, 1, 1e-14, -1e-3], policy: .zero) == [0, 1])
        #expect(throws: BrainError.negativeEigenvalue(value: -1e-3, largest: 5)) {
            try RidgeFactorization<Double>.keptComponents([5, 1, -1e-3], policy: .error)
        }
        // Rounding-level negatives (|λ| below the tolerance) are not an error under `.error`.
        #expect(try RidgeFactorization<Double>.keptComponents([5, -1e-13], policy: .error) == [0])
    }

    @Test func leastSquaresOnTheNaiveBackendMatchesScikitLearn() throws {
        let fixture = try FixtureValues("linear.json")
        let splits = Array(try fixture.splits("splits").prefix(3))
        let naive = CrossValidatedEncoding<Double, NaiveBackend>(model: .ordinaryLeastSquares, splits: splits, backend: NaiveBackend())
        let result = try naive.score(x: try fixture.dense("x"), y: try fixture.dense("y"))
        #expect(maxDifference(result.perSplit.flatMap { $0 }, Array(try fixture.rows("r_per_split").prefix(3)).flatMap { $0 }) < 1e-9)
    }

    @Test func rankDeficientFeaturesGiveTheMinimumNormFit() throws {
        // The third feature duplicates the first: least squares is not unique; predictions are.
        var rng = SeededRNG(seed: 4)
        let base = (0..<20).map { _ in [rng.normal(), rng.normal()] }
        let x = Dense<Double>(rows: 20, columns: 3, values: base.flatMap { [$0[0], $0[1], $0[0]] })
        let y = Dense<Double>(rows: 20, columns: 1, values: base.map { 2 * $0[0] - $0[1] + 0.5 })
        let fit = try LeastSquares.fit(x: x, y: y, backend: OpenBLASBackend())
        #expect(fit.factorization.rank == 2)
        let w = fit.weights(backend: OpenBLASBackend()).values
        #expect(abs(w[0] - 1) < 1e-9 && abs(w[1] + 1) < 1e-9 && abs(w[2] - 1) < 1e-9)  // 2 split equally
        #expect(maxDifference(fit.predict(x, backend: OpenBLASBackend()).values, y.values) < 1e-9)
    }

    @Test func groupedInnerFoldAverageSubjectsOptionsRun() throws {
        var rng = SeededRNG(seed: 1)
        let x = Tensor.randomNormal([48, 5], rng: &rng)
        let synthetic = try SyntheticResponseGenerator.generate(features: x, settings: SyntheticSettings(subjects: 3, repetitions: 1, targets: 6, reliability: 0.7, seed: 3))
        var options = BrainScoreOptions()
        options.groups = (0..<48).map { "story\($0 / 4)" }
        options.alphaSelection = .innerFolds(3)
        options.subjects = .average
        options.normalize = true
        options.precision = .double
        let result = try BrainScorer.score(features: try FeatureMatrix(x), responses: synthetic.responses, options: options)
        let subject = try #require(result.layers.first?.subjects.first)
        #expect(subject.subject == "average" && result.ceiling?.method == .subjects)
        #expect(subject.score > 0.5 && (subject.normalizedScore ?? 0) > 0.5)
        guard case let .crossValidated(cv) = subject.detail else { Issue.record("wrong detail"); return }
        #expect(cv.perSplit.count == 5 && cv.chosenAlphas.count == 5)
        #expect(result.json["settings"]?["grouped"] == .bool(true))
        options.groups = ["a", "b"]
        #expect(throws: BrainError.groups("2 labels for 48 stimuli")) { try BrainScorer.score(features: try FeatureMatrix(x), responses: synthetic.responses, options: options) }
    }
}
