import Foundation
import COpenBLAS

extension Parallel {
    /// Splits `0..<count` into ranges like `forRanges` and runs `body` on each in parallel while
    /// OpenBLAS is held to one thread, then restores the thread count.
    ///
    /// For many small independent products (attention per sequence and head): OpenBLAS would
    /// otherwise split each small product over its own threads, and concurrent callers queue
    /// for its one thread pool. With one thread, or a single range, the loop runs inline and
    /// OpenBLAS keeps its threads.
    public static func forRangesWithSerialBLAS(_ count: Int, minimumChunk: Int = 1, _ body: (Range<Int>) -> Void) {
        let ranges = partition(count, parts: threadCount, minimumChunk: minimumChunk)
        guard ranges.count > 1 else {
            for range in ranges { body(range) }
            return
        }
        withSerialBLAS { forEach(ranges.count) { body(ranges[$0]) } }
    }

    /// Runs `body` with OpenBLAS held to one thread (restored afterwards), for code that splits
    /// its products over `Parallel`'s threads itself; nested calls are cheap.
    public static func withSerialBLAS<R>(_ body: () throws -> R) rethrows -> R {
        let blasThreads = openblas_get_num_threads()
        guard blasThreads != 1 else { return try body() }
        openblas_set_num_threads(1)
        defer { openblas_set_num_threads(blasThreads) }
        return try body()
    }
}
