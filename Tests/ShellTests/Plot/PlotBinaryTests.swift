import Foundation
import Plot
import Testing

/// `plot` through the built `mindscope` binary, as a user runs it: the default file, its link in
/// the transcript, the statement in its text chunk, and byte-identical figures on replay and on
/// one or two threads.
@Suite("plot through mindscope run")
struct PlotBinaryTests {
    static let script = """
        t = load table t.csv
        plot line t x=step y=loss
        plot scatter t x=step y=acc title="accuracy by step"

        """

    static func prepared() throws -> URL {
        let directory = Binary.directory()
        try Data(PlotVerbTests.csv.utf8).write(to: directory.appendingPathComponent("t.csv"))
        try Data(script.utf8).write(to: directory.appendingPathComponent("fig.msc"))
        return directory
    }

    static func bytes(_ path: String, in directory: URL) throws -> Data {
        try Data(contentsOf: directory.appendingPathComponent(path))
    }

    @Test func runWritesTheDefaultFileLinksItAndRecordsTheStatement() throws {
        let directory = try Self.prepared()
        let result = try Binary.run(["run", "fig.msc", "--session", "fig"], in: directory)
        #expect(result.status == 0 && result.standardError == "")
        #expect(result.standardOutput.hasSuffix("""
            t (table): t.csv (5 rows × 4 columns)
            wrote plots/fig-1-line.png (line of t, 640 × 480 px)
            skipped 1 NaN/infinite value
            wrote plots/fig-2-scatter.png (scatter of t, 640 × 480 px)
            skipped 2 NaN/infinite values

            """))
        let image = try PNGImage(contentsOf: directory.appendingPathComponent("plots/fig-2-scatter.png"))
        #expect(image.width == 640 && image.height == 480)
        #expect(image.metadata["Software"] == "mindscope 0.1.0")
        #expect(image.metadata["Description"] == "plot scatter t x=step y=acc title=\"accuracy by step\"")
        let transcript = try String(contentsOf: directory.appendingPathComponent("sessions/fig.md"), encoding: .utf8)
        #expect(transcript.contains("""
            ```msc
            plot line t x=step y=loss
            ```
            ```text
            wrote plots/fig-1-line.png (line of t, 640 × 480 px)
            skipped 1 NaN/infinite value
            ```

            ![fig-1-line.png](../plots/fig-1-line.png)

            """))
        #expect(transcript.contains("![fig-2-scatter.png](../plots/fig-2-scatter.png)"))
    }

    @Test func replayRedrawsByteIdenticalFigures() throws {
        let directory = try Self.prepared()
        #expect(try Binary.run(["run", "fig.msc", "--session", "fig"], in: directory).status == 0)
        let replay = try Binary.run(["-c", "replay sessions/fig.md", "--session", "again"], in: directory)
        #expect(replay.status == 0 && replay.standardError == "")
        #expect(replay.standardOutput.contains("wrote plots/again-1-line.png"))
        #expect(try Self.bytes("plots/again-1-line.png", in: directory) == Self.bytes("plots/fig-1-line.png", in: directory))
        #expect(try Self.bytes("plots/again-2-scatter.png", in: directory) == Self.bytes("plots/fig-2-scatter.png", in: directory))
    }

    @Test func oneAndTwoThreadsDrawTheSameBytes() throws {
        let directory = Binary.directory()
        let plots = "plot scatter t x=x1 y=x2 color=x3 cmap=magma\nplot heatmap t y=[x1, x2, x3]\nplot hist t y=[x1, x2] density=true\n"
        let script = "t = selftest table rows=10000 columns=3 seed=7\nset threads=1\n" + plots + "set threads=2\n" + plots
        try Data(script.utf8).write(to: directory.appendingPathComponent("threads.msc"))
        let result = try Binary.run(["run", "threads.msc", "--session", "th"], in: directory)
        #expect(result.status == 0 && result.standardError == "")
        for (one, two) in [("th-1-scatter", "th-4-scatter"), ("th-2-heatmap", "th-5-heatmap"), ("th-3-hist", "th-6-hist")] {
            #expect(try Self.bytes("plots/\(one).png", in: directory) == Self.bytes("plots/\(two).png", in: directory), "\(one) vs \(two)")
        }
    }

    @Test func aMistakeStopsTheScriptWithOneError() throws {
        let directory = try Self.prepared()
        try Data("t = load table t.csv\nplot line t y=lss\nls\n".utf8).write(to: directory.appendingPathComponent("bad.msc"))
        let result = try Binary.run(["run", "bad.msc"], in: directory)
        #expect(result.status == 1)
        #expect(result.standardError == """
            error: bad.msc:2: y= names no column 'lss'; did you mean 'loss'? (the columns are step, loss, acc, label)
              plot line t y=lss
                          ^~~~~

            """)
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("plots").path))
    }
}
