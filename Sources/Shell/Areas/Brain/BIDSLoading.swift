import Brain
import Foundation
import Formats

/// `load fmri DIR ...`: discover the runs, reduce voxels by the atlas or mask, average each trial.
enum BIDSLoading {
    typealias Load = BrainLoadCommands

    static func load(_ root: URL, shownAs path: String, arguments: Arguments, stimuli: StimulusTable?, context: CommandContext) throws -> FMRIObject {
        let parcellation = try self.parcellation(arguments)
        var settings = TrialSettings()
        settings.lag = try arguments[Load.lag]
        settings.detrend = try arguments[Load.detrend]
        settings.zscore = try arguments[Load.zscore]
        settings.stimulusColumn = try arguments[Load.column]
        let runs = try BIDSDataset.discover(root: root, task: try arguments[Load.task])
        let task = context.progress.start("reading runs", total: runs.count, unit: "runs")
        defer { task.finish() }
        let cancellation = context.cancellation
        let control = RunControl(progress: { done, _ in task.update(completed: done) }, isCancelled: { cancellation.isCancelled })
        let loaded: (responses: BrainResponses, warnings: [String])
        do {
            loaded = try BIDSDataset.responses(runs: runs, parcellation: parcellation, settings: settings, stimulusOrder: stimuli?.ids, control: control)
        } catch BrainError.cancelled {
            throw Interrupted()
        }
        for warning in loaded.warnings { context.output.warning(warning) }
        let subjects = Set(runs.map(\.subject)).count
        context.output.print("read \(Format.count(runs.count, "run")) of \(Format.count(subjects, "subject")); "
            + "\(parcellation.targetCount) targets (\(describe(parcellation.kind))), lag \(Format.number(settings.lag)) s"
            + (settings.detrend ? ", detrended" : "") + (settings.zscore ? ", z-scored" : ""))
        return FMRIObject(loaded.responses, source: "BIDS \(path)", stimuli: stimuli)
    }

    /// The atlas (3-D labels or 4-D maps) or the mask; exactly one is needed.
    static func parcellation(_ arguments: Arguments) throws -> Parcellation {
        let atlasURL = try arguments[Load.atlas], maskURL = try arguments[Load.mask]
        switch (atlasURL, maskURL) {
        case let (atlas?, nil):
            let image = try NIfTI.read(atlas)
            return try Parcellation(image: image, kind: image.volumeCount > 1 ? .maps : .labels)
        case let (nil, mask?):
            return try Parcellation(image: try NIfTI.read(mask), kind: .mask)
        case (.some, .some):
            throw arguments.error(Load.mask, "give atlas= or mask=, not both")
        case (nil, nil):
            throw ShellError(.failed("a BIDS directory needs atlas=FILE or mask=FILE to reduce voxels to targets"), at: arguments.span(of: Load.paths))
        }
    }

    static func describe(_ kind: Parcellation.Kind) -> String {
        switch kind {
        case .mask: return "voxels of the mask"
        case .labels: return "atlas labels"
        case .maps: return "probabilistic maps"
        }
    }
}
