import Foundation
import Formats

/// One trial of a BIDS `*_events.tsv`: when it started, how long it lasted, which stimulus.
public struct TrialEvent: Sendable, Equatable {
    /// Onset in seconds from the start of the run.
    public var onset: Double
    /// Duration in seconds.
    public var duration: Double
    /// The stimulus id (from the chosen column, e.g. `item`).
    public var stimulus: String
    /// The condition (`condition` or `trial_type` column), empty when there is none.
    public var condition: String
}

/// Reading BIDS events files (tab-separated, header row, `n/a` for missing values).
public enum BIDSEvents {
    /// Columns tried, in order, for the condition of a trial.
    public static let conditionColumns = ["condition", "trial_type"]

    /// The trials of an events table. Rows whose stimulus is missing (`n/a`, empty) are skipped
    /// (fixation, instructions); onset and duration must be present and finite for the others.
    /// - Parameter stimulusColumn: the column holding stimulus ids (ds000212: `item`).
    /// - Throws: `BrainError.fmri` naming a missing column or the first bad row.
    public static func events(from table: Table, stimulusColumn: String = "item") throws -> [TrialEvent] {
        for required in ["onset", "duration", stimulusColumn] where !table.names.contains(required) {
            throw BrainError.fmri("\(table.source): no \"\(required)\" column (columns: \(table.names.joined(separator: ", ")))")
        }
        let onsets = try table.numbers(named: "onset"), durations = try table.numbers(named: "duration")
        let stimuli = try text(table, stimulusColumn)
        let conditions = try conditionColumns.first(where: table.names.contains).map { try text(table, $0) } ?? [String](repeating: "", count: table.rowCount)
        var events: [TrialEvent] = []
        for row in 0..<table.rowCount {
            let stimulus = stimuli[row].trimmingCharacters(in: .whitespaces)
            if stimulus.isEmpty || Table.missingTokens.contains(stimulus) { continue }
            guard onsets[row].isFinite, durations[row].isFinite, durations[row] >= 0 else {
                throw BrainError.fmri("\(table.source): row \(row + 2) (stimulus \(stimulus)) has onset \(onsets[row]) and duration \(durations[row]); both must be numbers, duration ≥ 0")
            }
            events.append(TrialEvent(onset: onsets[row], duration: durations[row], stimulus: stimulus, condition: conditions[row]))
        }
        return events
    }

    /// Reads `*_events.tsv` at `url`.
    /// - Throws: `FormatError` for unreadable files; `BrainError.fmri` as `events(from:)`.
    public static func read(_ url: URL, stimulusColumn: String = "item") throws -> [TrialEvent] {
        try events(from: Table.read(url, delimiter: .tab, header: .present, textColumns: [stimulusColumn]), stimulusColumn: stimulusColumn)
    }

    /// A column as text (numbers printed without a trailing ".0" so that item 3 is "3").
    static func text(_ table: Table, _ name: String) throws -> [String] {
        switch try table.column(named: name) {
        case .strings(let values): return values
        case .numbers(let values):
            return values.map { $0.isNaN ? "n/a" : ($0 == $0.rounded() && abs($0) < 1e15 ? String(Int($0)) : String($0)) }
        }
    }
}
