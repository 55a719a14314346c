import Foundation

/// A numpy .npz archive: a zip file whose members `NAME.npy` each hold one array.
///
/// Opening reads and checks every member (zip structure, CRC-32, .npy header and size), so a
/// damaged archive fails at once rather than half-way through an analysis. Members that are not
/// `.npy` files are refused rather than skipped.
public struct NpzFile: Sendable {
    /// The archive, for messages.
    public let path: String
    /// Array names (member names without `.npy`), in archive order.
    public let names: [String]
    /// The arrays by name.
    public let arrays: [String: NpyArray]

    /// Reads the archive at `url`.
    /// - Throws: `FormatError` naming the archive (and member) and what is wrong.
    public init(url: URL) throws {
        let archive = try ZipArchive(url: url)
        var names: [String] = []
        var arrays: [String: NpyArray] = [:]
        for entry in archive.entries {
            guard entry.name.hasSuffix(".npy") else {
                throw FormatError.corruptArchive(path: archive.path, reason: "member '\(entry.name)' is not a .npy file")
            }
            let name = String(entry.name.dropLast(4))
            arrays[name] = try Npy.decode(archive.contents(of: entry), path: "\(archive.path):\(entry.name)")
            names.append(name)
        }
        self.path = archive.path
        self.names = names
        self.arrays = arrays
    }

    /// The array called `name`.
    /// - Throws: `FormatError.notFound` listing the nearest names.
    public func array(named name: String) throws -> NpyArray {
        guard let array = arrays[name] else {
            throw FormatError.notFound(path: path, kind: .array, name: name, available: names)
        }
        return array
    }

    /// Writes `arrays` (name → array) as an .npz archive at `url`, atomically, members in the
    /// given order. `compressed: true` deflates each member like `numpy.savez_compressed`;
    /// `false` stores them like `numpy.savez`.
    /// - Throws: `FormatError.duplicateName`, `.invalidArgument` (empty name), `.writeFailed`.
    public static func write(_ arrays: [(name: String, array: NpyArray)], to url: URL, compressed: Bool = false) throws {
        try write(arrays, to: url, compressed: compressed, forceZip64: false)
    }

    /// `write` with zip64 records forced on, so tests can exercise them without 4 GiB files.
    static func write(_ arrays: [(name: String, array: NpyArray)], to url: URL, compressed: Bool, forceZip64: Bool) throws {
        let path = displayPath(url)
        if arrays.contains(where: { $0.name.isEmpty }) { throw FormatError.invalidArgument(path: path, reason: "an array name is empty") }
        try AtomicFile.write(to: url) { sink in
            var writer = ZipWriter(path: path, forceZip64: forceZip64)
            for (name, array) in arrays {
                try writer.add(name: name + ".npy", contents: Npy.encode(array), compress: compressed, to: &sink)
            }
            try writer.finish(to: &sink)
        }
    }
}
