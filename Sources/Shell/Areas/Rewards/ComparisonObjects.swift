import Foundation
import Formats
import Rewards

/// One STARC distance between two rewards (kind `distance`), from `distance R1 R2`.
struct DistanceObject: WorkspaceObject {
    static let kind = ObjectKind(
        name: "distance", summary: "a distance between two rewards under one canon-norm-metric variant",
        exports: [.json: "{\"variant\": \"val-l2-l2\", \"distance\": x}"])

    /// The variant measured.
    let variant: Variant
    /// d(R1, R2).
    let distance: Double
    /// Workspace names of the two rewards.
    let first: String
    let second: String
    /// The policy C_VAL used, in words (`uniform` or a file).
    let policy: String

    /// `val-l2-l2(R1, R2) = 0.1234`.
    var summary: String { "\(variant.name)(\(first), \(second)) = \(Format.number(distance))" }
    var shape: String { "scalar" }
    var memoryBytes: Int { 8 }

    /// The value and what each part of the variant means.
    func details() -> String {
        var table = TextTable(columns: 2)
        table.append(["distance", Format.number(distance, significant: 8)])
        table.append(["rewards", "\(first), \(second)"])
        table.append(["canonicalisation", VariantWords.canonicalisation(variant.canonicalisation, policy: policy)])
        table.append(["normalisation", VariantWords.norm(variant.norm, metric: variant.metric)])
        table.append(["metric", VariantWords.metric(variant.metric)])
        return table.render()
    }

    /// `{"variant": …, "distance": …}`.
    func exportJSON() throws -> JSONValue? { try JSONValue(encoding: DistanceExport(variant: variant, distance: distance)) }
}

/// The normalised regret between two rewards (kind `regret`), from `regret R1 R2`.
struct RegretObject: WorkspaceObject {
    static let kind = ObjectKind(
        name: "regret", summary: "the exact normalised regret between two rewards, both directions",
        exports: [.json: "{\"regret\": under R1, \"symmetric\": mean of both, \"reverse\": under R2, \"degenerate\": bool, \"note\": which side was degenerate, or null}"])

    /// Both directions.
    let regret: Regret
    /// Workspace names of the two rewards.
    let first: String
    let second: String

    /// `symmetric 0.12 (under R1 0.2, under R2 0.04)`, with `degenerate` when a denominator was.
    var summary: String {
        "symmetric \(Format.number(regret.symmetric)) (under \(first) \(Format.number(regret.forward.value)), under \(second) \(Format.number(regret.backward.value)))"
            + (regret.isDegenerate ? "; degenerate" : "")
    }
    var shape: String { "2 directions" }
    var memoryBytes: Int { 64 }

    /// Both directions with the returns they come from, and the degeneracy note.
    func details() -> String {
        var lines = [RegretObject.table(regret, first: first, second: second).render()]
        lines.append("symmetric regret \(Format.number(regret.symmetric))")
        if let note { lines.append("note: \(note)") }
        return lines.joined(separator: "\n")
    }

    /// The library's degeneracy note with the rewards' names in place of R1 and R2.
    var note: String? {
        regret.degeneracyNote.map { $0.replacingOccurrences(of: "R1", with: first).replacingOccurrences(of: "R2", with: second) }
    }

    /// One row per direction: the reward judged, whose policy is followed, the returns and the regret.
    static func table(_ regret: Regret, first: String, second: String) -> TextTable {
        var table = TextTable(headers: ["under", "following", "J best", "J achieved", "J worst", "regret"],
                              alignments: [.left, .left, .right, .right, .right, .right])
        for (side, judged, followed) in [(regret.forward, first, second), (regret.backward, second, first)] {
            table.append([judged, "optimal for \(followed)", Format.number(side.best), Format.number(side.achieved), Format.number(side.worst),
                          side.degenerate ? "0 (degenerate)" : Format.number(side.value)])
        }
        return table
    }

    /// `{"regret": …, "symmetric": …, "reverse": …, "degenerate": …, "note": …}`.
    func exportJSON() throws -> JSONValue? {
        guard case var .object(members) = try JSONValue(encoding: RegretExport(regret)) else { return nil }
        members["note"] = note.map { .string($0) } ?? .null
        return .object(members)
    }
}
