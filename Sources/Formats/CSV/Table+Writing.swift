import Foundation

extension Table {
    /// The header row followed by each row's cells as text (numbers via `Table.format`).
    /// - Parameter missing: the text for NaN cells ("" by default; BIDS files use "n/a").
    public func textRows(missing: String = "") -> [[String]] {
        var rows = [names]
        rows.reserveCapacity(rowCount + 1)
        for row in 0..<rowCount {
            rows.append(columns.map { column in
                switch column {
                case .numbers(let values): return Self.format(values[row], missing: missing)
                case .strings(let values): return values[row]
                }
            })
        }
        return rows
    }

    /// The table as CSV/TSV text (see `CSV.encode`).
    public func encoded(delimiter: CSV.Delimiter = .comma, missing: String = "") -> String {
        CSV.encode(textRows(missing: missing), delimiter: delimiter)
    }

    /// Writes the table to `url` atomically; the delimiter follows the extension unless given,
    /// and missing numbers are written as "n/a" in TSV files (the BIDS convention) and as "" otherwise.
    /// - Throws: `FormatError.writeFailed`.
    public func write(to url: URL, delimiter: CSV.Delimiter? = nil, missing: String? = nil) throws {
        let delimiter = delimiter ?? .forFile(url)
        let missing = missing ?? (delimiter == .tab ? "n/a" : "")
        try AtomicFile.write(Data(encoded(delimiter: delimiter, missing: missing).utf8), to: url)
    }
}
