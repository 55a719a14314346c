import Foundation
import Testing
import Tensors
import TestSupport
import Formats
@testable import Brain

/// Volume-to-trial preprocessing on BIDS trees written with known content.
@Suite struct FMRITests {
    /// Volumes 3×2×1 (6 voxels), TR 2 s. Labels: voxels 0–2 → 1, 3–4 → 2, voxel 5 outside.
    static let labels: [Double] = [1, 1, 1, 2, 2, 0]

    /// A run where, for trial i (onset 8·i s, duration 4 s), the volumes at 8i+6 … 8i+10 s hold
    /// `pattern(subject, item)` in every voxel of label 1 and twice that in label 2; other volumes 0.
    static func writeRun(root: URL, subject: String, items: [String], volumes: Int = 40, drift: Double = 0) throws {
        let directory = root.appendingPathComponent("\(subject)/func")
        var raw = [Double](repeating: 0, count: 6 * volumes)
        for (i, item) in items.enumerated() {
            for k in 0..<volumes where Double(k) * 2 >= Double(8 * i + 6) && Double(k) * 2 <= Double(8 * i + 10) {
                for voxel in 0..<6 { raw[k * 6 + voxel] = labels[voxel] * pattern(subject, item) }
            }
        }
        for k in 0..<volumes { for voxel in 0..<6 { raw[k * 6 + voxel] += drift * Double(k) } }
        try NIfTIWriter.write(.init(dimensions: [3, 2, 1, volumes], spacing: [2, 2, 2, 2], rawValues: raw),
                              to: directory.appendingPathComponent("\(subject)_task-moral_run-1_bold.nii.gz"))
        var tsv = "onset\tduration\tcondition\titem\n"
        for (i, item) in items.enumerated() { tsv += "\(8 * i)\t4\tharm\t\(item)\n" }
        tsv += "\(8 * items.count)\t2\tfixation\tn/a\n"
        try AtomicFile.write(Data(tsv.utf8), to: directory.appendingPathComponent("\(subject)_task-moral_run-1_events.tsv"))
    }

    static func pattern(_ subject: String, _ item: String) -> Double { Double(Int(item)! * 3 + (subject == "sub-01" ? 0 : 1)) }

    static func atlas() throws -> Parcellation {
        let image = try NIfTI.decode(NIfTIWriter.encode(.init(dimensions: [3, 2, 1], datatype: .uint8, rawValues: labels)), path: "atlas.nii")
        return try Parcellation(image: image, kind: .labels)
    }

    @Test func trialResponsesAverageTheLaggedWindow() throws {
        let root = Fixtures.temporaryDirectory("bids")
        defer { try? FileManager.default.removeItem(at: root) }
        let items = ["1", "2", "3", "4"]
        try Self.writeRun(root: root, subject: "sub-01", items: items)
        try Self.writeRun(root: root, subject: "sub-02", items: items.reversed())
        let runs = try BIDSDataset.discover(root: root, task: "moral")
        #expect(runs.map(\.subject) == ["sub-01", "sub-02"])
        var settings = TrialSettings()
        settings.detrend = false
        settings.zscore = false
        let (responses, warnings) = try BIDSDataset.responses(runs: runs, parcellation: try Self.atlas(), settings: settings)
        #expect(warnings.isEmpty)
        #expect(responses.stimulusIDs == items && responses.targetNames == ["label 1", "label 2"])
        for subject in responses.subjects {
            let matrix = subject.repetitions[0]
            for (row, item) in items.enumerated() {
                let expected = Self.pattern(subject.name, item)
                #expect(abs(Double(matrix[row, 0]) - expected) < 1e-5 && abs(Double(matrix[row, 1]) - 2 * expected) < 1e-5, "\(subject.name) item \(item): \(matrix.row(row).scalars) vs \(expected)")
            }
        }
    }

    @Test func detrendingRemovesALinearDrift() throws {
        var values: [Float] = []
        for k in 0..<20 {
            let ramp = Float(3 + 0.5 * Double(k))
            let alternating: Float = k % 2 == 0 ? 1 : -1
            values += [ramp, alternating + Float(0.2 * Double(k))]
        }
        var m = Tensor(values, shape: [20, 2])
        TrialResponses.detrendColumns(&m)
        for k in 0..<20 { #expect(abs(m[k, 0]) < 1e-5) }
        let column = (0..<20).map { Double(m[$0, 1]) }
        #expect(abs(column.reduce(0, +)) < 1e-4)
        TrialResponses.zscoreColumns(&m)
        let z = (0..<20).map { Double(m[$0, 1]) }
        #expect(abs(Statistics.variance(z) - 1) < 1e-5)
        #expect((0..<20).allSatisfy { m[$0, 0] == 0 })  // constant (zero) column stays 0
    }

    @Test func probabilisticMapsAreWeightedAverages() throws {
        // Two maps over 6 voxels; one volume of BOLD with voxel values 1…6.
        let maps = try NIfTI.decode(NIfTIWriter.encode(.init(dimensions: [3, 2, 1, 2], rawValues: [1, 1, 0, 0, 0, 0,  0, 0, 0, 1, 3, 0])), path: "maps.nii")
        let parcellation = try Parcellation(image: maps, kind: .maps)
        let bold = Tensor([1, 2, 3, 4, 5, 6], shape: [1, 6])
        let targets = parcellation.reduce(selected: parcellation.selectVoxels(bold))
        #expect(targets.scalars == [1.5, 4.75])
        let mask = try Parcellation(image: try NIfTI.decode(NIfTIWriter.encode(.init(dimensions: [3, 2, 1], rawValues: [0, 1, 0, 1, 0, 0])), path: "m.nii"), kind: .mask)
        #expect(mask.reduce(selected: mask.selectVoxels(bold)).scalars == [2, 4])
    }

    @Test func badRunsGiveErrorsNamingTheProblem() throws {
        let root = Fixtures.temporaryDirectory("bids")
        defer { try? FileManager.default.removeItem(at: root) }
        try Self.writeRun(root: root, subject: "sub-01", items: ["1", "2"], volumes: 8)
        let runs = try BIDSDataset.discover(root: root)
        #expect(throws: BrainError.self) { try BIDSDataset.responses(runs: runs, parcellation: try Self.atlas(), settings: TrialSettings()) }
        do {
            _ = try BIDSDataset.responses(runs: runs, parcellation: try Self.atlas(), settings: TrialSettings())
        } catch let error as BrainError {
            #expect(error.description.contains("trial 2 at 8.0 s needs volumes 7…9"))
        }
        let other = try NIfTI.decode(NIfTIWriter.encode(.init(dimensions: [2, 2, 1], datatype: .uint8, rawValues: [1, 1, 2, 2])), path: "a.nii")
        #expect(throws: BrainError.self) { try BIDSDataset.responses(runs: runs, parcellation: try Parcellation(image: other, kind: .labels), settings: TrialSettings()) }
        #expect(throws: BrainError.fmri("no *_bold.nii[.gz] runs of task rest under \(root.path)/sub-*/func")) { try BIDSDataset.discover(root: root, task: "rest") }
    }

    @Test func assemblyNamesAMissingStimulus() throws {
        let trials: [String: [(String, [Float])]] = ["sub-01": [("a", [1]), ("b", [2])], "sub-02": [("a", [3])]]
        #expect(throws: BrainError.fmri("sub-02 never saw stimulus b")) {
            try BIDSDataset.assemble(trials: trials, subjects: ["sub-01", "sub-02"], order: ["a", "b"], targetNames: ["t"])
        }
        let repeated: [String: [(String, [Float])]] = ["sub-01": [("a", [1]), ("b", [2]), ("a", [5]), ("b", [6]), ("a", [7])]]
        let (responses, warnings) = try BIDSDataset.assemble(trials: repeated, subjects: ["sub-01"], order: ["a", "b"], targetNames: ["t"])
        #expect(responses.subjects[0].repetitions.map(\.scalars) == [[1, 2], [5, 6]])
        #expect(warnings.count == 1)
    }

    @Test func eventsAndStimulusTablesAreRead() throws {
        let directory = Fixtures.temporaryDirectory("tables")
        defer { try? FileManager.default.removeItem(at: directory) }
        let events = directory.appendingPathComponent("e.tsv")
        try Data("onset\tduration\ttrial_type\titem\n0\t4\tharm\t7\n10\tn/a\tharm\t8\n".utf8).write(to: events)
        #expect(throws: BrainError.self) { try BIDSEvents.read(events) }
        let stimuli = directory.appendingPathComponent("s.csv")
        try Data("item,type,background,action\n7,harm,Ann sees a car.,She waves.\n8,help,Bo is tired.,He sleeps.\n".utf8).write(to: stimuli)
        let table = try StimulusTable.read(stimuli, textColumns: ["background", "action"])
        #expect(try table.texts(for: ["8", "7"]) == ["Bo is tired. He sleeps.", "Ann sees a car. She waves."])
        #expect(throws: BrainError.unknownStimulus("9", table: "the stimuli table")) { try table.texts(for: ["7", "9"]) }
        #expect(table.columns["type"] == ["harm", "help"])
        let matrix = directory.appendingPathComponent("m.csv")
        try Data("id,p1,p2\ns1,1,2\ns2,3,4\ns3,5,6.5\n".utf8).write(to: matrix)
        let responses = try MatrixFiles.responses(matrix)
        #expect(responses.stimulusIDs == ["s1", "s2", "s3"] && responses.targetNames == ["p1", "p2"])
        #expect(responses.subjects[0].repetitions[0].scalars == [1, 2, 3, 4, 5, 6.5])
        let npy = directory.appendingPathComponent("m.npy")
        try Npy.write(NpyArray(Tensor([1, 2, 3, 4], shape: [2, 2])), to: npy)
        #expect(try MatrixFiles.read(npy).values.shape == [2, 2])
    }
}
