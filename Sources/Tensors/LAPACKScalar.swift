import Foundation
import COpenBLAS

/// The LAPACK routines mindscope uses, for `Float` and `Double`, so each decomposition is written
/// once (in `Decompositions.swift`) for both precisions. All matrices here are column-major, as
/// LAPACK sees them.
public protocol LAPACKScalar: BinaryFloatingPoint, Sendable {
    static var prefix: String { get }
    static func syevd(_ jobz: UInt8, _ uplo: UInt8, _ n: UnsafePointer<Int32>, _ a: UnsafeMutablePointer<Self>, _ lda: UnsafePointer<Int32>,
                      _ w: UnsafeMutablePointer<Self>, _ work: UnsafeMutablePointer<Self>, _ lwork: UnsafePointer<Int32>,
                      _ iwork: UnsafeMutablePointer<Int32>, _ liwork: UnsafePointer<Int32>, _ info: UnsafeMutablePointer<Int32>)
    static func gesdd(_ jobz: UInt8, _ m: UnsafePointer<Int32>, _ n: UnsafePointer<Int32>, _ a: UnsafeMutablePointer<Self>,
                      _ lda: UnsafePointer<Int32>, _ s: UnsafeMutablePointer<Self>, _ u: UnsafeMutablePointer<Self>, _ ldu: UnsafePointer<Int32>,
                      _ vt: UnsafeMutablePointer<Self>, _ ldvt: UnsafePointer<Int32>, _ work: UnsafeMutablePointer<Self>,
                      _ lwork: UnsafePointer<Int32>, _ iwork: UnsafeMutablePointer<Int32>, _ info: UnsafeMutablePointer<Int32>)
    static func potrf(_ uplo: UInt8, _ n: UnsafePointer<Int32>, _ a: UnsafeMutablePointer<Self>, _ lda: UnsafePointer<Int32>,
                      _ info: UnsafeMutablePointer<Int32>)
    static func potrs(_ uplo: UInt8, _ n: UnsafePointer<Int32>, _ nrhs: UnsafePointer<Int32>, _ a: UnsafePointer<Self>,
                      _ lda: UnsafePointer<Int32>, _ b: UnsafeMutablePointer<Self>, _ ldb: UnsafePointer<Int32>, _ info: UnsafeMutablePointer<Int32>)
    static func gesv(_ n: UnsafePointer<Int32>, _ nrhs: UnsafePointer<Int32>, _ a: UnsafeMutablePointer<Self>, _ lda: UnsafePointer<Int32>,
                     _ ipiv: UnsafeMutablePointer<Int32>, _ b: UnsafeMutablePointer<Self>, _ ldb: UnsafePointer<Int32>,
                     _ info: UnsafeMutablePointer<Int32>)
}

@inline(__always) private func withChar<R>(_ c: UInt8, _ body: (UnsafePointer<CChar>) -> R) -> R {
    var value = CChar(bitPattern: c)
    return withUnsafePointer(to: &value) { body($0) }
}

extension Float: LAPACKScalar {
    public static var prefix: String { "s" }
    public static func syevd(_ jobz: UInt8, _ uplo: UInt8, _ n: UnsafePointer<Int32>, _ a: UnsafeMutablePointer<Float>, _ lda: UnsafePointer<Int32>,
                             _ w: UnsafeMutablePointer<Float>, _ work: UnsafeMutablePointer<Float>, _ lwork: UnsafePointer<Int32>,
                             _ iwork: UnsafeMutablePointer<Int32>, _ liwork: UnsafePointer<Int32>, _ info: UnsafeMutablePointer<Int32>) {
        withChar(jobz) { j in withChar(uplo) { u in ssyevd_(j, u, n, a, lda, w, work, lwork, iwork, liwork, info, 1, 1) } }
    }
    public static func gesdd(_ jobz: UInt8, _ m: UnsafePointer<Int32>, _ n: UnsafePointer<Int32>, _ a: UnsafeMutablePointer<Float>,
                             _ lda: UnsafePointer<Int32>, _ s: UnsafeMutablePointer<Float>, _ u: UnsafeMutablePointer<Float>, _ ldu: UnsafePointer<Int32>,
                             _ vt: UnsafeMutablePointer<Float>, _ ldvt: UnsafePointer<Int32>, _ work: UnsafeMutablePointer<Float>,
                             _ lwork: UnsafePointer<Int32>, _ iwork: UnsafeMutablePointer<Int32>, _ info: UnsafeMutablePointer<Int32>) {
        withChar(jobz) { j in sgesdd_(j, m, n, a, lda, s, u, ldu, vt, ldvt, work, lwork, iwork, info, 1) }
    }
    public static func potrf(_ uplo: UInt8, _ n: UnsafePointer<Int32>, _ a: UnsafeMutablePointer<Float>, _ lda: UnsafePointer<Int32>,
                             _ info: UnsafeMutablePointer<Int32>) {
        withChar(uplo) { u in spotrf_(u, n, a, lda, info, 1) }
    }
    public static func potrs(_ uplo: UInt8, _ n: UnsafePointer<Int32>, _ nrhs: UnsafePointer<Int32>, _ a: UnsafePointer<Float>,
                             _ lda: UnsafePointer<Int32>, _ b: UnsafeMutablePointer<Float>, _ ldb: UnsafePointer<Int32>, _ info: UnsafeMutablePointer<Int32>) {
        withChar(uplo) { u in spotrs_(u, n, nrhs, a, lda, b, ldb, info, 1) }
    }
    public static func gesv(_ n: UnsafePointer<Int32>, _ nrhs: UnsafePointer<Int32>, _ a: UnsafeMutablePointer<Float>, _ lda: UnsafePointer<Int32>,
                            _ ipiv: UnsafeMutablePointer<Int32>, _ b: UnsafeMutablePointer<Float>, _ ldb: UnsafePointer<Int32>,
                            _ info: UnsafeMutablePointer<Int32>) {
        sgesv_(n, nrhs, a, lda, ipiv, b, ldb, info)
    }
}

extension Double: LAPACKScalar {
    public static var prefix: String { "d" }
    public static func syevd(_ jobz: UInt8, _ uplo: UInt8, _ n: UnsafePointer<Int32>, _ a: UnsafeMutablePointer<Double>, _ lda: UnsafePointer<Int32>,
                             _ w: UnsafeMutablePointer<Double>, _ work: UnsafeMutablePointer<Double>, _ lwork: UnsafePointer<Int32>,
                             _ iwork: UnsafeMutablePointer<Int32>, _ liwork: UnsafePointer<Int32>, _ info: UnsafeMutablePointer<Int32>) {
        withChar(jobz) { j in withChar(uplo) { u in dsyevd_(j, u, n, a, lda, w, work, lwork, iwork, liwork, info, 1, 1) } }
    }
    public static func gesdd(_ jobz: UInt8, _ m: UnsafePointer<Int32>, _ n: UnsafePointer<Int32>, _ a: UnsafeMutablePointer<Double>,
                             _ lda: UnsafePointer<Int32>, _ s: UnsafeMutablePointer<Double>, _ u: UnsafeMutablePointer<Double>, _ ldu: UnsafePointer<Int32>,
                             _ vt: UnsafeMutablePointer<Double>, _ ldvt: UnsafePointer<Int32>, _ work: UnsafeMutablePointer<Double>,
                             _ lwork: UnsafePointer<Int32>, _ iwork: UnsafeMutablePointer<Int32>, _ info: UnsafeMutablePointer<Int32>) {
        withChar(jobz) { j in dgesdd_(j, m, n, a, lda, s, u, ldu, vt, ldvt, work, lwork, iwork, info, 1) }
    }
    public static func potrf(_ uplo: UInt8, _ n: UnsafePointer<Int32>, _ a: UnsafeMutablePointer<Double>, _ lda: UnsafePointer<Int32>,
                             _ info: UnsafeMutablePointer<Int32>) {
        withChar(uplo) { u in dpotrf_(u, n, a, lda, info, 1) }
    }
    public static func potrs(_ uplo: UInt8, _ n: UnsafePointer<Int32>, _ nrhs: UnsafePointer<Int32>, _ a: UnsafePointer<Double>,
                             _ lda: UnsafePointer<Int32>, _ b: UnsafeMutablePointer<Double>, _ ldb: UnsafePointer<Int32>, _ info: UnsafeMutablePointer<Int32>) {
        withChar(uplo) { u in dpotrs_(u, n, nrhs, a, lda, b, ldb, info, 1) }
    }
    public static func gesv(_ n: UnsafePointer<Int32>, _ nrhs: UnsafePointer<Int32>, _ a: UnsafeMutablePointer<Double>, _ lda: UnsafePointer<Int32>,
                            _ ipiv: UnsafeMutablePointer<Int32>, _ b: UnsafeMutablePointer<Double>, _ ldb: UnsafePointer<Int32>,
                            _ info: UnsafeMutablePointer<Int32>) {
        dgesv_(n, nrhs, a, lda, ipiv, b, ldb, info)
    }
}
