import Foundation
@testable import Shell
import Synchronization
import Formats
import Testing

@Suite("Formatting, tables and progress")
struct OutputTests {
    @Test func numbers() {
        let cases: [(Double, String)] = [
            (0, "0"), (3, "3"), (-12, "-12"), (1e15, "1.000e+15"), (0.5, "0.5"), (0.123456, "0.1235"), (-0.000123456, "-0.0001235"),
            (1234.5, "1234"), (99999.5, "100000"), (1.5e-7, "1.500e-07"), (2.5e6, "2500000"), (.nan, "nan"), (.infinity, "inf"),
            (-.infinity, "-inf"), (123456.7, "123457"),
        ]
        for (value, text) in cases { #expect(Format.number(value) == text, "\(value)") }
    }

    @Test func sizesDurationsShapes() {
        #expect(Format.bytes(48) == "48 B")
        #expect(Format.bytes(1536) == "1.50 KiB")
        #expect(Format.bytes(12_900_000) == "12.3 MiB")
        #expect(Format.bytes(3 << 30) == "3.00 GiB")
        #expect(Format.duration(0.42) == "0.42 s")
        #expect(Format.duration(12.4) == "12 s")
        #expect(Format.duration(187) == "3:07")
        #expect(Format.duration(3723) == "1:02:03")
        #expect(Format.duration(.nan) == "--:--")
        #expect(Format.shape([6, 384]) == "6 × 384")
        #expect(Format.shape([]) == "scalar")
        #expect(Format.count(1, "row") == "1 row" && Format.count(2, "row") == "2 rows")
    }

    @Test func textTables() {
        var table = TextTable(headers: ["name", "value"], alignments: [.left, .right])
        table.append(["alpha", "1"])
        table.append(["b", "12345", "dropped"])
        table.append(["c"])
        #expect(table.render() == "name   value\n-----  -----\nalpha      1\nb      12345\nc           ")
        var bare = TextTable(columns: 2)
        bare.append(["ls", "List."])
        bare.append(["history [N]", "Show."])
        #expect(bare.render(indent: 2) == "  ls           List.\n  history [N]  Show.")
        #expect(TextTable(headers: ["a"]).render() == "a\n-")
    }

    @Test func tablesPrintAligned() throws {
        let table = try Table(names: ["label", "x"], columns: [.strings(["a", "long label"]), .numbers([0.123456, .nan])])
        #expect(table.textTable().render() == "label            x\n----------  ------\na           0.1235\nlong label     nan")
        #expect(table.sizeDescription == "2 rows × 2 columns")
    }

    @Test func progressBarText() {
        #expect(ProgressTask.render(label: "training", completed: 450, total: 1000, unit: "steps", elapsed: 3.6, width: 100)
                == "training  45% |█████████████                 | 450/1000 steps  125 steps/s  ETA 4.40 s")
        #expect(ProgressTask.render(label: "training", completed: 0, total: 1000, unit: "steps", elapsed: 0, width: 60)
                == "training   0% |          | 0/1000 steps  -- steps/s  ETA --:--")
        #expect(ProgressTask.render(label: "reading", completed: 300, total: nil, unit: "rows", elapsed: 2, width: 80)
                == "reading  300 rows  150 rows/s  2.00 s")
    }

    @Test func progressDrawsThrottledAndClears() {
        let written = Mutex<[String]>([])
        let line = StatusLine(enabled: true, width: 60) { text in written.withLock { $0.append(text) } }
        let time = Mutex<Double>(0)
        let reporter = ProgressReporter(statusLine: line) { time.withLock { $0 } }
        let task = reporter.start("work", total: 10, unit: "items")
        task.advance()
        time.withLock { $0 = 0.5 }
        task.advance(by: 4)
        task.finish()
        task.finish()
        let lines = written.withLock { $0 }
        #expect(lines.count == 3)
        #expect(lines[0] == "\r\u{1B}[K" + ProgressTask.render(label: "work", completed: 0, total: 10, unit: "items", elapsed: 0, width: 60))
        #expect(lines[1] == "\r\u{1B}[K" + ProgressTask.render(label: "work", completed: 5, total: 10, unit: "items", elapsed: 0.5, width: 60))
        #expect(lines[2] == "\r\u{1B}[K")
    }

    @Test func printingClearsTheBarFirst() {
        let written = Mutex<[String]>([])
        let line = StatusLine(enabled: true, width: 40) { text in written.withLock { $0.append(text) } }
        let sink = CapturedOutput()
        let output = Output(sink: sink, statusLine: line)
        line.show("bar")
        output.print("result")
        #expect(written.withLock { $0 } == ["\r\u{1B}[Kbar", "\r\u{1B}[K"])
        #expect(sink.standardOutput == "result\n")
        #expect(output.takeCaptured() == "result\n")
    }

    @Test func suggestions() {
        #expect(Suggestions.closest(to: "trian", among: ["train", "trace"]) == "train")
        #expect(Suggestions.closest(to: "exp", among: ["expansion", "k"]) == "expansion")
        #expect(Suggestions.closest(to: "zzz", among: ["k", "lr"]) == nil)
        #expect(Suggestions.closest(to: "K", among: ["k", "lr"]) == "k")
        #expect(Suggestions.editDistance(Array("ab"), Array("ba")) == 1)
        #expect(Suggestions.editDistance(Array("kitten"), Array("sitting")) == 3)
    }
}
