import Dispatch
import Synchronization

/// The one progress API: `context.progress.start(...)` returns a task that long work advances.
/// The bar goes to standard error when it is a terminal — fraction, count, rate and ETA — and
/// never into transcripts or pipes.
///
///     let task = context.progress.start("training", total: steps, unit: "steps")
///     defer { task.finish() }
///     for step in 0..<steps { ...; task.advance() }
public final class ProgressReporter: Sendable {
    let statusLine: StatusLine
    private let clock: @Sendable () -> Double

    /// A reporter drawing on `statusLine`; `clock` gives seconds (monotonic).
    public init(statusLine: StatusLine, clock: @escaping @Sendable () -> Double = ProgressReporter.monotonicSeconds) {
        self.statusLine = statusLine
        self.clock = clock
    }

    /// Starts a task of `total` units (nil when the total is unknown).
    public func start(_ label: String, total: Int?, unit: String = "steps") -> ProgressTask {
        ProgressTask(label: label, total: total, unit: unit, statusLine: statusLine, clock: clock)
    }

    /// Seconds since an arbitrary fixed point, from the monotonic clock.
    public static func monotonicSeconds() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
}

/// One piece of long work being reported. Safe to advance from several threads.
public final class ProgressTask: Sendable {
    private struct State {
        var completed = 0
        var detail: String?
        var lastDrawn = -Double.infinity
        var finished = false
    }

    private let label: String
    private let total: Int?
    private let unit: String
    private let statusLine: StatusLine
    private let clock: @Sendable () -> Double
    private let started: Double
    private let state = Mutex(State())
    /// Redraws at most this often (seconds).
    private static let redrawInterval = 0.1

    init(label: String, total: Int?, unit: String, statusLine: StatusLine, clock: @escaping @Sendable () -> Double) {
        self.label = label
        self.total = total
        self.unit = unit
        self.statusLine = statusLine
        self.clock = clock
        started = clock()
        draw(force: true)
    }

    /// Adds `count` completed units.
    public func advance(by count: Int = 1) {
        state.withLock { $0.completed += count }
        draw(force: false)
    }

    /// Sets the completed units.
    public func update(completed: Int) {
        state.withLock { $0.completed = completed }
        draw(force: false)
    }

    /// Sets the completed units and a short text shown after the rate (e.g. a training loss).
    public func update(completed: Int, detail: String) {
        state.withLock { $0.completed = completed; $0.detail = detail }
        draw(force: false)
    }

    /// Units completed so far.
    public var completed: Int { state.withLock { $0.completed } }

    /// Ends the task and removes the bar.
    public func finish() {
        let wasFinished = state.withLock { state in
            defer { state.finished = true }
            return state.finished
        }
        if !wasFinished { statusLine.clear() }
    }

    private func draw(force: Bool) {
        guard statusLine.isEnabled else { return }
        let now = clock()
        let drawn: (completed: Int, detail: String?)? = state.withLock { state in
            guard !state.finished, force || now - state.lastDrawn >= Self.redrawInterval else { return nil }
            state.lastDrawn = now
            return (state.completed, state.detail)
        }
        guard let drawn else { return }
        let line = Self.render(label: label, completed: drawn.completed, total: total, unit: unit, elapsed: now - started,
                               width: statusLine.width)
        statusLine.show(drawn.detail.map { line + "  " + $0 } ?? line)
    }

    /// The bar's text: `training  45% |█████     | 450/1000 steps  123 steps/s  ETA 0:04`, or
    /// without a total `training  450 steps  123 steps/s  3.60 s`.
    public static func render(label: String, completed: Int, total: Int?, unit: String, elapsed: Double, width: Int) -> String {
        let rate = elapsed > 0 ? Double(completed) / elapsed : 0
        let rateText = elapsed > 0 && completed > 0 ? "\(Format.number(rate, significant: 3)) \(unit)/s" : "-- \(unit)/s"
        guard let total, total > 0 else {
            return "\(label)  \(completed) \(unit)  \(rateText)  \(Format.duration(elapsed))"
        }
        let fraction = min(1, Double(completed) / Double(total))
        let percent = String(Int((fraction * 100).rounded(.down))).leftPadded(to: 3, with: " ")
        let remaining = rate > 0 ? Double(total - completed) / rate : .nan
        let tail = " \(completed)/\(total) \(unit)  \(rateText)  ETA \(Format.duration(remaining))"
        let head = "\(label) \(percent)% "
        let barWidth = max(10, min(30, width - head.count - tail.count - 3))
        let filled = Int((fraction * Double(barWidth)).rounded(.down))
        let bar = String(repeating: "█", count: filled) + String(repeating: " ", count: barWidth - filled)
        return head + "|" + bar + "|" + tail
    }
}
