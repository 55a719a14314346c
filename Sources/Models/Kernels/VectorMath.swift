import Foundation

/// Sixteen-lane float kernels for the elementwise parts of a transformer (exp, erf, tanh), written
/// with `SIMD16<Float>` so the compiler vectorises them. The scalar `Foundation` functions are the
/// reference in tests; bounds below are checked there over dense sweeps.
typealias Float16x = SIMD16<Float>

enum VectorMath {
    /// e^x with relative error below 2e-7 for x in [-87, 88] (Cephes' range reduction and
    /// polynomial): x = n·ln2 + r, |r| ≤ ln2/2, e^r by a degree-6 polynomial, 2^n from bits.
    /// Inputs below -87 give ~1e-38 instead of underflowing to 0.
    @inline(__always)
    static func exp(_ input: Float16x) -> Float16x {
        let x = minimum(maximum(input, Float16x(repeating: -87)), Float16x(repeating: 88))
        // Round x·log2(e) to the nearest integer with the 1.5·2^23 trick (no rounding instruction
        // needed); the integer itself is read back from the low mantissa bits.
        let magic: Float = 12_582_912
        let shifted = x * 1.442_695_040_888_963_4 + magic
        let n = shifted - magic
        let r = x - n * 0.693_359_375 + n * 2.121_944_4e-4
        var p = Float16x(repeating: 1.987_569_150_0e-4)
        p = p * r + 1.398_199_950_7e-3
        p = p * r + 8.333_451_907_3e-3
        p = p * r + 4.166_579_589_4e-2
        p = p * r + 1.666_666_545_9e-1
        p = p * r + 5.000_000_120_1e-1
        p = p * (r * r) + r + 1
        let integer = unsafeBitCast(shifted, to: SIMD16<Int32>.self) &- unsafeBitCast(Float16x(repeating: magic), to: SIMD16<Int32>.self)
        let scale = unsafeBitCast((integer &+ 127) &<< 23, to: Float16x.self)
        return p * scale
    }

    /// erf(x) with absolute error below 3.5e-7 (a few Float ulps near ±1), as a rational function
    /// x·P(x²)/Q(x²), P of degree 6 and Q of degree 5 in x², fitted for this project to erf on
    /// [0, 4] (error 1.6e-9 in exact arithmetic; the rest is Float rounding). |x| is clamped to 4,
    /// where erf is 1 in Float. No exp, no branches: the cheapest accurate form for GELU.
    @inline(__always)
    static func erf(_ x: Float16x) -> Float16x {
        let t = minimum(maximum(x, Float16x(repeating: -4)), Float16x(repeating: 4))
        let t2 = t * t
        var p = Float16x(repeating: -1.372_127_293_373_261_4e-8)
        p = p * t2 + 4.791_478_275_661_162_4e-6
        p = p * t2 + 3.830_808_356_708_001_4e-4
        p = p * t2 + 3.839_711_323_415_393_4e-3
        p = p * t2 + 5.433_863_682_359_562_5e-2
        p = p * t2 + 1.846_849_684_159_924_7e-1
        p = p * t2 + 1.128_379_182_653_462_8
        var q = Float16x(repeating: 6.411_303_365_175_917e-5)
        q = q * t2 + 1.310_138_475_170_060_2e-3
        q = q * t2 + 1.545_524_588_557_210_3e-2
        q = q * t2 + 1.138_241_431_201_017e-1
        q = q * t2 + 4.970_063_430_110_304e-1
        q = q * t2 + 1
        return t * p / q
    }

    /// tanh(x) = 1 − 2/(e^(2x) + 1), absolute error below 3e-7; saturates to ±1.
    @inline(__always)
    static func tanh(_ x: Float16x) -> Float16x {
        1 - 2 / (exp(2 * x) + 1)
    }

    /// Lane-wise maximum. Written as a compare and blend because the standard library's
    /// `pointwiseMax`/`clamped` are generic lane loops that do not vectorise.
    @inline(__always)
    static func maximum(_ a: Float16x, _ b: Float16x) -> Float16x { a.replacing(with: b, where: a .< b) }

    /// Lane-wise minimum (compare and blend, see `maximum`).
    @inline(__always)
    static func minimum(_ a: Float16x, _ b: Float16x) -> Float16x { a.replacing(with: b, where: b .< a) }

    /// Largest lane, by halving (the standard library's `max()` is a lane loop).
    @inline(__always)
    static func largest(_ x: Float16x) -> Float {
        let eight = x.lowHalf.replacing(with: x.highHalf, where: x.lowHalf .< x.highHalf)
        let four = eight.lowHalf.replacing(with: eight.highHalf, where: eight.lowHalf .< eight.highHalf)
        return Swift.max(Swift.max(four[0], four[1]), Swift.max(four[2], four[3]))
    }

    /// Loads 16 floats from any address.
    @inline(__always)
    static func load(_ pointer: UnsafePointer<Float>) -> Float16x {
        UnsafeRawPointer(pointer).loadUnaligned(as: Float16x.self)
    }

    /// Stores 16 floats to any address.
    @inline(__always)
    static func store(_ value: Float16x, _ pointer: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(pointer).storeBytes(of: value, as: Float16x.self)
    }

    /// Loads `count` < 16 floats, zero-filling the other lanes.
    @inline(__always)
    static func loadPartial(_ pointer: UnsafePointer<Float>, count: Int) -> Float16x {
        var value = Float16x()
        for lane in 0..<count { value[lane] = pointer[lane] }
        return value
    }

    /// Stores the first `count` < 16 lanes.
    @inline(__always)
    static func storePartial(_ value: Float16x, _ pointer: UnsafeMutablePointer<Float>, count: Int) {
        for lane in 0..<count { pointer[lane] = value[lane] }
    }
}
