import SAE

/// The text training prints: the progress-bar detail, the history table and the rate line.
enum TrainingText {
    /// `1.2e+04 tok/s  loss 0.1234  FVU 0.1100  dead 0.012`.
    static func progress(_ p: TrainingProgress) -> String {
        "\(Format.number(p.tokensPerSecond, significant: 3)) tok/s  loss \(Format.number(p.record.loss))  "
            + "FVU \(Format.number(p.record.fvu))  dead \(Format.number(p.record.deadFraction, significant: 3))"
    }

    /// The records from index `start` on, at most about eight rows (first, evenly spaced, last).
    static func table(_ history: [TrainingRecord], since start: Int) -> TextTable {
        var table = TextTable(headers: ["step", "tokens", "loss", "aux loss", "FVU", "dead fraction"],
                              alignments: [.right, .right, .right, .right, .right, .right])
        let run = Array(history[max(0, start)...])
        for record in sampled(run, count: 8) {
            // Tokens = examples / layers, fractional when a batch splits tokens: shown whole.
            table.append(["\(record.step)", "\(Int(record.tokens.rounded()))", Format.number(record.loss), Format.number(record.auxLoss),
                          Format.number(record.fvu), Format.number(record.deadFraction, significant: 3)])
        }
        return table
    }

    /// Up to `count` entries evenly spread over `items`, always with the last.
    static func sampled<T>(_ items: [T], count: Int) -> [T] {
        guard items.count > count else { return items }
        return (0..<count).map { items[($0 * (items.count - 1)) / (count - 1)] }
    }

    /// `2000 steps in 41.2 s: 2.9e+04 tokens/s (2e+05 examples/s)`.
    static func rate(_ report: TrainingReport, batch: Int, layers: Int) -> String {
        let examples = Double(report.stepsCompleted * batch)
        let seconds = max(report.seconds, 1e-9)
        return "\(Format.count(report.stepsCompleted, "step")) in \(Format.duration(report.seconds)): "
            + "\(Format.number(examples / Double(layers) / seconds, significant: 3)) tokens/s "
            + "(\(Format.number(examples / seconds, significant: 3)) examples/s)"
    }
}
