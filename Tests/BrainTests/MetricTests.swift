import Foundation
import Testing
import Tensors
@testable import Brain

/// Each metric against scikit-learn / numpy / scipy values and hand-worked cases.
@Suite struct MetricTests {
    let backend = OpenBLASBackend()

    @Test func kFoldMatchesScikitLearn() throws {
        let fixture = try FixtureValues("kfold.json")
        #expect(try KFold(folds: 5).splits(count: 23) == fixture.splits("splits"))
    }

    @Test func kFoldNeedsAsManyStimuliAsFolds() {
        #expect(throws: BrainError.tooFewStimuli(have: 4, need: 5, purpose: "5-fold cross-validation")) {
            try KFold(folds: 5).splits(count: 4)
        }
        #expect(BrainError.tooFewStimuli(have: 4, need: 5, purpose: "5-fold cross-validation").description
                == "5-fold cross-validation needs at least 5 stimuli, but there are 4")
    }

    @Test func groupedFoldsKeepGroupsWhole() throws {
        let groups = ["a", "a", "a", "b", "b", "c", "c", "d", "e", "e"]
        let splits = try GroupKFold(folds: 3).splits(groups: groups)
        #expect(splits.count == 3)
        #expect(Set(splits.flatMap(\.test)) == Set(0..<10))
        for split in splits {
            let testGroups = Set(split.test.map { groups[$0] }), trainGroups = Set(split.train.map { groups[$0] })
            #expect(testGroups.isDisjoint(with: trainGroups))
        }
        #expect(throws: BrainError.groups("2 distinct groups cannot fill 3 folds")) { try GroupKFold(folds: 3).splits(groups: ["x", "y", "x"]) }
    }

    @Test(arguments: [false, true])
    func crossValidatedRidgeMatchesScikitLearn(singlePrecision: Bool) throws {
        let fixture = try FixtureValues("ridge_cv.json")
        let splits = try KFold(folds: 5).splits(count: 60)
        let model = EncodingModel.ridge(alphas: RidgeSolver<Double, OpenBLASBackend>.defaultAlphas, selection: .leaveOneOut)
        let result: CrossValidatedScore
        if singlePrecision {
            result = try CrossValidatedEncoding<Float, OpenBLASBackend>(model: model, splits: splits, backend: backend)
                .score(x: try fixture.dense("x"), y: try fixture.dense("y"))
        } else {
            result = try CrossValidatedEncoding<Double, OpenBLASBackend>(model: model, splits: splits, backend: backend)
                .score(x: try fixture.dense("x"), y: try fixture.dense("y"))
        }
        #expect(maxDifference(result.perTarget, try fixture.vector("r_per_target")) < 1e-4)
        #expect(maxDifference(result.perSplit.flatMap { $0 }, try fixture.rows("r_per_fold").flatMap { $0 }) < 1e-4)
    }

    @Test func linearPredictivityMatchesBrainScoreDefinition() throws {
        let fixture = try FixtureValues("linear.json")
        let metric = CrossValidatedEncoding<Double, OpenBLASBackend>(model: .ordinaryLeastSquares, splits: try fixture.splits("splits"), backend: backend)
        let result = try metric.score(x: try fixture.dense("x"), y: try fixture.dense("y"))
        #expect(maxDifference(result.perSplit.flatMap { $0 }, try fixture.rows("r_per_split").flatMap { $0 }) < 1e-9)
        #expect(maxDifference(result.splitScores, try fixture.vector("median_per_split")) < 1e-9)
        #expect(abs(result.score - (try fixture.scalar("score"))) < 1e-9)
        #expect(abs(result.error - (try fixture.scalar("error"))) < 1e-9)
    }

    @Test func karpovMatchesThePapersProcedure() throws {
        let fixture = try FixtureValues("karpov.json")
        let result = try Karpov2024<Double, OpenBLASBackend>(backend: backend).score(x: try fixture.dense("x"), y: try fixture.dense("y"))
        #expect(maxDifference(result.r2PerTarget, try fixture.vector("r2_per_target")) < 1e-9)
        #expect(abs(result.r2Mean - (try fixture.scalar("r2_mean"))) < 1e-9)
        #expect(maxDifference(result.lastStimulusPrediction, try fixture.vector("last_predictions")) < 1e-9)
        #expect(abs(result.brainScore - (try fixture.scalar("brain_score"))) < 1e-9)
    }

    @Test func karpovNeedsTwoHeldOutStimuli() {
        let x = Dense<Double>(rows: 5, columns: 1, values: [1, 2, 3, 4, 5])
        #expect(throws: BrainError.tooFewStimuli(have: 5, need: 6, purpose: "the karpov2024 train/test R²")) {
            try Karpov2024<Double, OpenBLASBackend>(backend: backend).score(x: x, y: x)
        }
    }

    @Test func rsaAndCKAMatchNumpy() throws {
        let fixture = try FixtureValues("rsa_cka.json")
        let x: Dense<Double> = try fixture.dense("features"), y: Dense<Double> = try fixture.dense("responses")
        let rsa = try RepresentationalSimilarity.score(x: x, y: y, backend: backend)
        #expect(maxDifference(rsa.modelRDM, try fixture.vector("rdm_model_upper")) < 1e-12)
        #expect(maxDifference(rsa.brainRDM, try fixture.vector("rdm_brain_upper")) < 1e-12)
        #expect(abs(rsa.score - (try fixture.scalar("rsa"))) < 1e-12)
        #expect(abs(try LinearCKA.score(x: x, y: y, backend: backend) - (try fixture.scalar("cka"))) < 1e-12)
    }

    @Test func handWorkedRSAAndCKA() throws {
        // Three stimuli: rows 0 and 1 are perfectly correlated, row 2 anti-correlated with both.
        let x = Dense<Double>(rows: 3, columns: 2, values: [0, 1, 1, 2, 1, 0])
        #expect(maxDifference(RepresentationalSimilarity.rdm(x, backend: backend), [0, 2, 2]) < 1e-12)
        #expect(RSAScore.square([1, 2, 3]).values == [0, 1, 2, 1, 0, 3, 2, 3, 0])
        #expect(SyntheticSettings.reliability(forNoise: 1) == 0.5)
        // CKA of a matrix with itself, or with an invertible linear map of itself scaled, is 1.
        let y = Dense<Double>(rows: 3, columns: 2, values: [1, 0, 2, 5, 0, 1])
        #expect(abs(try LinearCKA.score(x: y, y: y, backend: backend) - 1) < 1e-12)
    }

    @Test func medianIgnoresDroppedTargets() {
        #expect(TargetAggregate.median.apply([0.1, .nan, 0.5, 0.3]) == 0.3)
        #expect(TargetAggregate.mean.apply([0.2, .nan, 0.4]) == 0.30000000000000004)
    }

    @Test func screeningDropsNaNAndConstantTargets() {
        let responses = Tensor([1, 5, .nan, 2,
                                2, 5, 1, 2,
                                3, 5, 2, 2.5], shape: [3, 4])
        let screening = TargetScreening(responses)
        #expect(screening.kept == [0, 3])
        #expect(screening.nonFinite == 1 && screening.constant == 1)
        #expect(screening.warning == "dropped 2 of 4 targets (1 with NaN or infinite values, 1 constant across stimuli)")
        #expect(screening.expand([0.5, 0.25]).map { $0.isNaN ? -1 : $0 } == [0.5, -1, -1, 0.25])
    }
}
