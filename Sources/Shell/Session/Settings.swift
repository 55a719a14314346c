import Foundation
import Tensors

/// The session settings changed by `set`: seed, threads, where figures and transcripts go.
public struct Settings: Sendable, Equatable {
    /// The session seed: commands draw their random streams from it (see `CommandContext.makeRNG`).
    public var seed: UInt64 = 0
    /// Threads for parallel loops and OpenBLAS.
    public var threads: Int = Parallel.threadCount
    /// Where `plot` writes figures (relative to the working directory unless absolute).
    public var plotsDirectory: String = "plots"
    /// Where transcripts are written.
    public var sessionsDirectory: String = "sessions"

    /// Default settings.
    public init() {}

    /// The figures directory as a URL.
    public var plotsURL: URL { URL(fileURLWithPath: Convert.expandingTilde(plotsDirectory)) }
    /// The transcripts directory as a URL.
    public var sessionsURL: URL { URL(fileURLWithPath: Convert.expandingTilde(sessionsDirectory)) }
}
