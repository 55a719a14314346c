import Foundation
import Testing
import TestSupport

/// Paths the model-area tests use: the fixtures, and the default model the setup script installs
/// at the repository root.
enum ModelsTestPaths {
    /// The repository root (two levels above `Tests/Fixtures`).
    static let repositoryRoot = Fixtures.directory.deletingLastPathComponent().deletingLastPathComponent()
    /// The real all-MiniLM-L6-v2 installed by `scripts/setup`.
    static let miniLM = repositoryRoot.appendingPathComponent("models/all-MiniLM-L6-v2")
    /// A GPT-2 with 2 layers, hidden 32, and the byte-level BPE fixture tokenizer.
    static let gpt2 = Fixtures.url("shell/tiny-gpt2-bpe")
    /// A GPT-NeoX with 2 layers, hidden 32, and the same tokenizer.
    static let gptNeoX = Fixtures.url("shell/tiny-gpt-neox-bpe")
    /// The Debian fortunes installed by `scripts/setup` (fortunes-min).
    static let fortunes = URL(fileURLWithPath: "/usr/share/games/fortunes/fortunes")

    /// The MiniLM directory, or a failed test saying how to install it.
    static func requireMiniLM() throws -> URL {
        try #require(FileManager.default.fileExists(atPath: miniLM.appendingPathComponent("model.safetensors").path),
                     "the default model is missing at \(miniLM.path); run scripts/setup")
        return miniLM
    }
}

/// Runs model-verb scripts through the built `mindscope`, as a user would.
enum ModelScripts {
    /// Writes `lines` as `script.msc` in `directory` and runs `mindscope run script.msc --session NAME` there.
    static func run(_ lines: [String], in directory: URL, session: String = "models") throws -> Binary.Result {
        let script = directory.appendingPathComponent("script.msc")
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: script)
        return try Binary.run(["run", "script.msc", "--session", session], in: directory)
    }

    /// Writes `text` to `name` in `directory` and returns its path.
    @discardableResult
    static func write(_ text: String, _ name: String, in directory: URL) throws -> String {
        let url = directory.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    /// A JSON file in `directory`, parsed.
    static func json(_ name: String, in directory: URL) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appendingPathComponent(name)))
    }
}
