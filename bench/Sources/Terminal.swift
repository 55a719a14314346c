import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A program running in a pseudo-terminal, as if typed at: the benchmark's way to time an
/// interactive prompt (mindscope's, or Python's for comparison).
final class TerminalSession {
    private let master: Int32
    private let pid: pid_t
    private var pending = ""

    /// Starts `arguments` (absolute executable first) on a new terminal in `directory`.
    init(_ arguments: [String], environment: [String: String], directory: String) throws {
        // posix_openpt/unlockpt/ptsname are hidden from Swift's Glibc module; these are their
        // Linux definitions: open the multiplexer, unlock the pair, ask for its number.
        master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        var unlock: Int32 = 0
        var number: UInt32 = 0
        guard master >= 0, ioctl(master, 0x4004_5431 /* TIOCSPTLCK */, &unlock) == 0,
              ioctl(master, 0x8004_5430 /* TIOCGPTN */, &number) == 0 else {
            throw BenchError.terminal("cannot open a pseudo-terminal")
        }
        let terminalPath = "/dev/pts/\(number)"
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        // POSIX_SPAWN_SETSID (glibc's 0x80, hidden from Swift): a new session, so the terminal
        // opened below becomes the child's controlling terminal, as at a real login.
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | 0x80))
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, terminalPath, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, 0, 2)
        posix_spawn_file_actions_addclose(&actions, master)
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var child = pid_t()
        // The child starts in `directory`: change ours around the spawn (the benchmark is single-threaded here).
        let previous = FileManager.default.currentDirectoryPath
        guard chdir(directory) == 0 else { throw BenchError.terminal("cannot enter \(directory)") }
        defer { _ = chdir(previous) }
        guard posix_spawn(&child, arguments[0], &actions, &attributes, argv, envp) == 0 else {
            throw BenchError.terminal("cannot start \(arguments[0])")
        }
        pid = child
    }

    /// Reads the terminal until its output ends with `marker` (after what was read before).
    func read(until marker: String, timeout: Double = 20) throws {
        let deadline = Date().addingTimeInterval(timeout)
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !pending.hasSuffix(marker) {
            guard Date() < deadline else { throw BenchError.terminal("no '\(marker)' within \(timeout) s; got \(pending.suffix(200))") }
            var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            guard poll(&descriptor, 1, 100) > 0 else { continue }
            let count = Glibc.read(master, &buffer, buffer.count)
            guard count > 0 else { throw BenchError.terminal("the program left before '\(marker)'") }
            pending += String(decoding: buffer[..<count], as: UTF8.self)
        }
        pending = ""
    }

    /// Types `text`.
    func type(_ text: String) {
        var bytes = Array(text.utf8)
        _ = bytes.withUnsafeMutableBytes { write(master, $0.baseAddress!, $0.count) }
    }

    /// Types Ctrl-D and waits for the program to end (killing it after 5 s, which is reported).
    func quit() throws {
        usleep(100_000)  // keys typed in the very instant a prompt appears can be lost by the line editor
        type("\u{4}")
        var status: Int32 = 0
        let deadline = Date().addingTimeInterval(5)
        while waitpid(pid, &status, WNOHANG) == 0 {
            guard Date() < deadline else {
                kill(pid, SIGKILL)
                _ = waitpid(pid, &status, 0)
                close(master)
                throw BenchError.terminal("the program did not end on Ctrl-D")
            }
            var buffer = [UInt8](repeating: 0, count: 4096)
            var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            if poll(&descriptor, 1, 20) > 0 { _ = Glibc.read(master, &buffer, buffer.count) }
        }
        close(master)
    }

    /// Waits for the program to end by itself.
    func waitForExit() {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        close(master)
    }
}

enum BenchError: Error, CustomStringConvertible {
    case terminal(String)
    var description: String {
        switch self {
        case let .terminal(message): return message
        }
    }
}
