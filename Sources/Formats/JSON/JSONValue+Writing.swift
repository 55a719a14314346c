import Foundation

extension JSONValue {
    /// Pretty, deterministic JSON text: keys sorted, two-space indentation, arrays of scalars on
    /// one line, integral numbers below 2⁵³ without a fraction, others in the shortest form that
    /// reads back to the same Double. Ends with a newline.
    /// - Parameters:
    ///   - nonFinite: what to do with NaN and ±infinity.
    ///   - path: the file or label named in errors.
    /// - Throws: `FormatError.nonFiniteNumber` under the `.error` policy, naming the location
    ///   (e.g. `$.scores[3]`).
    public func prettyPrinted(nonFinite: NonFinitePolicy = .error, path: String = "JSON") throws -> String {
        var output = ""
        try write(into: &output, indent: "", location: "$", nonFinite: nonFinite, path: path)
        return output + "\n"
    }

    /// Writes the pretty JSON text to `url` atomically.
    /// - Throws: `FormatError.nonFiniteNumber` or `.writeFailed`.
    public func write(to url: URL, nonFinite: NonFinitePolicy = .error) throws {
        let text = try prettyPrinted(nonFinite: nonFinite, path: displayPath(url))
        try AtomicFile.write(Data(text.utf8), to: url)
    }

    private var isScalar: Bool {
        switch self {
        case .array, .object: return false
        case .null, .bool, .number, .string: return true
        }
    }

    private func write(into output: inout String, indent: String, location: String,
                       nonFinite: NonFinitePolicy, path: String) throws {
        switch self {
        case .null: output += "null"
        case .bool(let value): output += value ? "true" : "false"
        case .number(let value):
            if value.isFinite {
                output += Self.format(value)
            } else if nonFinite == .null {
                output += "null"
            } else {
                throw FormatError.nonFiniteNumber(path: path, location: location)
            }
        case .string(let text): Self.appendQuoted(text, to: &output)
        case .array(let elements):
            if elements.isEmpty { output += "[]"; return }
            let inline = elements.allSatisfy(\.isScalar)
            let inner = indent + "  "
            output += inline ? "[" : "[\n"
            for (index, element) in elements.enumerated() {
                if !inline { output += inner }
                try element.write(into: &output, indent: inner, location: "\(location)[\(index)]", nonFinite: nonFinite, path: path)
                if index < elements.count - 1 { output += inline ? ", " : ",\n" }
            }
            output += inline ? "]" : "\n\(indent)]"
        case .object(let members):
            if members.isEmpty { output += "{}"; return }
            let inner = indent + "  "
            output += "{\n"
            for (index, (key, value)) in members.sorted(by: { $0.key < $1.key }).enumerated() {
                output += inner
                Self.appendQuoted(key, to: &output)
                output += ": "
                try value.write(into: &output, indent: inner, location: "\(location).\(key)", nonFinite: nonFinite, path: path)
                output += index < members.count - 1 ? ",\n" : "\n"
            }
            output += "\(indent)}"
        }
    }

    /// Integral values below 2⁵³ as integers; everything else in Swift's shortest round-trip form.
    static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 0x1p53 { return String(Int64(value)) }
        return "\(value)"
    }

    /// Appends `text` as a JSON string literal (control characters escaped, the rest verbatim UTF-8).
    static func appendQuoted(_ text: String, to output: inout String) {
        output += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            case let control where control.value < 0x20:
                output += String(format: "\\u%04x", control.value)
            default: output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }
}
