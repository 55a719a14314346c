import Foundation
import Formats
import Tensors

/// One functional run of a BIDS data set: its BOLD image and its events file.
public struct BIDSRun: Sendable, Equatable {
    /// Subject label, e.g. "sub-03".
    public var subject: String
    /// `sub-XX[/ses-YY]/func/*_bold.nii[.gz]`.
    public var bold: URL
    /// The matching `*_events.tsv`.
    public var events: URL
}

/// Finds runs in a BIDS tree and turns them into per-stimulus responses.
public enum BIDSDataset {
    /// The runs under `root` (`sub-*/func/` and `sub-*/ses-*/func/`), optionally of one task, sorted by path.
    /// - Throws: `BrainError.fmri` when there is no run, or a run has no events file.
    public static func discover(root: URL, task: String? = nil) throws -> [BIDSRun] {
        let manager = FileManager.default
        let subjects = ((try? manager.contentsOfDirectory(atPath: root.path)) ?? []).filter { $0.hasPrefix("sub-") }.sorted()
        var runs: [BIDSRun] = []
        for subject in subjects {
            let subjectURL = root.appendingPathComponent(subject)
            let sessions = ((try? manager.contentsOfDirectory(atPath: subjectURL.path)) ?? []).filter { $0.hasPrefix("ses-") }.sorted()
            let functional = (sessions.isEmpty ? [subjectURL] : sessions.map { subjectURL.appendingPathComponent($0) }).map { $0.appendingPathComponent("func") }
            for directory in functional {
                let names = ((try? manager.contentsOfDirectory(atPath: directory.path)) ?? []).sorted()
                for name in names where name.hasSuffix("_bold.nii") || name.hasSuffix("_bold.nii.gz") {
                    if let task, !name.contains("_task-\(task)_") { continue }
                    let stem = name.replacingOccurrences(of: name.hasSuffix(".gz") ? "_bold.nii.gz" : "_bold.nii", with: "")
                    let events = directory.appendingPathComponent(stem + "_events.tsv")
                    guard manager.fileExists(atPath: events.path) else { throw BrainError.fmri("\(directory.appendingPathComponent(name).path) has no events file \(events.lastPathComponent)") }
                    runs.append(BIDSRun(subject: subject, bold: directory.appendingPathComponent(name), events: events))
                }
            }
        }
        guard !runs.isEmpty else { throw BrainError.fmri("no *_bold.nii[.gz] runs\(task.map { " of task \($0)" } ?? "") under \(root.path)/sub-*/func") }
        return runs
    }

    /// Per-trial responses of every run, assembled into subjects × repetitions of [S, P] matrices.
    /// - Parameters:
    ///   - stimulusOrder: the stimulus ids in the order wanted (e.g. a stimuli table's); nil: the order
    ///     in which the first subject first saw them.
    /// - Returns: the responses and warnings (presentations beyond the common repetition count dropped).
    /// - Throws: reading errors; `BrainError.fmri` naming a subject that never saw a stimulus.
    public static func responses(runs: [BIDSRun], parcellation: Parcellation, settings: TrialSettings, stimulusOrder: [String]? = nil,
                                 control: RunControl = .silent) throws -> (responses: BrainResponses, warnings: [String]) {
        var trials: [String: [(String, [Float])]] = [:], subjectOrder: [String] = []
        for (index, run) in runs.enumerated() {
            try control.checkCancelled()
            let image = try NIfTI.read(run.bold)
            let events = try BIDSEvents.read(run.events, stimulusColumn: settings.stimulusColumn)
            let (stimuli, responses) = try TrialResponses.extract(bold: image, events: events, parcellation: parcellation, settings: settings, name: run.bold.lastPathComponent)
            if trials[run.subject] == nil { subjectOrder.append(run.subject) }
            for (row, stimulus) in stimuli.enumerated() { trials[run.subject, default: []].append((stimulus, Array(responses.row(row).scalars))) }
            control.progress(index + 1, runs.count)
        }
        var order = stimulusOrder ?? []
        if stimulusOrder == nil { for (stimulus, _) in trials[subjectOrder[0]]! where !order.contains(stimulus) { order.append(stimulus) } }
        return try assemble(trials: trials, subjects: subjectOrder, order: order, targetNames: parcellation.targetNames)
    }

    /// Groups trials by stimulus: repetition r of a stimulus is its r-th presentation.
    static func assemble(trials: [String: [(String, [Float])]], subjects: [String], order: [String], targetNames: [String]) throws
        -> (responses: BrainResponses, warnings: [String]) {
        var warnings: [String] = []
        var grouped: [String: [String: [[Float]]]] = [:]
        for subject in subjects {
            for (stimulus, response) in trials[subject]! { grouped[subject, default: [:]][stimulus, default: []].append(response) }
            if let missing = order.first(where: { grouped[subject]?[$0] == nil }) {
                throw BrainError.fmri("\(subject) never saw stimulus \(missing)")
            }
        }
        let counts = subjects.flatMap { subject in order.map { grouped[subject]![$0]!.count } }
        let repetitions = counts.min() ?? 0
        if counts.contains(where: { $0 > repetitions }) {
            warnings.append("stimuli were presented up to \(counts.max()!) times; the first \(repetitions) presentation(s) of each are used for every subject")
        }
        let width = targetNames.count
        let subjectResponses = subjects.map { subject in
            SubjectResponses(name: subject, repetitions: (0..<repetitions).map { r in
                Tensor(order.flatMap { grouped[subject]![$0]![r] }, shape: [order.count, width])
            })
        }
        return (try BrainResponses(stimulusIDs: order, targetNames: targetNames, subjects: subjectResponses), warnings)
    }
}
