import Tensors

/// `set [KEY=VALUE...]`, `history [N]`, `quit`.
enum SessionCommands {
    static let seed = Option.int("seed", range: .atLeast(0), help: "the session seed random streams come from")
    static let threads = Option.int("threads", range: .between(1, 1024), help: "threads for parallel loops and OpenBLAS")
    static let plots = Option.path("plots", help: "the directory figures are written to")
    static let sessions = Option.path("sessions", help: "the directory transcripts are written to (moves this one)")

    static let set = Command(
        "set", summary: "Change settings, or list them when given none.", parameters: [seed, threads, plots, sessions],
        examples: ["set", "set seed=7 threads=2", "set plots=figures"],
        discussion: "Setting the seed restarts the random streams: the statements after it draw the same numbers on replay."
    ) { arguments, context in
        let session = context.session
        var changes: [String] = []
        if let value = try arguments[seed] {
            session.settings.seed = UInt64(value)
            session.randomStreamsUsed = 0
            changes.append("seed \(value)")
        }
        if let value = try arguments[threads] {
            Parallel.setThreadCount(value)
            session.settings.threads = value
            changes.append("threads \(value)")
        }
        if try arguments[plots] != nil, let text = arguments.text(of: plots) {
            session.settings.plotsDirectory = text
            changes.append("plots \(text)")
        }
        if try arguments[sessions] != nil, let text = arguments.text(of: sessions) {
            session.settings.sessionsDirectory = text
            try session.transcript?.move(to: session.settings.sessionsURL)
            changes.append("sessions \(text)")
        }
        context.output.print(changes.isEmpty ? settingsTable(session.settings).render() : changes.joined(separator: "\n"))
        return .done
    }

    static func settingsTable(_ settings: Settings) -> TextTable {
        var table = TextTable(headers: ["setting", "value", "meaning"])
        table.append(["seed", String(settings.seed), seed.spec.help])
        table.append(["threads", String(settings.threads), threads.spec.help])
        table.append(["plots", settings.plotsDirectory, plots.spec.help])
        table.append(["sessions", settings.sessionsDirectory, "the directory transcripts are written to"])
        return table
    }

    static let count = Positional.optionalInt("N", range: .atLeast(1), help: "how many of the latest statements to show (default 20)")

    static let history = Command(
        "history", summary: "Show the latest statements, numbered (earlier sessions included at the prompt).",
        parameters: [count], examples: ["history", "history 50"]
    ) { arguments, context in
        let all = context.session.previousHistory + context.session.history
        let shown = try arguments[count] ?? 20
        var table = TextTable(columns: 2, alignments: [.right, .left])
        for (index, statement) in all.enumerated().suffix(shown) { table.append([String(index + 1), statement]) }
        context.output.print(table)
        return .done
    }

    static let quit = Command("quit", summary: "End the session (Ctrl-D does too).", examples: ["quit"]) { _, context in
        context.session.quitRequested = true
        return .done
    }
}
