import Foundation
import Formats
import Tensors

/// Reading feature and response matrices from `.npy`, `.csv` and `.tsv` files (for
/// `load fmri FILE` and `load matrix FILE`).
public enum MatrixFiles {
    /// A matrix with optional row ids (a leading text column of a CSV) and column names.
    public struct Matrix: Sendable {
        /// The values, [rows, columns].
        public var values: Tensor
        /// Row ids from a text column, when the file has one.
        public var rowIDs: [String]?
        /// Column names from a header, when the file has one.
        public var columnNames: [String]?
    }

    /// Reads a 2-D matrix (a 1-D .npy array becomes one column).
    /// - Throws: `FormatError` for unreadable files; `BrainError.shape` for other ranks, several
    ///   text columns, or no numeric column.
    public static func read(_ url: URL) throws -> Matrix {
        if url.pathExtension.lowercased() == "npy" {
            let array = try Npy.read(url)
            let tensor = array.tensor()
            switch tensor.rank {
            case 1: return Matrix(values: tensor.reshaped([tensor.count, 1]), rowIDs: nil, columnNames: nil)
            case 2: return Matrix(values: tensor, rowIDs: nil, columnNames: nil)
            default: throw BrainError.shape("\(url.lastPathComponent): a matrix must have 1 or 2 dimensions, this array has shape \(tensor.shape)")
            }
        }
        let table = try Table.read(url)
        let textColumns = table.columns.indices.filter { !table.columns[$0].isNumeric }
        guard textColumns.count <= 1, textColumns.first.map({ $0 == 0 }) ?? true else {
            throw BrainError.shape("\(url.lastPathComponent): only the first column may hold text (stimulus ids); text columns: \(textColumns.map { table.names[$0] }.joined(separator: ", "))")
        }
        let numeric = table.columns.indices.filter { table.columns[$0].isNumeric }
        guard !numeric.isEmpty else { throw BrainError.shape("\(url.lastPathComponent) has no numeric column") }
        let columns = try numeric.map { try table.numbers(named: table.names[$0]) }
        let rows = table.rowCount
        let values = Tensor(shape: [rows, numeric.count]) { out in
            for (j, column) in columns.enumerated() { for i in 0..<rows { out[i * numeric.count + j] = Float(column[i]) } }
        }
        return Matrix(values: values, rowIDs: try textColumns.first.map { try table.strings(named: table.names[$0]) },
                      columnNames: numeric.map { table.names[$0] })
    }

    /// Per-layer feature matrices from an .npz archive: one layer per array, in archive order (a
    /// 1-D array becomes one column).
    /// - Throws: `FormatError` for unreadable archives; `BrainError.shape` for an empty archive,
    ///   an array of rank above 2, or arrays with different numbers of rows.
    public static func readLayers(_ url: URL) throws -> FeatureLayers {
        let archive = try NpzFile(url: url)
        guard !archive.names.isEmpty else { throw BrainError.shape("\(url.lastPathComponent) holds no array") }
        let matrices = try archive.names.map { name -> Tensor in
            let tensor = try archive.array(named: name).tensor()
            switch tensor.rank {
            case 1: return tensor.reshaped([tensor.count, 1])
            case 2: return tensor
            default: throw BrainError.shape("\(url.lastPathComponent): array \(name) has shape \(tensor.shape); a layer must have 1 or 2 dimensions")
            }
        }
        return try FeatureLayers(names: archive.names, matrices: matrices)
    }

    /// Responses from a [stimuli, targets] matrix file; ids from `stimulusIDs`, else the file's id
    /// column, else "1"…"S".
    /// - Throws: as `read`, and `BrainError.shape` when the ids do not match the rows.
    public static func responses(_ url: URL, stimulusIDs: [String]? = nil) throws -> BrainResponses {
        let matrix = try read(url)
        let ids = stimulusIDs ?? matrix.rowIDs
        if let ids, ids.count != matrix.values.shape[0] {
            throw BrainError.shape("\(url.lastPathComponent) has \(matrix.values.shape[0]) rows but \(ids.count) stimulus ids")
        }
        return try BrainResponses(matrix: matrix.values, stimulusIDs: ids, targetNames: matrix.columnNames)
    }
}

extension StimulusTable {
    /// Reads a stimuli table (CSV or TSV with a header). The id column is `idColumn`; the text is
    /// `textColumns` joined by spaces (e.g. ds000212's background, action and outcome), or the
    /// first of "text", "sentence", "scenario" when none are given. Other columns are kept.
    /// - Throws: `FormatError` for unreadable files; `BrainError.shape` for missing columns or duplicate ids.
    public static func read(_ url: URL, idColumn: String = "item", textColumns: [String]? = nil) throws -> StimulusTable {
        let table = try Table.read(url, header: .present, textColumns: [idColumn])
        let chosen = textColumns ?? ["text", "sentence", "scenario"].first(where: table.names.contains).map { [$0] }
        guard let chosen, !chosen.isEmpty else {
            throw BrainError.shape("\(url.lastPathComponent): no text column; name one (columns: \(table.names.joined(separator: ", ")))")
        }
        for name in [idColumn] + chosen where !table.names.contains(name) {
            throw BrainError.shape("\(url.lastPathComponent): no column \"\(name)\" (columns: \(table.names.joined(separator: ", ")))")
        }
        let ids = try BIDSEvents.text(table, idColumn)
        let parts = try chosen.map { try BIDSEvents.text(table, $0) }
        let texts = (0..<table.rowCount).map { row in parts.map { $0[row] }.filter { !$0.isEmpty && $0 != "n/a" }.joined(separator: " ") }
        var others: [String: [String]] = [:]
        for name in table.names where name != idColumn && !chosen.contains(name) { others[name] = try BIDSEvents.text(table, name) }
        return try StimulusTable(ids: ids, texts: texts, columns: others)
    }
}
