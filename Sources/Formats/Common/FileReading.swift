import Foundation

/// Reading whole files into memory with errors in `FormatError` terms.
enum FileReading {
    /// The bytes of the file at `url`.
    /// - Throws: `FormatError.fileNotFound` or `.readFailed`.
    static func data(_ url: URL) throws -> Data {
        let path = displayPath(url)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw FormatError.fileNotFound(path: path)
        }
        guard !isDirectory.boolValue else { throw FormatError.readFailed(path: path, reason: "is a directory") }
        do {
            return try Data(contentsOf: url)
        } catch {
            throw FormatError.readFailed(path: path, reason: error.localizedDescription)
        }
    }
}
