import Foundation

/// Checks that features, responses and stimulus tables describe the same stimuli in the same
/// order; every failure names the first stimulus that differs.
public enum StimulusAlignment {
    /// Throws unless `found` equals `expected` element by element.
    /// - Throws: `BrainError.stimulusCountMismatch` or `.stimulusMismatch` at the first difference.
    public static func check(features found: [String], responses expected: [String]) throws {
        guard found.count == expected.count else {
            throw BrainError.stimulusCountMismatch(features: found.count, responses: expected.count)
        }
        if let index = found.indices.first(where: { found[$0] != expected[$0] }) {
            throw BrainError.stimulusMismatch(index: index, expected: expected[index], found: found[index])
        }
    }

    /// The row of each id in `table` (a list of ids), in the order of `ids`.
    /// - Throws: `BrainError.unknownStimulus` for the first id that `table` lacks.
    public static func rows(of ids: [String], in table: [String], tableName: String) throws -> [Int] {
        var position: [String: Int] = [:]
        for (row, id) in table.enumerated() where position[id] == nil { position[id] = row }
        return try ids.map { id in
            guard let row = position[id] else { throw BrainError.unknownStimulus(id, table: tableName) }
            return row
        }
    }
}

/// The texts shown as stimuli, by id (e.g. ds000212's scenarios), with any other columns.
public struct StimulusTable: Sendable, Equatable {
    /// Stimulus ids, one per row.
    public var ids: [String]
    /// The text of each row.
    public var texts: [String]
    /// Other columns by name (condition, intent, ...), each as long as `ids`.
    public var columns: [String: [String]]

    /// A table of rows; `columns` values must be as long as `ids`.
    /// - Throws: `BrainError.shape` for columns of the wrong length, or duplicate ids.
    public init(ids: [String], texts: [String], columns: [String: [String]] = [:]) throws {
        guard texts.count == ids.count else { throw BrainError.shape("\(texts.count) texts for \(ids.count) stimulus ids") }
        for (name, values) in columns where values.count != ids.count {
            throw BrainError.shape("column \(name) has \(values.count) values for \(ids.count) stimuli")
        }
        var seen = Set<String>()
        if let duplicate = ids.first(where: { !seen.insert($0).inserted }) { throw BrainError.shape("stimulus id \"\(duplicate)\" appears twice in the stimuli table") }
        self.ids = ids
        self.texts = texts
        self.columns = columns
    }

    /// The texts for `ids`, in that order (the order of the responses).
    /// - Throws: `BrainError.unknownStimulus` naming the first id the table lacks.
    public func texts(for ids: [String]) throws -> [String] {
        try StimulusAlignment.rows(of: ids, in: self.ids, tableName: "the stimuli table").map { texts[$0] }
    }
}
