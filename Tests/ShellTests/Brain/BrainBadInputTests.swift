import Brain
import Foundation
import Formats
import Shell
import Testing
import Tensors

/// Bad input to the brain verbs: one clear error (or a warning with a count) and an unchanged
/// workspace.
@Suite("Brain bad input")
struct BrainBadInputTests {
    /// An in-process session over the standard registry, with the standard files loaded as f, a, b.
    static func session(in directory: URL) throws -> TestSession {
        let test = TestSession(registry: .standard())
        for line in ["f = load matrix \(directory.path)/features.npy", "a = load matrix \(directory.path)/layers.npz",
                     "b = load fmri \(directory.path)/responses.npy"] {
            #expect(test.run(line) == .completed, "\(line): \(test.output.standardError)")
        }
        return test
    }

    @Test func nanAndConstantTargetsAreDroppedWithACount() throws {
        let directory = try BrainFiles.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var y = BrainFiles.responses().scalars
        let t = BrainFiles.targets
        y[7 * t + 3] = .nan
        for i in 0..<BrainFiles.stimuli { y[i * t + 5] = 2.5 }
        try Npy.write(NpyArray(Tensor(y, shape: [BrainFiles.stimuli, t])), to: directory.appendingPathComponent("holes.npy"))
        let test = try Self.session(in: directory)
        test.output.reset()
        #expect(test.run("h = load fmri \(directory.path)/holes.npy") == .completed)
        #expect(test.output.standardError == "warning: subject average: dropped 2 of 12 targets (1 with NaN or infinite values, 1 constant across stimuli); brainscore drops them\n")
        test.output.reset()
        #expect(test.run("r = brainscore f h metric=ridge seed=2") == .completed)
        #expect(test.output.standardError == "warning: holes: dropped 2 of 12 targets (1 with NaN or infinite values, 1 constant across stimuli)\n")
        #expect(test.run("export r to \(directory.path)/r.json") == .completed)
        let json = try BrainFiles.json("r.json", in: directory)
        let r = try #require(json["r_per_target"]?.numbers)
        #expect(r[3].isNaN && r[5].isNaN && r.enumerated().allSatisfy { $0.offset == 3 || $0.offset == 5 || $0.element.isFinite })
        #expect(json["subjects"]?[0]?["dropped_targets"] == .object(["non_finite": .number(1), "constant": .number(1)]))
        let kept = (0..<t).filter { $0 != 3 && $0 != 5 }
        let clean = Tensor(shape: [BrainFiles.stimuli, kept.count]) { out in
            for i in 0..<BrainFiles.stimuli { for (k, j) in kept.enumerated() { out[i * kept.count + k] = y[i * t + j] } }
        }
        var options = BrainScoreOptions()
        options.seed = 2
        let reference = try BrainScorer.score(features: FeatureMatrix(BrainFiles.layers()[2]), responses: BrainResponses(matrix: clean), options: options)
        #expect(abs((json["score"]?.number ?? .nan) - reference.layers[0].score) < 1e-6, "the dropped targets do not poison the median")
    }

    @Test func mismatchedStimuliNameTheFirstDifference() throws {
        let directory = try BrainFiles.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let y = BrainFiles.responses()
        try Npy.write(NpyArray(Tensor(Array(y.scalars.prefix(39 * BrainFiles.targets)), shape: [39, BrainFiles.targets])),
                      to: directory.appendingPathComponent("short.npy"))
        var ids = BrainFiles.ids()
        ids[3] = "x4"
        try BrainFiles.table(y, ids: ids).write(to: directory.appendingPathComponent("renamed.csv"))
        try BrainFiles.table(BrainFiles.layers()[2], ids: BrainFiles.ids()).write(to: directory.appendingPathComponent("named.csv"))
        let test = try Self.session(in: directory)
        #expect(test.run("short = load fmri \(directory.path)/short.npy") == .completed)
        #expect(test.run("renamed = load fmri \(directory.path)/renamed.csv") == .completed)
        #expect(test.run("named = load matrix \(directory.path)/named.csv") == .completed)
        test.expectError("brainscore f short", "features have 40 stimuli but the responses have 39; they must describe the same stimuli in the same order")
        test.expectError("brainscore named renamed", "stimulus 4 differs: expected \"x4\", found \"s4\"")
        test.expectError("x = load fmri \(directory.path)/renamed.csv stimuli=\(directory.path)/stimuli.csv id=id",
                         "stimulus \"x4\" is not in the stimuli table")
        #expect(test.run("x = fmri synthetic f") == .completed)
        test.expectError("brainscore a x layers=[1, 7]", "layers= names layer 7, but a has 4 layers (0…3)")
    }

    @Test func optionsThatCannotWorkAreRefused() throws {
        let directory = try BrainFiles.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let test = try Self.session(in: directory)
        test.expectError("brainscore f b metric=rige", "metric= must be one of karpov2024, linear, ridge, rsa, cka, found 'rige'; did you mean 'ridge'?")
        test.expectError("brainscore f b folds=50", "50-fold cross-validation needs at least 50 stimuli, but there are 40")
        test.expectError("brainscore f b metric=rsa folds=3", "folds= applies to metric=ridge, not to metric=rsa")
        test.expectError("brainscore f b normalize=true", "need at least 2 repetitions or subjects to estimate a ceiling for normalize=true, have 1")
        test.expectError("brainscore f b metric=cka normalize=true",
                         "normalize=true is not valid; expected normalize=false for cka (ceilings apply to per-target correlations: linear, ridge)")
        test.expectError("brainscore f b groups=story", "groups= needs a stimuli table: load the responses with stimuli=FILE")
        #expect(test.run("g = load fmri \(directory.path)/responses.csv stimuli=\(directory.path)/stimuli.csv id=id") == .completed)
        test.expectError("brainscore f g groups=stroy",
                         "groups= the stimuli table has no column 'stroy'; did you mean 'story'? columns: story")
        test.expectError("brainscore b f", "'b' is a fmri, but an activations or a matrix is needed here")
        test.expectError("compare scores f f", "'f' is a matrix, but a brainscore is needed here")
        test.expectError("fmri synthetic f noise=20", "noise= gives a reliability of 0.002494; it must lie between 0.01 and 0.99 (noise between 0.1005 and 9.95)")
        test.expectError("x = load fmri \(directory.path)/responses.npy atlas=\(directory.path)/features.npy", "atlas= '\(directory.path)/features.npy' should end in .nii or .gz")
        #expect(test.run("grouped = brainscore f g groups=story folds=5 seed=1") == .completed, "\(test.output.standardError)")
    }

    @Test func nanFeaturesAreAnError() throws {
        let directory = try BrainFiles.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var x = BrainFiles.layers()[0].scalars
        x[10] = .infinity
        try Npy.write(NpyArray(Tensor(x, shape: [BrainFiles.stimuli, 6])), to: directory.appendingPathComponent("bad.npy"))
        let test = try Self.session(in: directory)
        test.expectError("x = load matrix \(directory.path)/bad.npy", "bad holds NaN or infinite values; features must be finite")
    }
}
