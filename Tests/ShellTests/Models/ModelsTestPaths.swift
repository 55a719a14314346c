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
