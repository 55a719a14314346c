/// A value that can bound a numeric parameter and say so in help.
public protocol BoundValue: Comparable, Sendable {
    /// The value as shown in help and errors.
    var boundText: String { get }
}

extension Int: BoundValue {
    /// The integer's digits.
    public var boundText: String { String(self) }
}

extension Double: BoundValue {
    /// The number as `Format.number` prints it.
    public var boundText: String { Format.number(self, significant: 6) }
}

/// The accepted range of a numeric parameter: `.atLeast(1)`, `.greaterThan(0)`, `.between(0, 1)`.
public struct Bounds<Value: BoundValue>: Sendable {
    /// The lower limit and whether it is allowed.
    public let lower: (value: Value, inclusive: Bool)?
    /// The upper limit and whether it is allowed.
    public let upper: (value: Value, inclusive: Bool)?

    /// `value ≥ minimum`.
    public static func atLeast(_ minimum: Value) -> Bounds { Bounds(lower: (minimum, true), upper: nil) }
    /// `value > minimum`.
    public static func greaterThan(_ minimum: Value) -> Bounds { Bounds(lower: (minimum, false), upper: nil) }
    /// `value ≤ maximum`.
    public static func atMost(_ maximum: Value) -> Bounds { Bounds(lower: nil, upper: (maximum, true)) }
    /// `minimum ≤ value ≤ maximum`.
    public static func between(_ minimum: Value, _ maximum: Value) -> Bounds { Bounds(lower: (minimum, true), upper: (maximum, true)) }
    /// `minimum < value ≤ maximum`.
    public static func above(_ minimum: Value, atMost maximum: Value) -> Bounds { Bounds(lower: (minimum, false), upper: (maximum, true)) }

    /// True when `value` is within the bounds.
    public func contains(_ value: Value) -> Bool {
        if let lower, lower.inclusive ? value < lower.value : value <= lower.value { return false }
        if let upper, upper.inclusive ? value > upper.value : value >= upper.value { return false }
        return true
    }

    /// The bounds in words: `at least 1`, `greater than 0`, `between 0 and 1`.
    public var description: String {
        switch (lower, upper) {
        case let (lower?, upper?) where lower.inclusive && upper.inclusive:
            return "between \(lower.value.boundText) and \(upper.value.boundText)"
        case let (lower?, upper?):
            return "\(Self.words(lower, below: false)) and \(Self.words(upper, below: true))"
        case let (lower?, nil): return Self.words(lower, below: false)
        case let (nil, upper?): return Self.words(upper, below: true)
        case (nil, nil): return "any value"
        }
    }

    private static func words(_ limit: (value: Value, inclusive: Bool), below: Bool) -> String {
        let phrase = below ? (limit.inclusive ? "at most" : "less than") : (limit.inclusive ? "at least" : "greater than")
        return "\(phrase) \(limit.value.boundText)"
    }
}
