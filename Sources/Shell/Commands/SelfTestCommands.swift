import Foundation
import Formats
import Tensors

/// Hidden commands for the shell's own tests (registered only when the environment variable
/// `MINDSCOPE_TEST_COMMANDS=1` is set): a seeded random table, and a long loop that reports
/// progress and stops on Ctrl-C keeping the steps it reached.
extension CommandArea {
    static let selfTest = CommandArea(
        name: "selftest", title: "hidden commands for the shell's tests",
        commands: [SelfTestCommands.table, SelfTestCommands.spin])
}

enum SelfTestCommands {
    static let rows = Option.int("rows", default: 3, range: .between(1, 10_000), help: "rows")
    static let columns = Option.int("columns", default: 2, range: .between(1, 100), help: "columns")
    static let seed = Option.int("seed", range: .atLeast(0), help: "seed (default: the session's next stream)")

    static let table = Command(
        "selftest table", summary: "A table of standard normal numbers from the session's random streams.",
        parameters: [rows, columns, seed], result: .object(TableObject.kind), examples: ["t = selftest table rows=3"], hidden: true
    ) { arguments, context in
        var rng = context.rng(seed: try arguments[seed])
        let rowCount = try arguments[rows]
        let columnCount = try arguments[columns]
        let numbers = (0..<columnCount).map { _ in Table.Column.numbers((0..<rowCount).map { _ in rng.normal() }) }
        let table = try Table(names: ["row"] + (1...columnCount).map { "x\($0)" },
                              columns: [.numbers((1...rowCount).map(Double.init))] + numbers)
        context.output.print(table)
        return .object(TableObject(table, title: "standard normal numbers"))
    }

    static let steps = Option.int("steps", default: 100, range: .atLeast(1), help: "steps to take")
    static let milliseconds = Option.int("ms", default: 10, range: .between(0, 10_000), help: "milliseconds per step")

    static let spin = Command(
        "selftest spin", summary: "Take timed steps with a progress bar; Ctrl-C keeps the steps reached.",
        parameters: [steps, milliseconds], result: .object(TableObject.kind), examples: ["selftest spin steps=500 ms=10"], hidden: true
    ) { arguments, context in
        let total = try arguments[steps]
        let pause = try arguments[milliseconds]
        let task = context.progress.start("spinning", total: total, unit: "steps")
        defer { task.finish() }
        var reached = 0
        while reached < total, !context.cancellation.isCancelled {
            usleep(UInt32(pause * 1000))
            reached += 1
            task.advance()
        }
        context.output.print("reached step \(reached) of \(total)")
        let result = TableObject(try Table(names: ["steps"], columns: [.numbers([Double(reached)])]), title: "steps reached")
        return reached < total ? .interrupted(keeping: result) : .object(result)
    }
}
