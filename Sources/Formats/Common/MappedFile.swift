import Foundation

/// A whole file mapped into memory, copy-on-write (`MAP_PRIVATE`), for zero-copy reading.
///
/// Tensors made from the mapping keep this object alive through their storage's owner, so the
/// mapping lasts as long as any tensor that borrows it. Writes through such a tensor land in
/// private pages and never reach the file. If another process truncates the file while it is
/// mapped, reading the lost pages faults: do not rewrite files that are open for reading.
public final class MappedFile: @unchecked Sendable {
    /// The file, for messages.
    public let path: String
    /// Size of the file in bytes.
    public let size: Int
    /// Start of the mapping (nil for an empty file, which cannot be mapped).
    private let base: UnsafeMutableRawPointer?

    /// Maps the file at `url`.
    /// - Throws: `FormatError.fileNotFound`, or `.readFailed` when it is not a regular file or
    ///   cannot be opened or mapped.
    public init(url: URL) throws {
        path = displayPath(url)
        let descriptor = open(url.path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno == ENOENT { throw FormatError.fileNotFound(path: path) }
            throw FormatError.readFailed(path: path, reason: systemError())
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw FormatError.readFailed(path: path, reason: systemError()) }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            throw FormatError.readFailed(path: path, reason: "not a regular file")
        }
        size = Int(status.st_size)
        guard size > 0 else { base = nil; return }
        let address = mmap(nil, size, PROT_READ | PROT_WRITE, MAP_PRIVATE, descriptor, 0)
        guard let address, address != MAP_FAILED else {
            throw FormatError.readFailed(path: path, reason: "mmap: \(systemError())")
        }
        base = address
    }

    deinit {
        if let base { munmap(base, size) }
    }

    /// The file's bytes; valid while this object lives.
    public var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: size) }

    /// Writable pointer to byte `offset` (writes stay private to this process).
    public func mutableAddress(at offset: Int) -> UnsafeMutableRawPointer? { base.map { $0 + offset } }
}
