import Foundation
import Formats
import Testing
import Tensors

/// Small feature and response files for the brain verbs' tests, written into a test directory,
/// and helpers to run scripts through the binary.
enum BrainFiles {
    /// Stimuli and targets of the standard files.
    static let stimuli = 40, targets = 12

    /// A seeded [rows, columns] matrix of standard normal numbers.
    static func normal(_ rows: Int, _ columns: Int, seed: UInt64) -> Tensor {
        var rng = SeededRNG(seed: seed)
        return Tensor.randomNormal([rows, columns], rng: &rng)
    }

    /// Four layers of 6 features where layer k+1 is a noisy copy of layer k (a smooth layer profile).
    static func layers() -> [Tensor] {
        var layers = [normal(stimuli, 6, seed: 1)]
        for k in 1..<4 { layers.append(layers[k - 1] * 0.6 + normal(stimuli, 6, seed: UInt64(10 + k)) * 0.8) }
        return layers
    }

    /// Responses: a linear map of layer 2 plus noise, [stimuli, targets].
    static func responses() -> Tensor {
        let signal = matmul(layers()[2], normal(6, targets, seed: 3))
        return signal + normal(stimuli, targets, seed: 4) * 2
    }

    /// Writes `features.npy` (layer 2), `layers.npz` (all four), `responses.npy`,
    /// `responses.csv` (with an id column s1…sS) and `stimuli.csv` (id, text, story).
    static func write(in directory: URL) throws {
        let all = layers()
        try Npy.write(NpyArray(all[2]), to: directory.appendingPathComponent("features.npy"))
        try NpzFile.write(all.enumerated().map { ("block\($0.offset)", NpyArray($0.element)) }, to: directory.appendingPathComponent("layers.npz"))
        let y = responses()
        try Npy.write(NpyArray(y), to: directory.appendingPathComponent("responses.npy"))
        try table(y, ids: ids()).write(to: directory.appendingPathComponent("responses.csv"))
        let stories = (0..<stimuli).map { "story\($0 / 4)" }
        try Table(names: ["id", "text", "story"], columns: [.strings(ids()), .strings((1...stimuli).map { "scenario number \($0)." }), .strings(stories)])
            .write(to: directory.appendingPathComponent("stimuli.csv"))
    }

    /// `s1` … `sS`.
    static func ids(_ count: Int = stimuli) -> [String] { (1...count).map { "s\($0)" } }

    /// A matrix as a table with a leading id column and targets t0…
    static func table(_ matrix: Tensor, ids: [String]) throws -> Table {
        let (rows, columns) = (matrix.shape[0], matrix.shape[1])
        let values = matrix.scalars
        return try Table(names: ["id"] + (0..<columns).map { "t\($0)" },
                         columns: [.strings(ids)] + (0..<columns).map { j in .numbers((0..<rows).map { Double(values[$0 * columns + j]) }) })
    }

    /// Runs `statements` (one per line) as a script through the binary in `directory`.
    static func run(_ statements: String, in directory: URL, session: String = "brain") throws -> Binary.Result {
        let script = directory.appendingPathComponent("\(session).msc")
        try Data(statements.utf8).write(to: script)
        return try Binary.run(["run", script.lastPathComponent, "--session", session], in: directory)
    }

    /// A fresh directory with the standard files.
    static func directory() throws -> URL {
        let directory = Binary.directory()
        try write(in: directory)
        return directory
    }

    /// `text` with every run of spaces made one space (table rows compare by their cells).
    static func squeezed(_ text: String) -> String {
        text.replacingOccurrences(of: " {2,}", with: " ", options: .regularExpression)
    }

    /// The exported JSON file `name` in `directory`.
    static func json(_ name: String, in directory: URL) throws -> JSONValue {
        try JSONFile.read(directory.appendingPathComponent(name))
    }
}

extension JSONValue {
    /// The numbers of an array (null as NaN).
    var numbers: [Double]? {
        guard case let .array(items) = self else { return nil }
        return items.map { item in
            if case let .number(value) = item { return value }
            return .nan
        }
    }

    /// The keys of an object, unordered (`number` and the sorted `keys` are in the Rewards tests' helpers).
    var keySet: Set<String> {
        if case let .object(members) = self { return Set(members.keys) }
        return []
    }

    /// Element `index` of an array.
    subscript(index: Int) -> JSONValue? {
        if case let .array(items) = self, items.indices.contains(index) { return items[index] }
        return nil
    }
}
