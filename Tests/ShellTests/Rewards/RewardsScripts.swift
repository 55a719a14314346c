import Foundation
import Formats
@testable import Shell
import Testing

/// Runs Rewards statements through the built `mindscope` binary, as a user would with
/// `mindscope run FILE`, and reads what they wrote.
struct RewardsScript {
    let directory: URL

    init() { directory = Binary.directory() }

    /// Writes `statements` (one per line) to `name` and runs it with `mindscope run`.
    @discardableResult
    func run(_ statements: [String], name: String = "script.msc", session: String = "rewards") throws -> Binary.Result {
        try Data((statements.joined(separator: "\n") + "\n").utf8).write(to: url(name))
        return try Binary.run(["run", name, "--session", session], in: directory)
    }

    /// Runs `statements` and requires that they all succeed, returning standard output.
    func output(_ statements: [String]) throws -> String {
        let result = try run(statements)
        try #require(result.status == 0, "status \(result.status): \(result.standardError)")
        #expect(result.standardError.isEmpty, "\(result.standardError)")
        return result.standardOutput
    }

    /// Runs `statements`, requires that the last one fails, and returns its error report.
    func failure(_ statements: [String]) throws -> String {
        let result = try run(statements)
        #expect(result.status == 1, "expected the last statement to fail: \(result.standardOutput)")
        return result.standardError
    }

    /// A path in the test's directory.
    func url(_ name: String) -> URL { directory.appendingPathComponent(name) }

    /// A JSON file written by `export`, with every double read exactly (`JSONFile.read` goes
    /// through `JSONSerialization`, which on Linux can be off in the last bit).
    func json(_ name: String) throws -> JSONValue {
        try JSONDecoder().decode(ExactJSON.self, from: Data(contentsOf: url(name))).value
    }

    /// A CSV file written by `export`.
    func table(_ name: String) throws -> Table { try Table.read(url(name)) }

    /// Writes an npz file of float64 arrays (`shape` [] for a scalar).
    func writeNpz(_ name: String, _ arrays: [(String, [Double], [Int])]) throws {
        try NpzFile.write(arrays.map { (name: $0.0, array: NpyArray(.float64($0.1), shape: $0.2)) }, to: url(name))
    }
}

extension JSONValue {
    /// The number this value holds (nil for other values).
    var number: Double? {
        if case let .number(value) = self { return value }
        return nil
    }

    /// The keys of an object (empty for other values), sorted.
    var keys: [String] {
        if case let .object(members) = self { return members.keys.sorted() }
        return []
    }
}

/// True when `a` and `b` agree to `relative` of their size (or both are NaN). Numbers made
/// through BLAS or LAPACK in the `mindscope` process can differ in the last bits from the same
/// computation in the test process, which may run other OpenBLAS kernels.
func close(_ a: Double?, _ b: Double?, relative: Double = 1e-10) -> Bool {
    guard let a, let b else { return false }
    if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
    return abs(a - b) <= relative * max(1, abs(a), abs(b))
}

/// `close` for arrays of equal length.
func close(_ a: [Double], _ b: [Double], relative: Double = 1e-10) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { close($0, $1, relative: relative) }
}
