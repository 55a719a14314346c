import Foundation

/// A failure reported by LAPACK (`info != 0`), said in words.
public enum LinearAlgebraError: Error, Equatable, CustomStringConvertible {
    /// Argument `position` of `routine` had an illegal value (a bug in the caller).
    case illegalArgument(routine: String, position: Int)
    /// Cholesky: the leading minor of order `order` is not positive definite.
    case notPositiveDefinite(order: Int)
    /// LU: U(index, index) is exactly zero, so the matrix is singular.
    case singular(index: Int)
    /// An iterative decomposition (eigen, SVD) did not converge.
    case didNotConverge(routine: String, info: Int)
    /// Shapes that the decomposition cannot take.
    case shape(String)

    public var description: String {
        switch self {
        case let .illegalArgument(routine, position):
            return "\(routine): argument \(position) had an illegal value"
        case let .notPositiveDefinite(order):
            return "Cholesky factorisation failed: the leading minor of order \(order) is not positive definite"
        case let .singular(index):
            return "linear solve failed: the matrix is singular (zero pivot at \(index))"
        case let .didNotConverge(routine, info):
            return "\(routine) did not converge (info \(info))"
        case let .shape(message):
            return message
        }
    }

    /// Maps a LAPACK `info` code to an error, or nil when it is 0.
    static func check(_ routine: String, _ info: Int32, positive: (Int) -> LinearAlgebraError) -> LinearAlgebraError? {
        if info == 0 { return nil }
        if info < 0 { return .illegalArgument(routine: routine, position: Int(-info)) }
        return positive(Int(info))
    }
}
