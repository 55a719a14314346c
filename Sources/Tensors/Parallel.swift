import Foundation
import Synchronization
import COpenBLAS

/// The number of threads used by mindscope's parallel loops and by OpenBLAS.
///
/// This is process-wide because OpenBLAS's thread pool is; `Parallel.setThreadCount(_:)` changes
/// both together. Results never depend on it beyond float rounding in BLAS: parallel loops split
/// work into chunks whose results are combined in a fixed order.
public enum Parallel {
    private static let configuredThreads = Atomic<Int>(0)

    /// Processor cores available to this process.
    public static var coreCount: Int { ProcessInfo.processInfo.activeProcessorCount }

    /// Threads in use: the configured count, or the core count when none was set.
    public static var threadCount: Int {
        let configured = configuredThreads.load(ordering: .relaxed)
        return configured > 0 ? configured : coreCount
    }

    /// Sets the threads for parallel loops and for OpenBLAS (clamped to at least 1).
    public static func setThreadCount(_ count: Int) {
        let clamped = max(1, count)
        configuredThreads.store(clamped, ordering: .relaxed)
        openblas_set_num_threads(Int32(clamped))
    }

    /// Runs `body(chunk)` for each of `chunks` chunks, on up to `threadCount` threads.
    /// With one thread (or one chunk) the loop runs inline, in order.
    public static func forEach(_ chunks: Int, _ body: (Int) -> Void) {
        guard chunks > 0 else { return }
        let threads = min(threadCount, chunks)
        if threads <= 1 {
            for chunk in 0..<chunks { body(chunk) }
            return
        }
        // The loop joins before returning, so the closure never outlives this call.
        withoutActuallyEscaping(body) { escapable in
            let box = UncheckedSendableBody(body: escapable)
            DispatchQueue.concurrentPerform(iterations: chunks) { box.body($0) }
        }
    }

    /// Splits `0..<count` into contiguous ranges, one per thread (fewer when `count` is small,
    /// none shorter than `minimumChunk`), and runs `body` on each range in parallel.
    public static func forRanges(_ count: Int, minimumChunk: Int = 1, _ body: (Range<Int>) -> Void) {
        let ranges = partition(count, parts: threadCount, minimumChunk: minimumChunk)
        forEach(ranges.count) { body(ranges[$0]) }
    }

    /// Contiguous ranges covering `0..<count`, at most `parts` of them, each at least
    /// `minimumChunk` long (except when `count` itself is shorter).
    public static func partition(_ count: Int, parts: Int, minimumChunk: Int = 1) -> [Range<Int>] {
        guard count > 0 else { return [] }
        let pieces = max(1, min(parts, count / max(1, minimumChunk)))
        return (0..<pieces).map { piece in
            (piece * count / pieces)..<((piece + 1) * count / pieces)
        }
    }
}

/// Carries a non-Sendable loop body into `concurrentPerform`; callers own the data-race reasoning
/// (each chunk writes a disjoint part of the output).
private struct UncheckedSendableBody: @unchecked Sendable {
    let body: (Int) -> Void
}
