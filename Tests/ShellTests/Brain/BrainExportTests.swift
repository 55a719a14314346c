import Brain
import Foundation
import Formats
import Testing
import Tensors

/// `export` of brainscore results: the JSON layout of docs/brainscore.md and the CSV table, with
/// the numbers the library computes on the same data and settings.
@Suite("Brain exports")
struct BrainExportTests {
    @Test func karpovOnAPlainMatrixHasTheIssueKeysAtTheTop() throws {
        let directory = try BrainFiles.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try BrainFiles.run("""
            f = load matrix features.npy
            b = load fmri responses.npy
            k = brainscore f b metric=karpov2024 seed=0
            export k to k.json
            export k to k.csv
            """, in: directory)
        #expect(result.status == 0, "\(result.standardError)")
        let json = try BrainFiles.json("k.json", in: directory)
        #expect(json["format"] == .string("mindscope.brainscore") && json["version"]?.number == 1)
        #expect(json["features"] == .string("matrix") && json["metric"] == .string("karpov2024"))
        let r2 = try #require(json["r2_per_target"]?.numbers)
        let expected = try EncodingScores.karpov2024(features: BrainFiles.layers()[2], responses: BrainFiles.responses())
        #expect(r2.count == BrainFiles.targets)
        #expect(zip(r2, expected.r2PerTarget).allSatisfy { abs($0 - $1) < 1e-9 }, "\(r2) against \(expected.r2PerTarget)")
        #expect(abs((json["r2_mean"]?.number ?? .nan) - expected.r2Mean) < 1e-9)
        #expect(abs((json["brain_score"]?.number ?? .nan) - expected.brainScore) < 1e-9)
        #expect(json["settings"]?["alphas"]?.numbers == [0.001, 0.01, 0.1, 1])
        let subject = try #require(json["subjects"]?[0])
        #expect(subject.keySet == ["subject", "score", "r2_per_target", "r2_mean", "brain_score", "alpha_per_target", "last_stimulus_prediction", "dropped_targets"])
        let csv = try String(contentsOf: directory.appendingPathComponent("k.csv"), encoding: .utf8)
        #expect(csv.hasPrefix("layer,layer_name,subject,score,score_normalized,ceiling,score_error,r2_mean,p_value,ci_low,ci_high,dropped_non_finite,dropped_constant\n0,features,responses,"))
    }

    @Test func ridgeOnLayersListsEachLayerAndTheBest() throws {
        let directory = try BrainFiles.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try BrainFiles.run("""
            a = load matrix layers.npz
            b = load fmri responses.npy
            r = brainscore a b metric=ridge folds=4 seed=7
            export r to r.json
            """, in: directory)
        #expect(result.status == 0, "\(result.standardError)")
        let json = try BrainFiles.json("r.json", in: directory)
        #expect(json["features"] == .string("layers"))
        #expect(json.keySet == ["format", "version", "metric", "settings", "stimuli", "targets", "target_names", "features", "layers", "best_layer", "warnings"])
        #expect(json["settings"]?["folds"]?.number == 4 && json["settings"]?["seed"] == .string("7"))
        guard case let .array(layers)? = json["layers"] else { Issue.record("no layers"); return }
        #expect(layers.count == 4)
        #expect(layers[1].keySet == ["layer", "name", "score", "r_per_target", "subjects"])
        #expect(layers[1]["name"] == .string("block1"))
        var options = BrainScoreOptions()
        options.folds = 4
        options.seed = 7
        let features = try FeatureLayers(names: (0..<4).map { "block\($0)" }, matrices: BrainFiles.layers())
        let expected = try BrainScorer.score(features: features, responses: BrainResponses(matrix: BrainFiles.responses(), subject: "responses"), options: options)
        for (layer, reference) in zip(layers, expected.layers) {
            let r = try #require(layer["r_per_target"]?.numbers)
            // Float products: another thread count blocks them differently (rounding only)
            #expect(zip(r, reference.perTarget).allSatisfy { abs($0 - $1) < 1e-6 })
            #expect(abs((layer["score"]?.number ?? .nan) - reference.score) < 1e-6)
        }
        #expect(json["best_layer"]?["layer"]?.number == Double(expected.bestLayer?.index ?? -1))
    }
}
