import Synchronization

/// The one cancellation API: Ctrl-C sets a flag that long loops poll.
///
/// A loop checks `isCancelled` (or calls `try checkpoint()`) every step or so and stops cleanly:
/// either `throw Interrupted()` (nothing is stored) or return `.interrupted(keeping: partial)`
/// to keep the state reached (a training run). Library code, which cannot import Shell, takes a
/// `() -> Bool` closure; the adapter passes `{ context.cancellation.isCancelled }`.
public final class Cancellation: Sendable {
    private let requested = Atomic<Bool>(false)
    /// Whether SIGINT counts (false for in-process sessions that did not install the handler).
    private let followsSignal: Bool

    /// A cancellation flag; with `followsSignal` Ctrl-C sets it.
    public init(followsSignal: Bool) { self.followsSignal = followsSignal }

    /// True once Ctrl-C was pressed (or `cancel()` called) during the current statement.
    public var isCancelled: Bool {
        requested.load(ordering: .relaxed) || (followsSignal && InterruptSignal.isPending)
    }

    /// Throws `Interrupted` when cancelled.
    public func checkpoint() throws {
        if isCancelled { throw Interrupted() }
    }

    /// Requests cancellation (as Ctrl-C does).
    public func cancel() { requested.store(true, ordering: .relaxed) }

    /// Clears the flag before the next statement.
    func reset() {
        requested.store(false, ordering: .relaxed)
        if followsSignal { InterruptSignal.clear() }
    }
}

/// Thrown by a command that stops on Ctrl-C without a result to keep; the statement ends with
/// `interrupted` and the workspace is unchanged.
public struct Interrupted: Error, Sendable {
    /// The error.
    public init() {}
}
