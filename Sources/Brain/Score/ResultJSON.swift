import Foundation

/// A JSON value with ordered object keys, so exported results read in a stable, documented order.
/// Non-finite numbers are written as `null` (JSON has no NaN).
public indirect enum ResultJSON: Equatable, Sendable {
    /// A number (NaN and ±∞ are written as null).
    case number(Double)
    /// An integer.
    case integer(Int)
    /// A string.
    case string(String)
    /// A boolean.
    case bool(Bool)
    /// An array.
    case array([ResultJSON])
    /// An object whose keys keep their order.
    case object([(String, ResultJSON)])
    /// null.
    case null

    /// Equal when the texts are equal.
    public static func == (lhs: ResultJSON, rhs: ResultJSON) -> Bool { lhs.text == rhs.text }

    /// A number array (NaN → null).
    static func numbers(_ values: [Double]) -> ResultJSON { .array(values.map { .number($0) }) }

    /// The value of `key` in an object.
    public subscript(key: String) -> ResultJSON? {
        if case let .object(pairs) = self { return pairs.first { $0.0 == key }?.1 }
        return nil
    }

    /// Compact JSON text.
    public var text: String {
        var out = ""
        write(to: &out)
        return out
    }

    private func write(to out: inout String) {
        switch self {
        case let .number(value):
            if !value.isFinite { out += "null" } else if value == value.rounded(), abs(value) < 1e15 { out += String(Int(value)) } else { out += "\(value)" }
        case let .integer(value): out += String(value)
        case let .string(value): out += Self.quoted(value)
        case let .bool(value): out += value ? "true" : "false"
        case .null: out += "null"
        case let .array(values):
            out += "["
            for (index, value) in values.enumerated() { if index > 0 { out += "," }; value.write(to: &out) }
            out += "]"
        case let .object(pairs):
            out += "{"
            for (index, (key, value)) in pairs.enumerated() {
                if index > 0 { out += "," }
                out += Self.quoted(key) + ":"
                value.write(to: &out)
            }
            out += "}"
        }
    }

    private static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 { out += String(format: "\\u%04x", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }
}
