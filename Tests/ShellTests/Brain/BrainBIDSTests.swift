import Foundation
import Formats
import Testing

/// `load fmri DIR` on a small BIDS tree written with known content: trial windows, atlas labels,
/// a mask, stimulus order from a stimuli table, and the errors.
@Suite("Brain BIDS loading")
struct BrainBIDSTests {
    /// Voxels 3×2×1; labels: voxels 0–2 → 1, 3–4 → 2, voxel 5 outside.
    static let labels: [Double] = [1, 1, 1, 2, 2, 0]

    /// One run per subject, TR 2 s: trial i (item `items[i]`, onset 8i s, 4 s) shows, in the
    /// volumes at 8i+6 … 8i+10 s, `value(subject, item)` in label 1 and twice that in label 2.
    static func writeDataset(in directory: URL) throws {
        for (number, subject) in ["sub-01", "sub-02"].enumerated() {
            let folder = directory.appendingPathComponent("bids/\(subject)/func")
            let items = number == 0 ? ["1", "2", "3", "4"] : ["3", "1", "4", "2"]
            var raw = [Double](repeating: 0, count: 6 * 40)
            for (i, item) in items.enumerated() {
                for k in 0..<40 where 2 * k >= 8 * i + 6 && 2 * k <= 8 * i + 10 {
                    for voxel in 0..<6 { raw[k * 6 + voxel] = labels[voxel] * value(subject, item) }
                }
            }
            try NIfTIWriter.write(.init(dimensions: [3, 2, 1, 40], spacing: [2, 2, 2, 2], rawValues: raw),
                                  to: folder.appendingPathComponent("\(subject)_task-moral_run-1_bold.nii.gz"))
            let rows = items.enumerated().map { "\(8 * $0.offset)\t4\tharm\t\($0.element)" }
            try AtomicFile.write(Data(((["onset\tduration\tcondition\titem"] + rows).joined(separator: "\n") + "\n").utf8),
                                 to: folder.appendingPathComponent("\(subject)_task-moral_run-1_events.tsv"))
        }
        try NIfTIWriter.write(.init(dimensions: [3, 2, 1], datatype: .uint8, rawValues: labels), to: directory.appendingPathComponent("atlas.nii"))
        try NIfTIWriter.write(.init(dimensions: [3, 2, 1], datatype: .uint8, rawValues: [1, 0, 0, 1, 0, 0]), to: directory.appendingPathComponent("mask.nii"))
        try Data("item,text,story\n4,four,b\n3,three,b\n2,two,a\n1,one,a\n".utf8).write(to: directory.appendingPathComponent("items.csv"))
    }

    static func value(_ subject: String, _ item: String) -> Double { Double(Int(item)! * 3 + (subject == "sub-01" ? 0 : 1)) }

    @Test func trialsAreAveragedPerLabelAndOrderedByTheStimuliTable() throws {
        let directory = Binary.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Self.writeDataset(in: directory)
        let result = try BrainFiles.run("""
            b = load fmri bids atlas=atlas.nii task=moral detrend=false zscore=false stimuli=items.csv
            export b to b.csv
            m = load fmri bids mask=mask.nii detrend=false zscore=false
            """, in: directory)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("read 2 runs of 2 subjects; 2 targets (atlas labels), lag 6 s\n"))
        #expect(result.standardOutput.contains("b (fmri): 4 stimuli × 2 targets, 2 subjects × 1 repetition (BIDS bids)\n"))
        #expect(result.standardOutput.contains("read 2 runs of 2 subjects; 2 targets (voxels of the mask), lag 6 s\n"))
        let csv = try String(contentsOf: directory.appendingPathComponent("b.csv"), encoding: .utf8)
        // rows in the stimuli table's order (4, 3, 2, 1); label 1 = mean of the subjects' values, label 2 twice that
        #expect(csv == "stimulus,label 1,label 2\n4,12.5,25\n3,9.5,19\n2,6.5,13\n1,3.5,7\n", "\(csv)")
    }

    @Test func aBIDSDirectoryNeedsAnAtlasOrAMask() throws {
        let directory = Binary.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Self.writeDataset(in: directory)
        let none = try BrainFiles.run("b = load fmri bids\n", in: directory)
        #expect(none.status == 1)
        #expect(none.standardError.hasPrefix("error: brain.msc:1: a BIDS directory needs atlas=FILE or mask=FILE to reduce voxels to targets\n"))
        let both = try BrainFiles.run("b = load fmri bids atlas=atlas.nii mask=mask.nii\n", in: directory)
        #expect(both.standardError.hasPrefix("error: brain.msc:1: mask= give atlas= or mask=, not both\n"))
        let task = try BrainFiles.run("b = load fmri bids atlas=atlas.nii task=rest\n", in: directory)
        #expect(task.standardError.hasPrefix("error: brain.msc:1: no *_bold.nii[.gz] runs of task rest under "), "\(task.standardError)")
        let late = try BrainFiles.run("b = load fmri bids atlas=atlas.nii lag=60\n", in: directory)
        #expect(late.status == 1 && late.standardError.contains("trial 3 at 16.0 s needs volumes 38…40 (window 76.0–80.0 s with lag 60.0 s), but the run has volumes 0…39"),
                "\(late.standardError)")
    }
}
