import Foundation
import Formats
import Testing
import Tensors

/// Ctrl-C during `brainscore` in a real terminal: the progress bar counts layer × subject fits,
/// the statement ends as interrupted, and the layers already scored are kept in the workspace.
@Suite("Interrupting brainscore", .serialized)
struct BrainInterruptTests {
    @Test func ctrlCKeepsTheLayersAlreadyScored() throws {
        let directory = Binary.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let home = directory.appendingPathComponent("home")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let layers = (0..<5).map { ("l\($0)", NpyArray(BrainFiles.normal(60, 10, seed: UInt64(20 + $0)))) }
        try NpzFile.write(layers, to: directory.appendingPathComponent("five.npz"))
        let prompt = "mindscope>"
        let terminal = try Tmux(command: "env HOME=\(home.path) \(Binary.url.path) --session stop", in: directory)
        terminal.wait("the prompt") { $0.hasSuffix(prompt + "\n") }
        usleep(200_000)
        try terminal.type("a = load matrix five.npz; s = fmri synthetic a subjects=1 targets=20 seed=1")
        try terminal.send("Enter")
        terminal.wait("responses made") { $0.contains("s (fmri): 60 stimuli × 20 targets") }
        // permutations make each layer take a second or so, so Ctrl-C lands after the first layer
        try terminal.type("r = brainscore a s metric=ridge permutations=60 seed=1")
        try terminal.send("Enter")
        terminal.wait(timeout: 60, "one layer scored") { $0.contains("scoring ridge ") && $0.contains(" 1/5 fits ") }
        try terminal.send("C-c")
        terminal.wait(timeout: 30, "interrupted") { $0.hasSuffix("interrupted\n" + prompt + "\n") }
        let screen = terminal.screen()
        #expect(screen.contains("warning: stopped after 1 of 5 layers; not scored: l1, l2, l3, l4") ||
                screen.contains("warning: stopped after 2 of 5 layers; not scored: l2, l3, l4"), "\(screen)")
        #expect(screen.contains("r (brainscore): ridge of a against s: ") && screen.contains("(stopped early: "), "\(screen)")
        try terminal.type("ls")
        try terminal.send("Enter")
        terminal.wait("the partial result is kept") { $0.contains("r     brainscore") }
        try terminal.type("quit")
        try terminal.send("Enter")
        terminal.wait(timeout: 5, "quit") { _ in !terminal.isRunning }
        let transcript = try String(contentsOf: directory.appendingPathComponent("sessions/stop.md"), encoding: .utf8)
        #expect(transcript.contains("```msc interrupted\nr = brainscore a s metric=ridge permutations=60 seed=1\n```"))
    }
}
