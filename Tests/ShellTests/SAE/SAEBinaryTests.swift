import Foundation
import SAE
import Testing
import TestSupport

/// The SAE verbs through the built `mindscope`: a whole script with figures and exports, and
/// Ctrl-C during training.
@Suite("SAE verbs through mindscope", .serialized)
struct SAEBinaryTests {
    @Test func aScriptTrainsEvaluatesAnalysesAndDraws() throws {
        let directory = Binary.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try ModelScripts.run(SAETestSupport.setup + [
            "sae = train sae acts k=4 expansion=2 steps=20 batch=32 seed=1", "e = eval sae sae acts", "l = layers sae acts",
            "top sae latent=0 acts n=3", "mmcs sae", "plot line sae", "plot heatmap l", "plot bar e", "export e to e.json",
            "save sae to runs/sae format=mlsae", "back = load sae runs/sae",
        ], in: directory, session: "sae")
        #expect(result.status == 0, "\(result.standardError)")
        for figure in ["plots/sae-1-line.png", "plots/sae-2-heatmap.png", "plots/sae-3-bar.png"] {
            #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent(figure).path), "\(figure)")
        }
        let transcript = try String(contentsOf: directory.appendingPathComponent("sessions/sae.md"), encoding: .utf8)
        #expect(transcript.contains("![sae-2-heatmap.png](../plots/sae-2-heatmap.png)"), "\(transcript)")
        #expect(transcript.contains("```msc\nsae = train sae acts k=4 expansion=2 steps=20 batch=32 seed=1\n```"))
        let json = try SAETestSupport.json(directory.appendingPathComponent("e.json"))
        #expect(Set(json.keys) == ["layers", "mean"])
        #expect(try SAEFiles.detect(directory.appendingPathComponent("runs/sae")) == .mlsae)
    }

    @Test func ctrlCKeepsTheSAEAsTrainedSoFar() throws {
        let directory = Binary.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let running = try RunningBinary(["--session", "stop"], in: directory)
        running.send(SAETestSupport.setup.joined(separator: "\n") + "\nsae = train sae acts k=4 expansion=2 steps=100000000 batch=32 seed=1\n")
        #expect(running.wait { running.standardOutput.contains("training 64 latents") })
        usleep(800_000)
        running.process.interrupt()
        #expect(running.wait(timeout: 30) { running.standardError.contains("interrupted\n") }, "\(running.standardError)")
        running.send("show sae\nsave sae to kept\ntrain sae more sae acts steps=3\nquit\n")
        try running.closeInput()
        #expect(running.finish() == 0)
        let output = running.standardOutput
        let stopped = try #require(output.range(of: #"stopped by Ctrl-C after \d+ of 100000000 steps; kept the SAE as trained so far"#,
                                                options: .regularExpression), "\(output)\n\(running.standardError)")
        let steps = Int(output[stopped].split(separator: " ")[4])!
        #expect(steps >= 1)
        #expect(output.contains("sae (sae): 3 layers × 64 latents (32 × 2), k=4, \(steps) steps, "), "the SAE is stored")
        #expect(output.contains("sae (sae): 3 layers × 64 latents (32 × 2), k=4, \(steps + 3) steps, "), "and trains on")
        let saved = try SAEFiles.load(from: directory.appendingPathComponent("kept"))
        #expect(saved.trainingState?.step == steps && saved.trainingState?.history.count == steps, "a consistent state")
        let transcript = try String(contentsOf: directory.appendingPathComponent("sessions/stop.md"), encoding: .utf8)
        #expect(transcript.contains("```msc interrupted\nsae = train sae acts k=4 expansion=2 steps=100000000 batch=32 seed=1\n```"))
    }
}
