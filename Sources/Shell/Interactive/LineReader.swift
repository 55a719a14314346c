import Foundation

/// What reading a line gave.
enum LineInput: Equatable {
    /// A line without its newline.
    case line(String)
    /// Ctrl-C while waiting for input.
    case interrupted
    /// No more input.
    case endOfInput
}

/// Reads standard input line by line when it is not a terminal (a pipe or a file), with no
/// prompt. Invalid UTF-8 is replaced (U+FFFD) rather than rejected, so the parser reports it.
final class LineReader {
    private var buffer: [UInt8] = []
    private var start = 0
    private var atEnd = false
    private let descriptor: Int32

    init(descriptor: Int32 = 0) { self.descriptor = descriptor }

    /// The next line, `.interrupted` on Ctrl-C while waiting, or `.endOfInput`.
    func next() -> LineInput {
        // Ctrl-C pressed during the previous statement belonged to it.
        InterruptSignal.clear()
        InterruptSignal.install(restartingCalls: false)
        defer { InterruptSignal.install(restartingCalls: true) }
        while true {
            if let newline = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) {
                defer { start = newline + 1 }
                return .line(decode(buffer[start..<newline]))
            }
            if atEnd {
                guard start < buffer.count else { return .endOfInput }
                defer { start = buffer.count }
                return .line(decode(buffer[start...]))
            }
            buffer.removeFirst(start)
            start = 0
            // A Ctrl-C between the handler's installation and the read would otherwise wait for more input.
            if InterruptSignal.isPending { return .interrupted }
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, $0.count) }
            if count > 0 {
                buffer.append(contentsOf: chunk[..<count])
            } else if count == 0 {
                atEnd = true
            } else if errno == EINTR {
                if InterruptSignal.isPending { return .interrupted }
            } else {
                atEnd = true
            }
        }
    }

    private func decode(_ bytes: ArraySlice<UInt8>) -> String {
        var line = String(decoding: bytes, as: UTF8.self)
        if line.hasSuffix("\r") { line.removeLast() }
        return line
    }
}
