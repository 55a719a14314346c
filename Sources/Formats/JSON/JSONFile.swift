import Foundation

/// JSON files through Foundation's `Codable`, with errors in `FormatError` terms and
/// deterministic output (pretty, sorted keys, no escaped slashes).
public enum JSONFile {
    /// Decodes the JSON file at `url` as `T`.
    /// - Throws: `FormatError.fileNotFound`, `.readFailed`, or `.invalidJSON` naming the coding
    ///   path that failed (e.g. `hidden_size: expected Int, found a string`).
    public static func decode<T: Decodable>(_ type: T.Type, from url: URL) throws -> T {
        try decode(type, from: FileReading.data(url), path: displayPath(url))
    }

    /// Decodes JSON `data` as `T`; `path` names the source in errors.
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data, path: String) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch {
            throw FormatError.invalidJSON(path: path, reason: describe(error))
        }
    }

    /// Encodes `value` as pretty JSON with sorted keys and a final newline.
    /// - Throws: `FormatError.nonFiniteNumber` when a Float or Double is NaN or infinite (JSON
    ///   has no spelling for them; map them to `nil` first, or use `JSONValue` with `.null`).
    public static func encode<T: Encodable>(_ value: T, path: String = "JSON") throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            var data = try encoder.encode(value)
            data.append(0x0A)
            return data
        } catch EncodingError.invalidValue(_, let context) {
            throw FormatError.nonFiniteNumber(path: path, location: location(context.codingPath))
        }
    }

    /// Encodes `value` (see `encode`) and writes it to `url` atomically.
    public static func write<T: Encodable>(_ value: T, to url: URL) throws {
        try AtomicFile.write(encode(value, path: displayPath(url)), to: url)
    }

    /// The JSON file at `url`, parsed into a `JSONValue`.
    public static func read(_ url: URL) throws -> JSONValue {
        try JSONValue.parse(FileReading.data(url), path: displayPath(url))
    }

    /// The top-level object of the JSON file at `url`, as `JSONSerialization` returns it.
    static func readObject(_ url: URL) throws -> [String: Any] {
        let path = displayPath(url)
        let data = try FileReading.data(url)
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw FormatError.invalidJSON(path: path, reason: describe(error))
        }
        guard let dictionary = object as? [String: Any] else {
            throw FormatError.invalidJSON(path: path, reason: "the top level is not an object")
        }
        return dictionary
    }

    /// A JSON or decoding error in one short phrase, with the coding path where there is one.
    static func describe(_ error: Error) -> String {
        switch error {
        case DecodingError.typeMismatch(let type, let context):
            return "\(location(context.codingPath)): expected \(type)" + detail(context)
        case DecodingError.valueNotFound(let type, let context):
            return "\(location(context.codingPath)): expected \(type), found null"
        case DecodingError.keyNotFound(let key, let context):
            return "\(location(context.codingPath + [key])): required key is missing"
        case DecodingError.dataCorrupted(let context):
            let underlying = context.underlyingError.map { describe($0) }
            return underlying ?? "\(location(context.codingPath)): \(context.debugDescription)"
        default:
            let info = (error as NSError).userInfo
            return (info[NSDebugDescriptionErrorKey] as? String) ?? error.localizedDescription
        }
    }

    private static func detail(_ context: DecodingError.Context) -> String {
        context.debugDescription.isEmpty ? "" : " (\(context.debugDescription))"
    }

    /// `$.a.b[2]` for a coding path.
    static func location(_ path: [CodingKey]) -> String {
        path.reduce("$") { text, key in
            if let index = key.intValue { return text + "[\(index)]" }
            return text + "." + key.stringValue
        }
    }
}
