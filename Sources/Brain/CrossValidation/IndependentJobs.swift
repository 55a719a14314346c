import Foundation
import Tensors

/// Runs independent jobs, such as the factorization of each training split, on `Parallel`'s
/// threads.
///
/// A large eigendecomposition scales poorly over threads (its tridiagonal reduction is bound by
/// memory), so whole jobs run side by side with single-threaded kernels. Only as many jobs as fill
/// every thread are run that way; the remainder (5 folds on 2 threads leave one) runs alone with
/// threaded kernels, so no core idles while another finishes the last job.
enum IndependentJobs {
    /// The results of `job(0)`, …, `job(count − 1)`, in order.
    /// - Throws: the error of the first failing job, in index order.
    static func run<R>(_ count: Int, backend: some LinearAlgebraBackend, _ job: (Int) throws -> R) throws -> [R] {
        let threads = Parallel.threadCount
        let sideBySide = threads > 1 ? count / threads * threads : 0
        var results = [Result<R, any Error>?](repeating: nil, count: count)
        results.withUnsafeMutableBufferPointer { slots in
            if sideBySide > 0 {
                // Each job writes only its own slot.
                backend.serially { Parallel.forEach(sideBySide) { index in slots[index] = Result { try job(index) } } }
            }
            for index in sideBySide..<count { slots[index] = Result { try job(index) } }
        }
        return try results.map { try $0!.get() }
    }
}
