import Foundation
import Formats

/// `save NAME to PATH`, `export NAME to PATH.json|.csv`.
enum FileCommands {
    static let saved = Positional.anyObject("NAME", help: "the object to save")
    static let saveDestination = Positional.path("PATH", mustExist: false, after: "to",
                                                 help: "the file to write (its kind's extension is added when PATH has none)")
    static let layout = Option.string("format", help: "another file layout, for kinds that have them (sae: mindscope, saelens, sparsify, mlsae)")

    static let save = Command(
        "save", summary: "Write an object to a file in its native format (help kinds lists them).",
        parameters: [saved, saveDestination, layout], examples: ["save _1 to results/scores.csv", "save sae to runs/sae format=saelens"]
    ) { arguments, context in
        let named = try arguments[saved]
        let chosen = try arguments[layout]
        if let chosen {
            let words = named.object.objectKind.saveLayouts.map(\.word)
            guard !words.isEmpty else {
                throw arguments.error(layout, "does not apply: \(named.name) (\(named.object.objectKind.name)) has only its native format")
            }
            guard words.contains(chosen) else {
                throw ShellError(.notAChoice(parameter: "format=", found: chosen, choices: words,
                                             suggestion: Suggestions.closest(to: chosen, among: words)), at: arguments.span(of: layout))
            }
        }
        var url = try arguments[saveDestination]
        var shownPath = arguments.text(of: saveDestination) ?? url.relativePath
        if url.pathExtension.isEmpty, let ext = named.object.objectKind.saveExtension {
            url.appendPathExtension(ext)
            shownPath += "." + ext
        }
        let notes: [String]
        do {
            notes = try named.object.save(to: url, layout: chosen)
        } catch var error as ShellError where error.span == nil {
            error.span = arguments.span(of: saved)
            throw error
        }
        context.output.print("saved \(named.name) (\(named.object.objectKind.name)) to \(shownPath)" + (chosen.map { " (format=\($0))" } ?? ""))
        for note in notes { context.output.print("note: " + note) }
        return .done
    }

    static let exported = Positional.anyObject("NAME", help: "the object to export")
    static let exportDestination = Positional.path("PATH", mustExist: false, extensions: ["json", "csv"], after: "to",
                                                   help: "the file to write, ending in .json or .csv")

    static let export = Command(
        "export", summary: "Write an object's summary, metrics or table as JSON or CSV (help kinds says what each holds).",
        parameters: [exported, exportDestination], examples: ["export _1 to results/scores.json"]
    ) { arguments, context in
        let named = try arguments[exported]
        let url = try arguments[exportDestination]
        let kind = named.object.objectKind
        let format = ExportFormat(rawValue: url.pathExtension.lowercased()) ?? .json
        let unavailable = ShellError(.cannotExport(kind: kind.name, format: format.rawValue,
                                                   available: ExportFormat.allCases.filter { kind.exports[$0] != nil }.map(\.rawValue)),
                                     at: arguments.span(of: exportDestination))
        switch format {
        case .json:
            guard let document = try named.object.exportJSON() else { throw unavailable }
            try document.write(to: url, nonFinite: .null)
        case .csv:
            guard let table = try named.object.exportCSV() else { throw unavailable }
            try table.write(to: url, delimiter: .comma)
        }
        context.output.print("exported \(named.name) (\(kind.name)) to \(arguments.text(of: exportDestination) ?? url.relativePath)")
        return .done
    }
}

/// `run FILE`, `replay FILE`.
enum ScriptCommands {
    static let script = Positional.path("FILE", mustExist: true, help: "a .msc script (one statement per line) or a .md transcript")

    static let run = Command(
        "run", summary: "Run the statements of a script or transcript in this workspace.", parameters: [script],
        examples: ["run sessions/examples/tour.msc"],
        discussion: "Statements run as if typed; the first error or Ctrl-C stops the script. A transcript's failed or interrupted statements are skipped."
    ) { arguments, context in
        let url = try arguments[script]
        try context.session.runScript(url, displayPath: arguments.text(of: script) ?? url.relativePath, replay: false,
                                       span: arguments.span(of: script))
        return .done
    }

    static let replayed = Positional.path("FILE", mustExist: true, help: "a .md transcript or a .msc script")
    static let clear = Option.flag("clear", default: false, help: "drop the objects in the workspace first")

    static let replay = Command(
        "replay", summary: "Run a recorded session again from an empty workspace and its seed.", parameters: [replayed, clear],
        examples: ["replay sessions/2025-01-31-101500.md"],
        discussion: "Each session header of the transcript starts afresh: empty workspace, automatic names from _1, the seed it records."
    ) { arguments, context in
        let session = context.session
        if !session.workspace.isEmpty {
            guard try arguments[clear] else {
                throw ShellError(.replayNeedsEmptyWorkspace(names: session.workspace.names), at: arguments.span(of: replayed))
            }
        }
        let url = try arguments[replayed]
        session.startAfresh(seed: nil)
        try session.runScript(url, displayPath: arguments.text(of: replayed) ?? url.relativePath, replay: true,
                                       span: arguments.span(of: replayed))
        return .done
    }
}
