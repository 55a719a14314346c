import Foundation

/// File-name completion: the entries of the directory named so far whose names start with what
/// follows the last `/`; directories end in `/`, hidden entries only when the name starts with `.`.
enum PathCompletion {
    static func candidates(for partial: String, extensions: [String]) -> [CompletionCandidate] {
        let slash = partial.lastIndex(of: "/")
        let directoryPart = slash.map { String(partial[...$0]) } ?? ""
        let namePrefix = slash.map { String(partial[partial.index(after: $0)...]) } ?? partial
        let directory = directoryPart.isEmpty ? "." : Convert.expandingTilde(directoryPart)
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
        var candidates: [CompletionCandidate] = []
        for entry in entries where entry.hasPrefix(namePrefix) && (namePrefix.hasPrefix(".") || !entry.hasPrefix(".")) {
            var isDirectory: ObjCBool = false
            let path = (directory as NSString).appendingPathComponent(entry)
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                candidates.append(CompletionCandidate(text: directoryPart + entry + "/", suffix: ""))
            } else if extensions.isEmpty || extensions.contains((entry as NSString).pathExtension.lowercased()) {
                candidates.append(CompletionCandidate(text: directoryPart + entry, suffix: " "))
            }
        }
        return candidates
    }
}
