import Foundation

/// Writes files atomically: the bytes go to a temporary file in the destination's directory,
/// which is flushed to disk and then renamed over the destination. A reader therefore sees the
/// old file or the complete new one, never a partial write, and a failed write leaves the old
/// file untouched. Parent directories are created as needed.
public enum AtomicFile {
    /// Writes `data` to `url` atomically.
    /// - Throws: `FormatError.writeFailed` naming the step that failed.
    public static func write(_ data: Data, to url: URL) throws {
        try write(to: url) { sink in try sink.write(data) }
    }

    /// Streams a file to `url` atomically: `body` writes through the sink; when it returns the
    /// file is flushed and renamed into place. When `body` throws, the temporary file is removed
    /// and the error is rethrown.
    /// - Throws: `FormatError.writeFailed`, or whatever `body` throws.
    public static func write(to url: URL, _ body: (inout FileSink) throws -> Void) throws {
        let path = displayPath(url)
        let directory = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw FormatError.writeFailed(path: path, reason: "cannot create directory \(directory.path): \(error.localizedDescription)")
        }
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(UInt64.random(in: 0...UInt64.max)).tmp")
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw FormatError.writeFailed(path: path, reason: "cannot create a temporary file: \(systemError())")
        }
        var sink = FileSink(descriptor: descriptor, path: path)
        do {
            try body(&sink)
            try sink.flush()
            guard fsync(descriptor) == 0 else { throw FormatError.writeFailed(path: path, reason: "fsync: \(systemError())") }
            guard close(descriptor) == 0 else { throw FormatError.writeFailed(path: path, reason: "close: \(systemError())") }
            sink.isClosed = true
            guard rename(temporary.path, url.path) == 0 else {
                throw FormatError.writeFailed(path: path, reason: "rename: \(systemError())")
            }
        } catch {
            if !sink.isClosed { close(descriptor) }
            unlink(temporary.path)
            throw error
        }
    }
}

/// A buffered byte sink over the temporary file of an `AtomicFile` write.
public struct FileSink {
    private let descriptor: Int32
    private let path: String
    private var buffer: [UInt8] = []
    fileprivate var isClosed = false
    /// Writes shorter than this are collected before reaching the file.
    private static let bufferSize = 1 << 18

    fileprivate init(descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
        buffer.reserveCapacity(Self.bufferSize)
    }

    /// Bytes written so far (buffered or not).
    public private(set) var byteCount = 0

    /// Appends raw bytes.
    /// - Throws: `FormatError.writeFailed` when the OS refuses the write.
    public mutating func write(_ bytes: UnsafeRawBufferPointer) throws {
        byteCount += bytes.count
        if buffer.count + bytes.count <= Self.bufferSize {
            buffer.append(contentsOf: bytes)
            return
        }
        try flush()
        if bytes.count < Self.bufferSize { buffer.append(contentsOf: bytes) } else { try writeFully(bytes) }
    }

    /// Appends the bytes of `data`.
    public mutating func write(_ data: Data) throws {
        try data.withUnsafeBytes { try write($0) }
    }

    /// Appends `text` as UTF-8.
    public mutating func write(_ text: String) throws {
        var text = text
        try text.withUTF8 { try write(UnsafeRawBufferPointer($0)) }
    }

    /// Appends `bytes`.
    public mutating func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    /// Sends buffered bytes to the file.
    mutating func flush() throws {
        guard !buffer.isEmpty else { return }
        try buffer.withUnsafeBytes { try writeFully($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    private func writeFully(_ bytes: UnsafeRawBufferPointer) throws {
        var done = 0
        while done < bytes.count {
            let written = Foundation.write(descriptor, bytes.baseAddress! + done, bytes.count - done)
            if written < 0 {
                if errno == EINTR { continue }
                throw FormatError.writeFailed(path: path, reason: systemError())
            }
            done += written
        }
    }
}

/// The path as the caller spelled it (relative paths stay relative), for messages.
func displayPath(_ url: URL) -> String { url.isFileURL ? url.relativePath : url.absoluteString }

/// The current `errno` in words.
func systemError() -> String { String(cString: strerror(errno)) }
