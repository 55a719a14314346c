/// Progress reporting and cooperative cancellation for long loops (folds, layers, permutations).
///
/// Library code calls `step()` after each unit of work and `checkCancelled()` between units; a
/// shell passes closures that draw a progress bar and read a Ctrl-C flag. Both default to doing
/// nothing, so tests and scripts need not care.
public struct RunControl: Sendable {
    /// Called with (units done, units in total) after each unit of work.
    public var progress: @Sendable (_ done: Int, _ total: Int) -> Void
    /// Returns true when the caller wants the work to stop; checked between units.
    public var isCancelled: @Sendable () -> Bool

    /// A control with the given callbacks.
    public init(progress: @escaping @Sendable (_ done: Int, _ total: Int) -> Void = { _, _ in },
                isCancelled: @escaping @Sendable () -> Bool = { false }) {
        self.progress = progress
        self.isCancelled = isCancelled
    }

    /// No progress reports, never cancelled.
    public static let silent = RunControl()

    /// Throws `BrainError.cancelled` when cancellation was requested.
    public func checkCancelled() throws {
        if isCancelled() { throw BrainError.cancelled }
    }
}
