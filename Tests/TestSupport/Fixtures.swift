import Foundation

/// Locates files in `Tests/Fixtures/`, which the tests carry with them (no `../shared`).
public enum Fixtures {
    /// The `Tests/Fixtures` directory of this checkout.
    public static let directory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// The URL of a fixture file, e.g. `Fixtures.url("minilm/expected.safetensors")`.
    public static func url(_ relativePath: String) -> URL { directory.appendingPathComponent(relativePath) }

    /// A fresh temporary directory for a test, removed by the caller (or left in /tmp).
    public static func temporaryDirectory(_ label: String = "mindscope-test") -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(label)-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
