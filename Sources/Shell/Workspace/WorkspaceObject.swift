import Foundation
import Formats

/// What every kind of workspace object tells the shell about itself. Each kind is declared once
/// (in its area's `CommandArea`) so `help` can describe it.
public struct ObjectKind: Sendable, Hashable {
    /// The word for the kind, shown by `ls` and in errors: `table`, `sae`, `activations`.
    public let name: String
    /// What such an object is, in a few words.
    public let summary: String
    /// The native file `save` writes (e.g. "safetensors: weights and config"), nil when none.
    public let saveFormat: String?
    /// The file extension `save` adds to a path that has none (e.g. "safetensors").
    public let saveExtension: String?
    /// What `export` writes for each format it supports, e.g. `[.csv: "one row per layer: ..."]`.
    public let exports: [ExportFormat: String]
    /// The layouts `save NAME to PATH format=WORD` accepts besides the native one (e.g. other
    /// programs' file layouts); empty when `format=` does not apply.
    public let saveLayouts: [SaveLayout]

    /// Declares a kind.
    public init(name: String, summary: String, saveFormat: String? = nil, saveExtension: String? = nil,
                exports: [ExportFormat: String] = [:], saveLayouts: [SaveLayout] = []) {
        self.name = name
        self.summary = summary
        self.saveFormat = saveFormat
        self.saveExtension = saveExtension
        self.exports = exports
        self.saveLayouts = saveLayouts
    }
}

/// A file layout `save ... format=WORD` can write besides a kind's native format.
public struct SaveLayout: Sendable, Hashable {
    /// The value of `format=`.
    public let word: String
    /// What the layout holds, and what it cannot carry (shown by `help kinds`).
    public let description: String

    /// Declares a layout.
    public init(_ word: String, _ description: String) {
        self.word = word
        self.description = description
    }
}

/// The machine-readable formats of `export NAME to PATH.json|.csv`.
public enum ExportFormat: String, Sendable, CaseIterable, Hashable {
    /// JSON written from the object's `exportJSON()` value (keys sorted, pretty-printed, NaN as null).
    case json
    /// CSV written from the object's `exportCSV()` table (header row, RFC 4180 quoting).
    case csv
}

/// An object held in the session workspace under a name.
///
/// Only `kind`, `summary`, `shape` and `memoryBytes` are required; `details`, `save`,
/// `exportJSON`, `exportCSV` and `plotForms` have defaults meaning "nothing more to show",
/// "no native format", "no export" and "nothing to plot".
public protocol WorkspaceObject: SendableMetatype {
    /// The kind of object this type is.
    static var kind: ObjectKind { get }
    /// One line shown when the object is stored and by `show`, e.g. `6 layers × 1536 latents, k=32`.
    var summary: String { get }
    /// The shape or size column of `ls`, e.g. `4096 × 384` or `12 rows`.
    var shape: String { get }
    /// Bytes held in memory (the `memory` column of `ls`); large buffers only, roughly.
    var memoryBytes: Int { get }
    /// The detailed multi-line description printed by `show NAME` (without trailing newline).
    func details() -> String
    /// Writes the object in its native format (see `ObjectKind.saveFormat`), atomically.
    /// - Throws: `ShellError` with `.cannotSave` by default, or the writer's error.
    func save(to url: URL) throws
    /// Writes the object in `layout` (one of `ObjectKind.saveLayouts`; nil: the native format)
    /// and returns notes on what the layout could not carry, for `save` to print.
    /// - Throws: `ShellError` by default when a layout is asked for, or the writer's error.
    func save(to url: URL, layout: String?) throws -> [String]
    /// The document `export NAME to FILE.json` writes, or nil when the kind has no JSON export.
    func exportJSON() throws -> JSONValue?
    /// The table `export NAME to FILE.csv` writes, or nil when the kind has no CSV export.
    func exportCSV() throws -> Table?
    /// The forms `plot KIND NAME` can draw from this object.
    var plotForms: [PlotForm] { get }
}

extension WorkspaceObject {
    /// The kind of this object (for existentials: `object.objectKind`).
    public var objectKind: ObjectKind { Self.kind }

    /// By default `show` prints the summary.
    public func details() -> String { summary }

    /// By default a kind has no native file format.
    public func save(to url: URL) throws {
        throw ShellError(.cannotSave(kind: Self.kind.name))
    }

    /// By default only the native format: `save(to:)`, no notes.
    public func save(to url: URL, layout: String?) throws -> [String] {
        guard let layout else {
            try save(to: url)
            return []
        }
        throw ShellError(.invalidArgument(parameter: "format=", reason: "\(Self.kind.name) objects have no layout '\(layout)'"))
    }

    /// By default there is no JSON export.
    public func exportJSON() throws -> JSONValue? { nil }

    /// By default there is no CSV export.
    public func exportCSV() throws -> Table? { nil }

    /// By default there is nothing to plot.
    public var plotForms: [PlotForm] { [] }
}
