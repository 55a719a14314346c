import Foundation
import Formats

extension JSONValue {
    /// The JSON document `value` encodes to. Decoded back with `JSONDecoder`, which reads every
    /// double exactly (Foundation's `JSONSerialization` on Linux can be off in the last bit).
    init<Value: Encodable>(encoding value: Value) throws {
        let data = try JSONFile.encode(value)
        self = try JSONDecoder().decode(ExactJSON.self, from: data).value
    }
}

/// A JSON document decoded through `Decodable`, so numbers keep every bit.
struct ExactJSON: Decodable {
    let value: JSONValue

    init(from decoder: Decoder) throws {
        if let container = try? decoder.container(keyedBy: AnyKey.self) {
            var members: [String: JSONValue] = [:]
            for key in container.allKeys { members[key.stringValue] = try container.decode(ExactJSON.self, forKey: key).value }
            value = .object(members)
        } else if var container = try? decoder.unkeyedContainer() {
            var items: [JSONValue] = []
            while !container.isAtEnd { items.append(try container.decode(ExactJSON.self).value) }
            value = .array(items)
        } else {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                value = .null
            } else if let flag = try? container.decode(Bool.self) {
                value = .bool(flag)
            } else if let number = try? container.decode(Double.self) {
                value = .number(number)
            } else {
                value = .string(try container.decode(String.self))
            }
        }
    }

    private struct AnyKey: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
