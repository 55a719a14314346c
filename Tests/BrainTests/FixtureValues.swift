import Foundation
import Testing
import Tensors
import TestSupport
@testable import Brain

/// Reads the JSON reference values written by `Tests/Fixtures/brain/make_fixtures.py`.
struct FixtureValues {
    let object: [String: Any]

    init(_ file: String, case key: String? = nil) throws {
        let data = try Data(contentsOf: Fixtures.url("brain/\(file)"))
        var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        if let key { object = try #require(object[key] as? [String: Any]) }
        self.object = object
    }

    func vector(_ key: String) throws -> [Double] {
        try #require(object[key] as? [NSNumber], "fixture key \(key)").map(\.doubleValue)
    }

    func scalar(_ key: String) throws -> Double {
        try #require(object[key] as? NSNumber, "fixture key \(key)").doubleValue
    }

    func rows(_ key: String) throws -> [[Double]] {
        try #require(object[key] as? [[NSNumber]], "fixture key \(key)").map { $0.map(\.doubleValue) }
    }

    func tensor(_ key: String) throws -> Tensor {
        Tensor(rows: try rows(key).map { $0.map(Float.init) })
    }

    func dense<S: BackendScalar>(_ key: String, as _: S.Type = S.self) throws -> Dense<S> {
        let rows = try rows(key)
        return Dense(rows: rows.count, columns: rows.first?.count ?? 0, values: rows.flatMap { $0.map { S($0) } })
    }

    func splits(_ key: String) throws -> [Split] {
        let list = try #require(object[key] as? [[String: [Int]]], "fixture key \(key)")
        return list.map { Split(train: $0["train"]!, test: $0["test"]!) }
    }
}

/// Largest |a − b| over two equally long sequences (∞ on a length mismatch).
func maxDifference(_ a: [Double], _ b: [Double]) -> Double {
    guard a.count == b.count else { return .infinity }
    return zip(a, b).reduce(0) { max($0, abs($1.0 - $1.1)) }
}
