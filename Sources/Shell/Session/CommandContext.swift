import Foundation
import Tensors

/// What a handler gets besides its arguments: settings, printer, progress, cancellation,
/// random streams and figure paths. A handler never touches the workspace directly; it
/// returns what to store in its `CommandResult`.
public final class CommandContext {
    /// The session settings (seed, threads, plots and sessions directories).
    public let settings: Settings
    /// The printer: text and tables go to standard output and into the transcript.
    public let output: Output
    /// Progress bars for long work.
    public let progress: ProgressReporter
    /// The Ctrl-C flag long loops poll.
    public let cancellation: Cancellation
    /// The statement being run, as written (e.g. for provenance in written files).
    public let statement: String
    /// The session: reached only by the core commands of this module.
    unowned let session: Session
    private(set) var randomStreamsTaken = 0
    private(set) var figures: [URL] = []

    init(session: Session, statement: String) {
        self.session = session
        settings = session.settings
        output = session.output
        progress = session.progress
        cancellation = session.cancellation
        self.statement = statement
    }

    /// The next random stream of the session: stream n of the session seed, where n counts the
    /// streams taken by earlier successful statements since the seed was set. Replaying the
    /// same statements from the same seed gives the same streams.
    public func makeRNG() -> SeededRNG {
        defer { randomStreamsTaken += 1 }
        return SeededRNG(seed: settings.seed).derived(UInt64(session.randomStreamsUsed + randomStreamsTaken))
    }

    /// A generator from an explicit `seed=` option when given, else `makeRNG()`.
    public func rng(seed: Int?) -> SeededRNG {
        seed.map { SeededRNG(seed: UInt64($0)) } ?? makeRNG()
    }

    /// The default path of the next figure: `PLOTS/<session>-<n>-<kind>.png`.
    public func figureURL(kind: String) -> URL {
        let number = session.figuresWritten + figures.count + 1
        return settings.plotsURL.appendingPathComponent("\(session.name)-\(number)-\(kind).png")
    }

    /// Records that the statement wrote the figure at `url`, so the transcript links it.
    public func recordFigure(_ url: URL) { figures.append(url) }
}
