import Foundation
import Formats
@testable import Shell
import Testing

/// Ctrl-C during `experiment starc`: the comparisons done so far are kept as the experiment,
/// and the session goes on.
@Suite("Rewards shell: interrupting experiments", .serialized)
struct RewardsExperimentInterruptTests {
    @Test func ctrlCKeepsTheComparisonsDone() throws {
        let directory = Binary.directory()
        let running = try RunningBinary(["--session", "long"], in: directory)
        running.send("e = experiment starc envs=4000 pairs=2 steps=4 states=8 actions=2 seed=1 variants=[val-l2-l2, epic-none-pearson]\n")
        usleep(2_500_000)
        running.process.interrupt()
        #expect(running.wait { running.standardError.contains("interrupted\n") })
        running.send("ls\nexport e to e.json\nexport e to e.csv\nquit\n")
        try running.closeInput()
        #expect(running.finish() == 0)
        let output = running.standardOutput
        let kept = try #require(output.split(separator: "\n").first { $0.hasPrefix("interrupted: ") }, "\(output)")
        let done = try #require(Int(kept.split(separator: " ")[1]), "\(kept)")
        #expect(done > 0 && done < 32_000 && done % 4 == 0, "whole pairs are kept: \(kept)")
        #expect(kept == "interrupted: \(done) of 32000 comparisons were done and are kept")
        #expect(output.contains("e (experiment): \(done) comparisons × 2 variants; best "))
        #expect(output.contains("; interrupted at \(done) of 32000\n"))
        #expect(output.contains("e     experiment  \(done) × 2 "))
        let json = try JSONDecoder().decode(ExactJSON.self, from: Data(contentsOf: directory.appendingPathComponent("e.json"))).value
        #expect(json["comparisons"] == .number(Double(done)) && json["completed"] == .bool(false))
        #expect(try Table.read(directory.appendingPathComponent("e.csv")).rowCount == done)
        let transcript = try String(contentsOf: directory.appendingPathComponent("sessions/long.md"), encoding: .utf8)
        #expect(transcript.contains("```msc interrupted\ne = experiment starc envs=4000"))
    }
}
