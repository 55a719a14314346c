import Brain
import Foundation
import Tensors

/// `fmri synthetic FEATURES ...`: responses made from one layer of the features through a hidden
/// sparse linear map plus noise of a chosen reliability, so the true ceiling is known.
enum SyntheticCommand {
    static let features = Positional.anyObject("FEATURES", kinds: FeatureKinds.names, help: "the features the signal is made from")
    static let layer = Option.int("layer", range: .atLeast(0), help: "the layer the signal comes from (default: the middle one)")
    static let pool = Option.choice("pool", default: StimulusPooling.last, help: "how an activation set's tokens are pooled per stimulus")
    static let subjects = Option.int("subjects", default: 4, range: .between(1, 1000), help: "subjects")
    static let repetitions = Option.int("repetitions", default: 2, range: .between(1, 100), help: "repetitions of the stimulus set per subject")
    static let targets = Option.int("targets", default: 64, range: .between(1, 1_000_000), help: "targets (voxels or parcels)")
    static let noise = Option.number("noise", range: .atLeast(0), help: "noise standard deviation against a unit-variance signal: reliability 1/(1 + noise²)")
    static let reliability = Option.number("reliability", range: .between(0.01, 0.99), help: "reliability of one repetition (instead of noise=; default 0.5)")
    static let spread = Option.number("spread", default: 0, range: .between(0, 0.98), help: "targets' reliabilities spread uniformly over reliability ± spread")
    static let sparsity = Option.number("sparsity", default: 0.1, range: .above(0, atMost: 1), help: "fraction of the features driving each target")
    static let seed = Option.int("seed", range: .atLeast(0), help: "seed of the hidden map and the noise (default: the session's next stream)")

    static let command = Command(
        "fmri synthetic", summary: "Make brain responses with a known ceiling from one layer of features (for checking recovery).",
        parameters: [features, layer, pool, subjects, repetitions, targets, noise, reliability, spread, sparsity, seed,
                     BrainLoadCommands.stimuliFile, BrainLoadCommands.idColumn, BrainLoadCommands.textColumns],
        result: .object(FMRIObject.kind),
        examples: ["brain = fmri synthetic acts layer=3 subjects=6 targets=200 noise=1 seed=7 stimuli=data/moral-scenarios.csv id=id text=input",
                   "brain = fmri synthetic features subjects=1 repetitions=4 reliability=0.3"],
        discussion: """
        signal = z(features)·W, W sparse with normal weights, each target's signal scaled to unit variance; each subject and \
        repetition adds independent normal noise. The true reliability of a subject's mean of R repetitions is SB(ρ, R) = \
        Rρ / (1 + (R − 1)ρ), and a perfect model's Pearson r is its square root. Nothing here is a claim about real brains.
        """
    ) { arguments, context in
        let named = try arguments[features]
        let source = try FeatureKinds.features(of: named)
        let index = try arguments[layer] ?? source.layerNames.count / 2
        guard source.layerNames.indices.contains(index) else {
            throw arguments.error(layer, "must be a layer index below \(source.layerNames.count) (\(named.name) has \(Format.count(source.layerNames.count, "layer")))")
        }
        if try arguments[noise] != nil, try arguments[reliability] != nil {
            throw arguments.error(reliability, "give noise= or reliability=, not both")
        }
        let chosen = try arguments[noise].map(SyntheticSettings.reliability(forNoise:)) ?? arguments[reliability] ?? 0.5
        guard (0.01...0.99).contains(chosen) else {
            throw arguments.error(noise, "gives a reliability of \(Format.number(chosen)); it must lie between 0.01 and 0.99 (noise between 0.1005 and 9.95)")
        }
        let settings = SyntheticSettings(subjects: try arguments[subjects], repetitions: try arguments[repetitions], targets: try arguments[targets],
                                         reliability: chosen, reliabilitySpread: try arguments[spread], sparsity: try arguments[sparsity],
                                         seed: try arguments[seed].map(UInt64.init) ?? context.makeRNG().seed)
        let pooling = try arguments[pool]
        let x = try source.features(layer: index, pooling: pooling)
        let table = try BrainLoadCommands.readStimuli(arguments)
        let ids = try stimulusIDs(features: source, table: table)
        let synthetic = try SyntheticResponseGenerator.generate(features: x, stimulusIDs: ids, settings: settings)
        let truth = SyntheticTruth(synthetic: synthetic, featuresName: named.name, layer: (index, source.layerNames[index]), pooling: pooling)
        let layerText = source.isPlainMatrix ? named.name : "\(named.name) layer \(BrainText.layer(index, source.layerNames[index])), pooled \(pooling.rawValue)"
        context.output.print("signal from \(layerText): \(Format.count(x.shape[1], "feature")), each target driven by "
            + "\(Format.count(max(1, Int((settings.sparsity * Double(x.shape[1])).rounded(.up))), "feature")); seed \(settings.seed)")
        context.output.print(truth.table(subjects: settings.subjects))
        return .object(FMRIObject(synthetic.responses, source: "synthetic from \(layerText), reliability \(Format.number(chosen))",
                                  stimuli: table, truth: truth))
    }

    /// The responses' stimulus ids: the features' own, checked against the stimuli table when both
    /// are known; else the table's, one per feature row in order; else none (1…S).
    static func stimulusIDs(features: any StimulusFeatures, table: StimulusTable?) throws -> [String]? {
        guard let table else { return features.stimulusIDs }
        if let ids = features.stimulusIDs {
            _ = try table.texts(for: ids)
            return ids
        }
        guard table.ids.count == features.stimulusCount else {
            throw BrainError.shape("the stimuli table has \(table.ids.count) rows but the features have \(features.stimulusCount) stimuli; they must match one to one")
        }
        return table.ids
    }
}
