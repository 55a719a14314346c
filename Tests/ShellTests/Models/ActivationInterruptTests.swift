import Foundation
import Formats
import Models
import Testing
import TestSupport

/// Ctrl-C during `activations`: the statement stops after the batch in progress, keeps the
/// documents finished so far as a consistent set (in memory or a closed store), and the session
/// goes on.
@Suite("Interrupting activations", .serialized)
struct ActivationInterruptTests {
    /// Starts a piped session that loads MiniLM and the fortunes and records them one document per
    /// batch, then sends Ctrl-C once a few batches are done.
    func interruptedRun(extra: String, in directory: URL) throws -> RunningBinary {
        let miniLM = try ModelsTestPaths.requireMiniLM().path
        try #require(FileManager.default.fileExists(atPath: ModelsTestPaths.fortunes.path), "fortunes-min is installed by scripts/setup")
        let running = try RunningBinary(["--session", "interrupt"], in: directory)
        running.send("m = load model \(miniLM)\nf = load text \(ModelsTestPaths.fortunes.path)\nacts = activations m f layers=[6] batch=1 \(extra)\n")
        #expect(running.wait { running.standardOutput.contains("f (text): ") })
        usleep(1_500_000)
        running.process.interrupt()
        #expect(running.wait(timeout: 30) { running.standardError.contains("interrupted\n") })
        return running
    }

    /// The first `count` fortunes recorded again by the library, for comparison.
    func reference(documents count: Int) throws -> ActivationSet {
        let model = try PretrainedModel.load(directory: ModelsTestPaths.miniLM)
        let corpus = try TextCorpus.load(ModelsTestPaths.fortunes)
        return try model.activations(of: Array(corpus.documents.prefix(count)), request: ActivationRequest(layers: .only([6]))).set
    }

    @Test func ctrlCKeepsAConsistentPartialSetInMemory() throws {
        let directory = Binary.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let running = try interruptedRun(extra: "", in: directory)
        running.send("show acts\nsave acts to part.safetensors\nquit\n")
        try running.closeInput()
        #expect(running.finish() == 0)
        let output = running.standardOutput
        let stopped = try #require(output.range(of: #"stopped by Ctrl-C after \d+ documents? of 431; kept what was finished"#, options: .regularExpression),
                                   "\(output)\n\(running.standardError)")
        let kept = Int(output[stopped].split(separator: " ")[4])!
        #expect(kept >= 1 && kept < 431)
        #expect(output.contains("acts (activations): 1 layer × "), "the partial set is stored")
        #expect(output.contains("storage    in memory, partial: the run was stopped before the end\n"))
        let saved = try ActivationSet.load(directory.appendingPathComponent("part.safetensors"))
        let reference = try reference(documents: kept)
        #expect(saved.documentCount == kept && saved.documentIndices == Array(0..<kept))
        #expect(saved.documentOffsets == reference.documentOffsets && saved.tokenIDs == reference.tokenIDs)
        #expect(try saved.matrix(layer: 6).maxAbsDifference(try reference.matrix(layer: 6)) < 1e-4)
        let transcript = try String(contentsOf: directory.appendingPathComponent("sessions/interrupt.md"), encoding: .utf8)
        #expect(transcript.contains("```msc interrupted\nacts = activations m f layers=[6] batch=1\n```"))
    }

    @Test func ctrlCClosesAStoreWithWhatWasFinished() throws {
        let directory = Binary.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let running = try interruptedRun(extra: "store=runs/acts dtype=f16", in: directory)
        running.send("again = load activations runs/acts\nquit\n")
        try running.closeInput()
        #expect(running.finish() == 0)
        #expect(running.standardError.contains("warning: runs/acts is partial: the run that wrote it was stopped after "), "\(running.standardError)")
        let store = try ActivationSet.load(directory.appendingPathComponent("runs/acts"))
        #expect(!store.isComplete && store.documentCount >= 1 && store.documentCount < 431)
        let reference = try reference(documents: store.documentCount)
        #expect(store.tokenIDs == reference.tokenIDs && store.documentOffsets == reference.documentOffsets)
        #expect(try store.matrix(layer: 6).maxAbsDifference(try reference.matrix(layer: 6)) < 1e-2, "f16 rows")
    }
}
