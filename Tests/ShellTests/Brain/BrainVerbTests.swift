import Foundation
import Formats
import Testing

/// Every brain verb through `mindscope run` on small matrices: what each prints and stores.
@Suite("Brain verbs")
struct BrainVerbTests {
    @Test func loadVerbsSayWhatTheyRead() throws {
        let directory = try BrainFiles.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try BrainFiles.run("""
            f = load matrix features.npy
            a = load matrix layers.npz stimuli=stimuli.csv id=id
            b = load fmri responses.csv stimuli=stimuli.csv id=id
            two = load fmri responses.npy responses.npy
            st = load stimuli stimuli.csv id=id
            show a
            ls
            """, in: directory)
        #expect(result.status == 0, "\(result.standardError)")
        let out = result.standardOutput
        #expect(out.contains("f (matrix): 40 stimuli × 6 features (features.npy)\n"))
        #expect(out.contains("a (matrix): 40 stimuli, 4 layers of 6 features (layers.npz, with stimulus ids)\n"))
        #expect(out.contains("b (fmri): 40 stimuli × 12 targets, 1 subject × 1 repetition (responses.csv)\n"))
        #expect(out.contains("two (fmri): 40 stimuli × 12 targets, 2 subjects × 1 repetition (2 files)\n"))
        #expect(out.contains("st (stimuli): 40 stimuli with text, story (stimuli.csv)\n"))
        #expect(out.contains("layers: 0 block0 (6), 1 block1 (6), 2 block2 (6), 3 block3 (6)\n"))
        #expect(BrainFiles.squeezed(out).contains("\na matrix 4 × 40 × 6 "))
        #expect(BrainFiles.squeezed(out).contains("\ntwo fmri 2 × 1 × 40 × 12 "))
    }

    @Test func syntheticResponsesPrintTheirKnownTruth() throws {
        let directory = try BrainFiles.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try BrainFiles.run("""
            a = load matrix layers.npz
            s = fmri synthetic a layer=1 subjects=3 repetitions=2 targets=20 noise=1 seed=5
            export s to s.json
            """, in: directory)
        #expect(result.status == 0, "\(result.standardError)")
        let out = result.standardOutput
        #expect(out.contains("signal from a layer 1 (block1), pooled last: 6 features, each target driven by 1 feature; seed 5\n"))
        #expect(BrainFiles.squeezed(out).contains("\none repetition 0.5 0.7071\n"))
        #expect(BrainFiles.squeezed(out).contains("\na subject's mean of 2 repetitions 0.6667 0.8165\n"))
        #expect(BrainFiles.squeezed(out).contains("\nthe average of all 6 recordings 0.8571 0.9258\n"))
        #expect(out.contains("s (fmri): 40 stimuli × 20 targets, 3 subjects × 2 repetitions (synthetic from a layer 1 (block1), pooled last, reliability 0.5)\n"))
        let json = try BrainFiles.json("s.json", in: directory)
        #expect(json["truth"]?["layer"]?.number == 1)
        #expect(json["truth"]?["subject_ceiling"]?.numbers?.allSatisfy { abs($0 - 2.0 / 3.0) < 1e-12 } == true)
        #expect(json["subjects"]?.numbers?.count == 3)
    }

    @Test func everyMetricFindsTheLayerTheSignalCameFrom() throws {
        let directory = try BrainFiles.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let metrics = ["ridge", "linear", "karpov2024", "rsa", "cka"]
        let result = try BrainFiles.run("""
            a = load matrix layers.npz
            s = fmri synthetic a layer=1 subjects=2 repetitions=2 targets=30 reliability=0.8 sparsity=0.5 seed=5
            """ + "\n" + metrics.map { "\($0) = brainscore a s metric=\($0) seed=1" }.joined(separator: "\n"), in: directory)
        #expect(result.status == 0, "\(result.standardError)")
        let out = result.standardOutput
        for metric in metrics {
            #expect(out.contains("\(metric) (brainscore): \(metric) of a against s: best layer 1 (block1) "), "\(metric): \(out)")
        }
        #expect(BrainFiles.squeezed(out).contains("\nlayer name sub-01 sub-02 mean median r ± SEM\n"))
        #expect(BrainFiles.squeezed(out).contains(" mean brain score ± SEM mean R²\n"))
        #expect(out.contains("known truth: signal from a layer 1 (block1); a subject's mean has reliability 0.8889 (median over targets), so a perfect model reaches r = 0.9428\n"))
    }

    @Test func significanceCeilingsAndNormalisation() throws {
        let directory = try BrainFiles.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try BrainFiles.run("""
            f = load matrix features.npy
            s = fmri synthetic f subjects=2 repetitions=4 targets=16 reliability=0.5 seed=2
            r = brainscore f s metric=linear permutations=19 bootstrap=50 ceiling=repetitions normalize=true seed=3
            """, in: directory)
        #expect(result.status == 0, "\(result.standardError)")
        let out = result.standardOutput
        #expect(BrainFiles.squeezed(out).contains("\nfeatures sub-01 sub-02 mean median r ± SEM normalised\n"))
        #expect(BrainFiles.squeezed(out).contains("\nlayer subject median r p (19 permutations) null mean 95% CI low high\n"))
        #expect(BrainFiles.squeezed(out).contains("\nf sub-01 ") && BrainFiles.squeezed(out).contains(" 0.05 "), "the smallest p of 19 permutations is 1/20: \(out)")
        #expect(out.contains("permutation p-values cannot fall below 1/(1 + 19) = 0.05\n"))
        #expect(out.contains("noise ceiling (split-half over each subject's repetitions, Spearman–Brown corrected, 20 splits): "))
        #expect(out.contains("; sub-01 ") && out.contains(", sub-02 "))
    }

    @Test func compareCombineAndFigures() throws {
        let directory = try BrainFiles.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try BrainFiles.run("""
            a = load matrix layers.npz
            b = load matrix features.npy
            s = fmri synthetic a layer=2 subjects=6 repetitions=1 targets=20 reliability=0.6 seed=8
            good = brainscore b s metric=ridge seed=1
            poor = brainscore a s metric=ridge layers=[0] seed=1
            c = compare scores good poor permutations=1000 seed=4
            both = combine good poor
            full = brainscore a s metric=ridge seed=1
            rsa = brainscore a s metric=rsa seed=1
            all = combine full rsa
            plot layers full
            plot subjects full
            plot targets full
            plot bars both
            plot best both
            plot layers all
            plot model-rdm rsa
            plot brain-rdm rsa
            plot rdm s
            plot reliability s
            """, in: directory)
        #expect(result.status == 0, "\(result.standardError)")
        let out = result.standardOutput
        #expect(BrainFiles.squeezed(out).contains("good − poor (ridge), paired over subjects:\nlayer name pairs score good score poor mean difference"))
        #expect(out.contains("with 6 pairs the exact sign-flip test cannot give p below 0.03125\n"))
        let row = try #require(out.split(separator: "\n").first { $0.contains("features / block0") }, "layer 0 of both is paired: \(out)")
        let cells = BrainFiles.squeezed(String(row)).split(separator: " ").map(String.init)
        #expect(cells.prefix(5) == ["0", "features", "/", "block0", "6"])
        #expect(Double(cells[7]) ?? 0 > 0.2, "the layer the signal came from scores higher")
        #expect(cells.suffix(2) == ["0.03125", "yes"], "all 64 sign flips enumerated; only the observed and its mirror are as extreme")
        #expect(out.contains("c (table): paired comparison good − poor (1 row × 10 columns)\n"))
        #expect(out.contains("both (brainscores): 2 results of ridge: good, poor\n"))
        #expect(out.contains("all (brainscores): 2 results: full (ridge), rsa\n"))
        let figures = try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("plots").path).sorted()
        #expect(figures == ["brain-1-layers.png", "brain-10-reliability.png", "brain-2-subjects.png", "brain-3-targets.png", "brain-4-bars.png",
                            "brain-5-best.png", "brain-6-layers.png", "brain-7-model-rdm.png", "brain-8-brain-rdm.png", "brain-9-rdm.png"])
        for figure in figures {
            let bytes = try Data(contentsOf: directory.appendingPathComponent("plots/\(figure)"))
            #expect(bytes.prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]), "\(figure) is a PNG")
        }
        let transcript = try String(contentsOf: directory.appendingPathComponent("sessions/brain.md"), encoding: .utf8)
        #expect(transcript.contains("![brain-1-layers.png](../plots/brain-1-layers.png)"))
    }

    @Test func activationSetsAreScoredLayerByLayer() throws {
        let directory = try BrainFiles.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let sentences = (1...40).map { "Scenario \($0): someone \(["kept", "broke", "made", "found"][$0 % 4]) a promise to friend number \($0 * 7 % 13)." }
        try Data((sentences.joined(separator: "\n") + "\n").utf8).write(to: directory.appendingPathComponent("scenarios.txt"))
        let result = try BrainFiles.run("""
            m = load model \(ModelsTestPaths.gpt2.path)
            t = load text scenarios.txt
            acts = activations m t
            s = fmri synthetic acts layer=1 pool=mean subjects=2 repetitions=2 targets=24 reliability=0.8 seed=3 stimuli=stimuli.csv id=id
            r = brainscore acts s metric=ridge pool=mean groups=story seed=1
            c = brainscore acts s metric=cka pool=mean seed=1
            """, in: directory)
        #expect(result.status == 0, "\(result.standardError)")
        let out = result.standardOutput
        #expect(out.contains("signal from acts layer 1, pooled mean: 32 features"), "\(out)")
        #expect(BrainFiles.squeezed(out).contains("\nlayer sub-01 sub-02 mean median r ± SEM\n"), "hidden states are named by their number: \(out)")
        #expect(out.contains("r (brainscore): ridge of acts against s: best layer "), "\(out)")
        #expect(["0", "1", "2"].allSatisfy { layer in out.split(separator: "\n").contains { $0.hasPrefix(layer + "  ") } }, "every hidden state is scored")
        // 40 stimuli and a random 2-layer model: CKA finds the layer the signal came from, ridge
        // (24 training stimuli per grouped fold) need not
        #expect(out.contains("c (brainscore): cka of acts against s: best layer 1 "), "\(out)")
    }
}
