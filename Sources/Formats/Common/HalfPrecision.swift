/// Exact conversions between `Float` and the 16-bit formats found in checkpoints: IEEE 754
/// binary16 ("F16") and bfloat16 ("BF16"), by bit manipulation so they behave the same on every
/// platform (Swift's `Float16` is missing on some).
///
/// Widening (16 → 32 bits) is exact for every pattern, subnormals included; NaN payloads are kept.
/// Narrowing rounds to nearest, ties to even, as IEEE 754 and PyTorch do: values beyond the
/// largest finite half overflow to ±infinity, tiny values become subnormals or ±0, and NaN stays
/// a (quiet) NaN.
public enum HalfPrecision {
    /// The `Float` with the value of the binary16 bit pattern `bits`.
    @inlinable
    public static func float(fromHalf bits: UInt16) -> Float {
        let sign = UInt32(bits & 0x8000) << 16
        let exponent = UInt32(bits >> 10) & 0x1F
        let mantissa = UInt32(bits & 0x3FF)
        switch exponent {
        case 0:
            // Zero or subnormal: mantissa × 2⁻²⁴, exact in Float (10 significant bits, power-of-two scale).
            let magnitude = Float(mantissa) * 0x1p-24
            return Float(bitPattern: sign | magnitude.bitPattern)
        case 0x1F:
            return Float(bitPattern: sign | 0x7F80_0000 | (mantissa << 13))
        default:
            return Float(bitPattern: sign | ((exponent + 112) << 23) | (mantissa << 13))
        }
    }

    /// The binary16 bit pattern nearest to `value` (ties to even).
    @inlinable
    public static func halfBits(from value: Float) -> UInt16 {
        let bits = value.bitPattern
        let sign = UInt16((bits >> 16) & 0x8000)
        let exponent = Int((bits >> 23) & 0xFF)
        let mantissa = bits & 0x7F_FFFF
        if exponent == 0xFF {
            return mantissa == 0 ? sign | 0x7C00 : sign | 0x7E00 | UInt16(mantissa >> 13)
        }
        let unbiased = exponent - 127
        if unbiased > 15 { return sign | 0x7C00 }
        if unbiased >= -14 {
            // Normal half: keep 10 mantissa bits, round on the 13 dropped ones; a carry may
            // ripple into the exponent, up to infinity, which is the correct result.
            var result = UInt32(unbiased + 15) << 10 | (mantissa >> 13)
            let dropped = mantissa & 0x1FFF
            if dropped > 0x1000 || (dropped == 0x1000 && result & 1 == 1) { result += 1 }
            return sign | UInt16(result)
        }
        // Subnormal half (or zero): count units of 2⁻²⁴, rounding the shifted-out bits.
        let shift = -unbiased - 1
        if exponent == 0 || shift > 24 { return sign }
        let significand = mantissa | 0x80_0000
        var units = significand >> UInt32(shift)
        let remainder = significand & ((1 << UInt32(shift)) - 1)
        let halfway = UInt32(1) << UInt32(shift - 1)
        if remainder > halfway || (remainder == halfway && units & 1 == 1) { units += 1 }
        return sign | UInt16(units)
    }

    /// The `Float` with the value of the bfloat16 bit pattern `bits` (its upper half).
    @inlinable
    public static func float(fromBFloat16 bits: UInt16) -> Float {
        Float(bitPattern: UInt32(bits) << 16)
    }

    /// The bfloat16 bit pattern nearest to `value` (ties to even).
    @inlinable
    public static func bfloat16Bits(from value: Float) -> UInt16 {
        let bits = value.bitPattern
        if value.isNaN { return UInt16(bits >> 16) | 0x0040 }
        let roundingBias = 0x7FFF + ((bits >> 16) & 1)
        return UInt16((bits &+ roundingBias) >> 16)
    }
}
