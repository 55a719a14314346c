import Foundation
import Testing
import Tensors
@testable import Brain

/// The work shared between cross-validation splits: downdated covariances, and split jobs run
/// side by side.
@Suite struct FoldSharingTests {
    /// Features with a large common offset, so that centring per split matters.
    static func features(rows: Int, columns: Int, seed: UInt64) -> Dense<Double> {
        var rng = SeededRNG(seed: seed)
        return Dense(rows: rows, columns: columns, values: (0..<(rows * columns)).map { 50 + Double($0 % columns) + rng.normal() })
    }

    @Test func downdatedCovariancesMatchDirectGrams() throws {
        let x = Self.features(rows: 37, columns: 6, seed: 3)
        let kFold = try KFold(folds: 4).splits(count: 37)
        let grouped = try GroupKFold(folds: 3).splits(groups: (0..<37).map { "g\($0 % 5)" })
        for (name, splits) in [("kfold", kFold), ("groups", grouped)] {
            let shared = try #require(SplitCovariances(x: x, splits: splits, backend: OpenBLASBackend()), "\(name)")
            for (index, split) in splits.enumerated() {
                let train = x.gatherRows(split.train)
                let direct = NaiveBackend().gram(train.centered(by: train.columnMeans()), transposeFirst: true)
                let scale = direct.values.map(abs).max() ?? 1
                #expect(maxDifference(shared.covariance(of: split, backend: OpenBLASBackend()).values, direct.values) <= 1e-12 * scale,
                        "\(name) split \(index)")
            }
        }
    }

    @Test func downdatingIsDeclinedWhenItDoesNotApply() throws {
        let x = Self.features(rows: 12, columns: 3, seed: 5)
        let overlapping = [Split(train: [0, 1, 2, 3, 4, 5, 6, 7], test: [7, 8, 9, 10, 11])]
        let partial = [Split(train: Array(0..<8), test: [8, 9])]
        let wide = try KFold(folds: 2).splits(count: 12)  // 6 training rows, 3 features: fine
        #expect(SplitCovariances(x: x, splits: overlapping, backend: OpenBLASBackend()) == nil)
        #expect(SplitCovariances(x: x, splits: partial, backend: OpenBLASBackend()) == nil)
        #expect(SplitCovariances(x: x, splits: wide, backend: OpenBLASBackend()) != nil)
        let tooWide = Self.features(rows: 12, columns: 6, seed: 5)  // 6 training rows ≤ 6 features: sample-space route
        #expect(SplitCovariances(x: tooWide, splits: wide, backend: OpenBLASBackend()) == nil)
    }

    @Test func jobsReturnInOrderAndReportTheFirstFailure() throws {
        for count in [0, 1, 2, 5, 8] {
            #expect(try IndependentJobs.run(count, backend: OpenBLASBackend()) { $0 * $0 } == (0..<count).map { $0 * $0 }, "\(count) jobs")
        }
        #expect(throws: BrainError.tooFewStimuli(have: 2, need: 3, purpose: "job 2")) {
            try IndependentJobs.run(5, backend: OpenBLASBackend()) { index -> Int in
                if index >= 2 { throw BrainError.tooFewStimuli(have: index, need: 3, purpose: "job \(index)") }
                return index
            }
        }
    }

    @Test func sideBySideFactorizationsMatchOneByOne() throws {
        // The prepared (downdated, concurrent) factorizations give the same predictions as
        // factoring each training split on its own.
        let x = Self.features(rows: 50, columns: 7, seed: 9).converted(to: Float.self)
        var rng = SeededRNG(seed: 10)
        let y = Dense<Float>(rows: 50, columns: 3, values: (0..<150).map { _ in Float(rng.normal()) })
        let splits = try KFold(folds: 5).splits(count: 50)
        let encoding = CrossValidatedEncoding<Float, OpenBLASBackend>(model: .ridge(alphas: [0.1, 10], selection: .leaveOneOut),
                                                                      splits: splits, backend: OpenBLASBackend())
        let held = try encoding.heldOutPredictions(encoding.prepare(x: x), y: y)
        for (index, split) in splits.enumerated() {
            let fit = try RidgeSolver<Float, OpenBLASBackend>(alphas: [0.1, 10], backend: OpenBLASBackend())
                .fit(x: x.gatherRows(split.train), y: y.gatherRows(split.train))
            let alone = fit.predict(x.gatherRows(split.test), backend: OpenBLASBackend())
            let difference = zip(alone.values, held[index].prediction.values).map { Double(abs($0 - $1)) }.max() ?? 0
            #expect(difference < 1e-3, "split \(index)")
            #expect(held[index].alphas == fit.chosenAlphas, "split \(index)")
        }
    }
}
