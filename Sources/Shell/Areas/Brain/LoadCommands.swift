import Brain
import Foundation
import Formats

/// `load fmri PATH...`, `load matrix FILE`, `load stimuli FILE`.
enum BrainLoadCommands {
    static let paths = Positional.paths("PATH", mustExist: true,
                                        help: "a BIDS directory, or one .npy/.csv/.tsv matrix (stimuli × targets) per subject")
    static let stimuliFile = Option.path("stimuli", mustExist: true, extensions: ["csv", "tsv"],
                                         help: "a stimuli table (CSV/TSV): its ids name the rows, its columns serve groups=")
    static let idColumn = Option.string("id", default: "item", help: "the stimuli table's id column")
    static let textColumns = BrainOptions.words("text", help: "the stimuli table's text column(s), joined by spaces (default: text, sentence or scenario)")
    static let atlas = Option.path("atlas", mustExist: true, extensions: ["nii", "gz"],
                                   help: "BIDS: a 3-D label atlas (mean per label) or 4-D probabilistic maps such as DiFuMo")
    static let mask = Option.path("mask", mustExist: true, extensions: ["nii", "gz"], help: "BIDS: a brain mask; every voxel inside is a target")
    static let task = Option.string("task", help: "BIDS: only runs of this task (the _task-NAME_ part of the file names)")
    static let lag = Option.number("lag", default: 6, range: .between(0, 60), help: "BIDS: seconds of haemodynamic delay added to each trial window")
    static let detrend = Option.flag("detrend", default: true, help: "BIDS: remove a linear trend from each voxel, run by run")
    static let zscore = Option.flag("zscore", default: true, help: "BIDS: z-score each voxel over the run's volumes")
    static let column = Option.string("column", default: "item", help: "BIDS: the events.tsv column holding stimulus ids")

    static let fmri = Command(
        "load fmri", summary: "Load brain responses: a BIDS directory reduced by an atlas or mask, or stimuli × targets matrices.",
        parameters: [paths, stimuliFile, idColumn, textColumns, atlas, mask, task, lag, detrend, zscore, column], result: .object(FMRIObject.kind),
        examples: ["brain = load fmri data/ds000212 atlas=atlas.nii.gz task=dis stimuli=stimuli.tsv",
                   "brain = load fmri sub-01.npy sub-02.npy stimuli=data/moral-scenarios.csv id=id text=input"],
        discussion: """
        BIDS: sub-*/[ses-*/]func/*_bold.nii[.gz] with *_events.tsv (onset, duration, the stimulus column); a trial's response is \
        the mean of the volumes in [onset + lag, onset + duration + lag]; repetition r of a stimulus is its r-th presentation. \
        Matrix files: one per subject, rows are stimuli (ids from stimuli=, else a leading text column, else 1…S), columns targets. \
        Targets with NaN or constant values are counted here and dropped by brainscore.
        """
    ) { arguments, context in
        let urls = try arguments[paths]
        let table = try readStimuli(arguments)
        var isDirectory: ObjCBool = false
        let object: FMRIObject
        if urls.count == 1, FileManager.default.fileExists(atPath: urls[0].path, isDirectory: &isDirectory), isDirectory.boolValue {
            object = try BIDSLoading.load(urls[0], shownAs: arguments.text(of: paths) ?? urls[0].path, arguments: arguments, stimuli: table, context: context)
        } else {
            for option in [atlas, mask] where arguments.isGiven(option) {
                throw arguments.error(option, "applies to a BIDS directory, not to matrix files")
            }
            object = try matrixResponses(urls, stimuli: table, arguments: arguments)
        }
        if let warning = object.screening.warning { context.output.warning("subject average: \(warning); brainscore drops them") }
        return .object(object)
    }

    /// The stimuli table of `stimuli=`, with `id=` and `text=`.
    static func readStimuli(_ arguments: Arguments) throws -> StimulusTable? {
        guard let url = try arguments[stimuliFile] else { return nil }
        return try StimulusTable.read(url, idColumn: try arguments[idColumn], textColumns: try arguments[textColumns])
    }

    /// One subject per matrix file; ids from the stimuli table, else the files' id columns, else 1…S.
    static func matrixResponses(_ urls: [URL], stimuli: StimulusTable?, arguments: Arguments) throws -> FMRIObject {
        for url in urls where !["npy", "csv", "tsv"].contains(url.pathExtension.lowercased()) {
            throw ShellError(.wrongExtension(path: url.lastPathComponent, parameter: "PATH", expected: ["npy", "csv", "tsv", "(a BIDS directory)"]),
                             at: arguments.span(of: paths))
        }
        let matrices = try urls.map { try MatrixFiles.read($0) }
        var ids = matrices[0].rowIDs
        for (url, matrix) in zip(urls, matrices).dropFirst() {
            guard matrix.values.shape == matrices[0].values.shape else {
                throw BrainError.shape("\(url.lastPathComponent) is \(Format.shape(matrix.values.shape)) but \(urls[0].lastPathComponent) is \(Format.shape(matrices[0].values.shape)); every subject needs the same stimuli × targets")
            }
            if let mine = matrix.rowIDs, let first = ids { try StimulusAlignment.check(features: mine, responses: first) }
        }
        let rows = matrices[0].values.shape[0]
        if let stimuli {
            if let ids { _ = try stimuli.texts(for: ids) } else {
                guard stimuli.ids.count == rows else {
                    throw BrainError.shape("the stimuli table has \(stimuli.ids.count) rows but \(urls[0].lastPathComponent) has \(rows); without an id column the rows must match one to one")
                }
                ids = stimuli.ids
            }
        }
        let names = urls.map { $0.deletingPathExtension().lastPathComponent }
        let subjects = zip(names, matrices).map { SubjectResponses(name: $0, repetitions: [$1.values]) }
        let responses = try BrainResponses(stimulusIDs: ids ?? (1...max(rows, 1)).prefix(rows).map(String.init),
                                           targetNames: matrices[0].columnNames, subjects: subjects)
        return FMRIObject(responses, source: names.count == 1 ? urls[0].lastPathComponent : "\(names.count) files", stimuli: stimuli)
    }

    static let matrixFiles = Positional.paths("FILE", mustExist: true, extensions: ["npy", "npz", "csv", "tsv"],
                                              help: "a .npy, .csv or .tsv matrix (one row per stimulus), an .npz with one array per layer, or one file per layer")

    static let matrix = Command(
        "load matrix", summary: "Load features computed elsewhere: one matrix (one row per stimulus), or named layers.",
        parameters: [matrixFiles, stimuliFile, idColumn, textColumns], result: .object(MatrixObject.kind),
        examples: ["features = load matrix embeddings.npy", "acts = load matrix layers.npz stimuli=data/moral-scenarios.csv id=id text=input",
                   "acts = load matrix layer0.npy layer1.npy layer2.npy"],
        discussion: """
        One .npy/.csv/.tsv file is a plain matrix, scored as one layer; an .npz (one array per layer, in archive order) or \
        several files (named by their file names) are layers over the same stimuli, scored layer by layer. A CSV may start \
        with a text column of stimulus ids; brainscore then checks them against the responses' ids.
        """
    ) { arguments, _ in
        let urls = try arguments[matrixFiles]
        let isArchive = urls.map { $0.pathExtension.lowercased() == "npz" }
        if isArchive.contains(true), urls.count > 1 {
            throw ShellError(.invalidArgument(parameter: "FILE", reason: "an .npz holds every layer: give it alone"), at: arguments.span(of: matrixFiles))
        }
        var layers: FeatureLayers
        var fileIDs: [String]?
        if isArchive[0] {
            layers = try MatrixFiles.readLayers(urls[0])
        } else {
            let read = try urls.map { try MatrixFiles.read($0) }
            fileIDs = read[0].rowIDs
            for matrix in read.dropFirst() {
                if let mine = matrix.rowIDs, let first = fileIDs { try StimulusAlignment.check(features: mine, responses: first) }
            }
            layers = try FeatureLayers(names: urls.map { $0.deletingPathExtension().lastPathComponent }, matrices: read.map(\.values))
        }
        for (name, values) in zip(layers.layerNames, layers.matrices) where !values.isFinite {
            throw BrainError.shape("\(name) holds NaN or infinite values; features must be finite")
        }
        if let stimuli = try readStimuli(arguments) {
            if let ids = fileIDs { _ = try stimuli.texts(for: ids) } else {
                guard stimuli.ids.count == layers.stimulusCount else {
                    throw BrainError.shape("the stimuli table has \(stimuli.ids.count) rows but the features have \(layers.stimulusCount); without an id column the rows must match one to one")
                }
                fileIDs = stimuli.ids
            }
        }
        layers.stimulusIDs = fileIDs
        let source = urls.count == 1 ? urls[0].lastPathComponent : "\(urls.count) files"
        return .object(MatrixObject(layers, plain: !isArchive[0] && urls.count == 1, source: source))
    }

    static let tableFile = Positional.path("FILE", mustExist: true, extensions: ["csv", "tsv"], help: "a CSV or TSV table with a header row")

    static let stimuli = Command(
        "load stimuli", summary: "Load a stimuli table: an id and a text per row, with other columns.",
        parameters: [tableFile, idColumn, textColumns], result: .object(StimuliObject.kind),
        examples: ["scenarios = load stimuli data/moral-scenarios.csv id=id text=input"]
    ) { arguments, _ in
        let url = try arguments[tableFile]
        let table = try StimulusTable.read(url, idColumn: try arguments[idColumn], textColumns: try arguments[textColumns])
        return .object(StimuliObject(table, source: url.lastPathComponent))
    }
}
