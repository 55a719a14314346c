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

    /// erf(x) with absolute error below 2e-7. For |x| < 1 the Maclaurin series
    /// (2/√π)·Σ (−1)ᵏ x^(2k+1) / (k!(2k+1)) to k = 11 (truncation < 1e-10); elsewhere Abramowitz &
    /// Stegun 7.1.26 (error 1.5e-7, the form PyTorch's vectorised CPU kernels use):
    /// 1 − t·P(t)·e^(−x²), t = 1/(1 + 0.3275911·|x|), with the sign restored.
    @inline(__always)
    static func erf(_ x: Float16x) -> Float16x {
        let negative = x .< 0
        let magnitude = x.replacing(with: -x, where: negative)
        let t = 1 / (1 + 0.327_591_1 * magnitude)
        var p = Float16x(repeating: 1.061_405_429)
        p = p * t - 1.453_152_027
        p = p * t + 1.421_413_741
        p = p * t - 0.284_496_736
        p = p * t + 0.254_829_592
        let tail = 1 - p * t * exp(-(magnitude * magnitude))
        let x2 = magnitude * magnitude
        // Horner's rule, written out so no coefficient array is built per call.
        var series = Float16x(repeating: -1.089_222_103_7e-9)
        series = series * x2 + 1.312_253_296_4e-8
        series = series * x2 - 1.450_385_222_3e-7
        series = series * x2 + 1.458_916_900_1e-6
        series = series * x2 - 1.322_751_322_8e-5
        series = series * x2 + 1.068_376_068_4e-4
        series = series * x2 - 7.575_757_575_8e-4
        series = series * x2 + 4.629_629_629_6e-3
        series = series * x2 - 2.380_952_381_0e-2
        series = series * x2 + 0.1
        series = series * x2 - 1.0 / 3
        series = series * x2 + 1
        series *= magnitude * 1.128_379_167_095_512_6
        let value = tail.replacing(with: series, where: magnitude .< 1)
        return value.replacing(with: -value, where: negative)
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
