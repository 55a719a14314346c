import Foundation
import Synchronization
import Testing
import Tensors
@testable import Brain

/// The scorer end to end on synthetic data with a known truth, its errors, and its JSON layout.
@Suite struct ScoringTests {
    static func features(stimuli: Int, width: Int, seed: UInt64) -> Tensor {
        var rng = SeededRNG(seed: seed)
        return Tensor.randomNormal([stimuli, width], rng: &rng)
    }

    @Test func splitHalfCeilingRecoversTheTrueReliability() throws {
        let x = Self.features(stimuli: 300, width: 12, seed: 1)
        let settings = SyntheticSettings(subjects: 2, repetitions: 4, targets: 60, reliability: 0.3, reliabilitySpread: 0.2, seed: 7)
        let synthetic = try SyntheticResponseGenerator.generate(features: x, settings: settings)
        let ceiling = try NoiseCeiling.splitHalf(synthetic.responses, method: .repetitions, aggregate: .mean, splits: 30, seed: 3)
        let truth = synthetic.subjectCeiling
        let meanTruth = truth.reduce(0, +) / Double(truth.count)
        #expect(abs(ceiling.value - meanTruth) < 0.03, "estimated \(ceiling.value), true \(meanTruth)")
        #expect(Correlation.pearson(ceiling.perTarget, truth) > 0.8)
        let average = try NoiseCeiling.splitHalf(synthetic.responses, method: .subjects, aggregate: .mean, seed: 3)
        let averageTruth = synthetic.subjectAverageCeiling.reduce(0, +) / Double(truth.count)
        #expect(abs(average.value - averageTruth) < 0.05, "estimated \(average.value), true \(averageTruth)")
    }

    @Test func spearmanBrownByHand() {
        #expect(abs(SplitHalfReliability.spearmanBrown(0.5, factor: 2) - 2.0 / 3.0) < 1e-15)
        #expect(abs(SplitHalfReliability.spearmanBrown(0.25, factor: 4) - 0.5714285714285714) < 1e-15)
    }

    @Test func ridgeReachesTheCeilingOnSyntheticData() throws {
        let x = Self.features(stimuli: 400, width: 10, seed: 2)
        let synthetic = try SyntheticResponseGenerator.generate(features: x, settings: SyntheticSettings(subjects: 2, repetitions: 2, targets: 30, reliability: 0.6, sparsity: 0.5, seed: 5))
        var options = BrainScoreOptions()
        options.metric = .ridge
        options.normalize = true
        let result = try BrainScorer.score(features: try FeatureMatrix(x), responses: synthetic.responses, options: options)
        let subject = try #require(result.layers.first?.subjects.first)
        // A perfect model correlates with the noisy mean response at √(reliability of that mean).
        let attainable = Statistics.median(synthetic.subjectCeiling.map { $0.squareRoot() })
        #expect(abs(subject.score - attainable) < 0.05, "score \(subject.score), attainable \(attainable)")
        #expect(result.ceiling?.method == .repetitions)
        #expect((subject.normalizedScore ?? 0) > 0.9)
    }

    @Test func permutationTestSeparatesSignalFromNoise() throws {
        let x = Self.features(stimuli: 80, width: 5, seed: 3)
        let synthetic = try SyntheticResponseGenerator.generate(features: x, settings: SyntheticSettings(subjects: 1, repetitions: 1, targets: 20, reliability: 0.5, sparsity: 0.6, seed: 9))
        var options = BrainScoreOptions()
        options.metric = .linear
        options.permutations = 49
        options.bootstrap = 200
        let real = try BrainScorer.score(features: try FeatureMatrix(x), responses: synthetic.responses, options: options)
        let subject = try #require(real.layers.first?.subjects.first)
        #expect(subject.permutation?.pValue == 0.02)
        let interval = try #require(subject.interval)
        #expect(interval.low <= subject.score && subject.score <= interval.high)
        let unrelated = try FeatureMatrix(Self.features(stimuli: 80, width: 5, seed: 99))
        let null = try BrainScorer.score(features: unrelated, responses: synthetic.responses, options: options)
        #expect((null.layers.first?.subjects.first?.permutation?.pValue ?? 0) > 0.05)
    }

    @Test func exactSignFlipTestByHand() throws {
        let result = try PairedComparison.compare([3, 4, 5], [2, 2, 2], unit: "subjects", permutations: 100, bootstrap: 10, seed: 1)
        #expect(result.exact && result.permutations == 8)
        #expect(result.meanDifference == 2)
        #expect(result.pValue == 0.25)  // only all-plus and all-minus reach |mean| ≥ 2
    }

    @Test func saturationFitRecoversAKnownCurve() {
        let x = (2...12).map(Double.init)
        let y = x.map { 0.6 * (1 - exp(-$0 / 3)) }
        let fit = SaturationFit.fit(x: x, y: y)
        #expect(abs(fit.asymptote - 0.6) < 1e-4 && abs(fit.tau - 3) < 1e-2)
    }

    @Test func subjectPoolCeilingIsBoundedAndOrdered() throws {
        let x = Self.features(stimuli: 60, width: 6, seed: 4)
        func ceiling(_ reliability: Double) throws -> Double {
            let synthetic = try SyntheticResponseGenerator.generate(features: x, settings: SyntheticSettings(subjects: 4, repetitions: 1, targets: 4, reliability: reliability, seed: 11))
            var options = BrainScoreOptions()
            options.metric = .linear
            options.splits = 3
            options.ceiling = .subjectPool
            let pool = SubjectPoolCeiling(subsetsPerSize: 2, heldOutPerSubset: 2, bootstraps: 20, seed: 1)
            let splits = try BrainScorer.makeSplits(options, stimuli: 60)
            return try pool.estimate(subjects: synthetic.responses.subjects.map(\.mean), aggregate: .median) { features, target in
                try EncodingScores.crossValidated(features: features, responses: target, model: .ordinaryLeastSquares, splits: splits, precision: .double).perTarget
            }.value
        }
        let low = try ceiling(0.2), high = try ceiling(0.8)
        #expect((0...1).contains(low) && (0...1).contains(high) && high > low, "low \(low), high \(high)")
    }

    @Test func scorerRunsTheSubjectPoolCeiling() throws {
        let x = Self.features(stimuli: 40, width: 4, seed: 12)
        let synthetic = try SyntheticResponseGenerator.generate(features: x, settings: SyntheticSettings(subjects: 4, repetitions: 1, targets: 3, reliability: 0.6, seed: 2))
        var options = BrainScoreOptions()
        options.metric = .linear
        options.splits = 3
        options.ceiling = .subjectPool
        options.normalize = true
        let result = try BrainScorer.score(features: try FeatureMatrix(x), responses: synthetic.responses, options: options)
        let ceiling = try #require(result.ceiling)
        #expect(ceiling.method == .subjectPool && (0...1).contains(ceiling.value) && ceiling.perTarget.count == 3)
        #expect(result.layers[0].subjects.allSatisfy { $0.ceiling == ceiling.value })
        #expect(result.json["ceiling"]?["method"] == .string("subjectPool"))
    }

    @Test func karpovJSONHasThePapersFieldsAtTheTop() throws {
        let x = Self.features(stimuli: 30, width: 4, seed: 5)
        var y = Self.features(stimuli: 30, width: 3, seed: 6)
        y[0, 1] = .nan
        var options = BrainScoreOptions()
        options.metric = .karpov2024
        let result = try BrainScorer.score(features: try FeatureMatrix(x), responses: try BrainResponses(matrix: y), options: options)
        let json = result.json
        guard case let .array(r2)? = json["r2_per_target"] else { Issue.record("no r2_per_target"); return }
        #expect(r2.count == 3 && r2[1] == .null)
        #expect(json["r2_mean"] != nil && json["brain_score"] != nil)
        #expect(result.warnings == ["all: dropped 1 of 3 targets (1 with NaN or infinite values)"])
        let decoded = try JSONSerialization.jsonObject(with: result.jsonData) as? [String: Any]
        #expect(decoded?["metric"] as? String == "karpov2024")
    }

    @Test func activationSetsAreScoredLayerByLayer() throws {
        struct TwoLayers: StimulusFeatures {
            let good: Tensor, noise: Tensor
            var stimulusCount: Int { good.shape[0] }
            var layerNames: [String] { ["noise", "good"] }
            var stimulusIDs: [String]? { (1...good.shape[0]).map(String.init) }
            func features(layer: Int, pooling: StimulusPooling) throws -> Tensor { layer == 0 ? noise : good }
        }
        let good = Self.features(stimuli: 120, width: 6, seed: 7)
        let synthetic = try SyntheticResponseGenerator.generate(features: good, settings: SyntheticSettings(subjects: 2, repetitions: 1, targets: 10, reliability: 0.7, seed: 1))
        for metric in BrainMetric.allCases {
            var options = BrainScoreOptions()
            options.metric = metric
            let result = try BrainScorer.score(features: TwoLayers(good: good, noise: Self.features(stimuli: 120, width: 6, seed: 8)),
                                               responses: synthetic.responses, options: options)
            #expect(result.layers.map(\.name) == ["noise", "good"])
            #expect(result.bestLayer?.name == "good", "\(metric)")
            #expect(result.json["layers"] != nil && result.json["best_layer"] != nil)
        }
    }

    @Test func badInputGivesClearErrors() throws {
        let x = try FeatureMatrix(Self.features(stimuli: 10, width: 3, seed: 1), stimulusIDs: (1...10).map { "s\($0)" })
        let y = try BrainResponses(matrix: Self.features(stimuli: 10, width: 2, seed: 2), stimulusIDs: (1...10).map { $0 == 4 ? "x4" : "s\($0)" })
        #expect(throws: BrainError.stimulusMismatch(index: 3, expected: "x4", found: "s4")) { try BrainScorer.score(features: x, responses: y, options: BrainScoreOptions()) }
        let short = try BrainResponses(matrix: Self.features(stimuli: 9, width: 2, seed: 2))
        #expect(throws: BrainError.stimulusCountMismatch(features: 10, responses: 9)) { try BrainScorer.score(features: x, responses: short, options: BrainScoreOptions()) }
        var options = BrainScoreOptions()
        options.folds = 12
        let plain = try FeatureMatrix(x.values)
        let matching = try BrainResponses(matrix: Self.features(stimuli: 10, width: 2, seed: 2))
        #expect(throws: BrainError.tooFewStimuli(have: 10, need: 12, purpose: "12-fold cross-validation")) { try BrainScorer.score(features: plain, responses: matching, options: options) }
        options = BrainScoreOptions()
        options.metric = .rsa
        options.normalize = true
        #expect(throws: BrainError.self) { try BrainScorer.score(features: plain, responses: matching, options: options) }
        let constant = try BrainResponses(matrix: Tensor(repeating: 1, shape: [10, 3]))
        #expect(throws: BrainError.noUsableTargets(dropped: 3)) { try BrainScorer.score(features: plain, responses: constant, options: BrainScoreOptions()) }
    }

    @Test func cancellationStopsAndProgressIsReported() throws {
        let x = try FeatureMatrix(Self.features(stimuli: 40, width: 3, seed: 1))
        let y = try BrainResponses(matrix: Self.features(stimuli: 40, width: 2, seed: 2))
        let steps = Mutex(0)
        _ = try BrainScorer.score(features: x, responses: y, options: BrainScoreOptions(), control: RunControl(progress: { done, total in
            steps.withLock { $0 = done }
            #expect(total == 1)
        }))
        #expect(steps.withLock { $0 } == 1)
        #expect(throws: BrainError.cancelled) {
            try BrainScorer.score(features: x, responses: y, options: BrainScoreOptions(), control: RunControl(isCancelled: { true }))
        }
    }

    @Test func resultsOfTwoModelsArePairedOverSubjects() throws {
        let good = Self.features(stimuli: 60, width: 4, seed: 1)
        let synthetic = try SyntheticResponseGenerator.generate(features: good, settings: SyntheticSettings(subjects: 5, repetitions: 1, targets: 8, reliability: 0.6, seed: 2))
        var options = BrainScoreOptions()
        options.metric = .linear
        let a = try BrainScorer.score(features: try FeatureMatrix(good), responses: synthetic.responses, options: options)
        let b = try BrainScorer.score(features: try FeatureMatrix(Self.features(stimuli: 60, width: 4, seed: 3)), responses: synthetic.responses, options: options)
        let comparison = try #require(try a.compare(with: b, permutations: 1000).first)
        #expect(comparison.comparison.unit == "subjects" && comparison.comparison.pairs == 5)
        #expect(comparison.comparison.meanDifference > 0.3)
        #expect(comparison.comparison.exact && comparison.comparison.pValue == 2.0 / 32.0)
    }
}
