import Testing
import Tensors
@testable import Formats

@Suite("F16 and BF16 conversions")
struct HalfPrecisionTests {
    /// Known binary16 patterns and their exact values (IEEE 754-2008 table and hand working).
    static let halfPatterns: [(bits: UInt16, value: Float)] = [
        (0x0000, 0), (0x8000, -0.0), (0x3C00, 1), (0xC000, -2), (0x3555, 0.333251953125),
        (0x7BFF, 65504), (0xFBFF, -65504), (0x0400, 0x1p-14), (0x03FF, 1023 * 0x1p-24),
        (0x0001, 0x1p-24), (0x8001, -0x1p-24), (0x7C00, .infinity), (0xFC00, -.infinity),
        (0x3BFF, 0.99951171875), (0x3C01, 1.0009765625),
    ]

    @Test func halfToFloatMatchesKnownPatterns() {
        for (bits, value) in Self.halfPatterns {
            let converted = HalfPrecision.float(fromHalf: bits)
            #expect(converted.bitPattern == value.bitPattern, "0x\(String(bits, radix: 16)) → \(converted), expected \(value)")
            #expect(HalfPrecision.halfBits(from: value) == bits, "\(value) → half")
        }
        #expect(HalfPrecision.float(fromHalf: 0x7E00).isNaN)
        #expect(HalfPrecision.float(fromHalf: 0xFC01).isNaN)
    }

    @Test func floatToHalfRoundsToNearestEven() {
        let cases: [(Float, UInt16)] = [
            (65519, 0x7BFF),                 // below the midpoint to 65536: stays finite
            (65520, 0x7C00),                 // the midpoint rounds to even, which is infinity
            (1e6, 0x7C00), (-1e6, 0xFC00),
            (1 + 0x1p-11, 0x3C00),           // tie between 1 and 1+2⁻¹⁰: even is 1
            (1 + 3 * 0x1p-11, 0x3C02),       // tie between 1+2⁻¹⁰ and 1+2⁻⁹: even is the upper
            (0x1p-25, 0x0000),               // tie between 0 and the smallest subnormal: 0
            (0x1.000002p-25, 0x0001),        // just above that tie
            (3 * 0x1p-25, 0x0002),           // tie between subnormals 1 and 2: 2
            (0x1.ffcp-15, 0x0400),           // 1023.5 units: ties up out of the subnormals into the smallest normal
            (1e-10, 0x0000), (-1e-10, 0x8000), (Float.leastNonzeroMagnitude, 0),
        ]
        for (value, bits) in cases {
            #expect(HalfPrecision.halfBits(from: value) == bits, "\(value) → 0x\(String(HalfPrecision.halfBits(from: value), radix: 16))")
        }
        #expect(HalfPrecision.halfBits(from: .nan) & 0x7E00 == 0x7E00)
    }

    @Test func everyHalfPatternRoundTrips() {
        let failures = (UInt16.min...UInt16.max).filter { bits in
            let value = HalfPrecision.float(fromHalf: bits)
            let back = HalfPrecision.halfBits(from: value)
            // NaNs come back quieted, so only their NaN-ness is kept.
            return value.isNaN ? !(back & 0x7C00 == 0x7C00 && back & 0x03FF != 0) : back != bits
        }
        #expect(failures.isEmpty, "first failing pattern: \(failures.first.map { String($0, radix: 16) } ?? "")")
    }

    #if !(os(macOS) && arch(x86_64))
    @Test func agreesWithSwiftFloat16() {
        let wideningFailures = (UInt16.min...UInt16.max).filter { bits in
            let reference = Float(Float16(bitPattern: bits))
            let converted = HalfPrecision.float(fromHalf: bits)
            return reference.isNaN ? !converted.isNaN : reference.bitPattern != converted.bitPattern
        }
        #expect(wideningFailures.isEmpty, "first: \(wideningFailures.first.map { String($0, radix: 16) } ?? "")")
        // Seeded pseudo-random bit patterns cover every exponent, subnormal and overflow ranges included.
        var rng = SeededRNG(seed: 7)
        var narrowingFailures: [Float] = []
        for _ in 0..<200_000 {
            let value = Float(bitPattern: UInt32(truncatingIfNeeded: rng.next()))
            if !value.isNaN && HalfPrecision.halfBits(from: value) != Float16(value).bitPattern { narrowingFailures.append(value) }
        }
        #expect(narrowingFailures.isEmpty, "first: \(narrowingFailures.first ?? 0)")
    }
    #endif

    @Test func bfloat16KnownPatterns() {
        #expect(HalfPrecision.float(fromBFloat16: 0x3F80) == 1)
        #expect(HalfPrecision.float(fromBFloat16: 0xC049) == -3.140625)
        #expect(HalfPrecision.float(fromBFloat16: 0x0001) == 0x1p-133)   // smallest subnormal
        #expect(HalfPrecision.float(fromBFloat16: 0x7F80) == .infinity)
        #expect(HalfPrecision.float(fromBFloat16: 0x7FC0).isNaN)
        #expect(HalfPrecision.bfloat16Bits(from: .pi) == 0x4049)
        #expect(HalfPrecision.bfloat16Bits(from: 1 + 0x1p-8) == 0x3F80)       // tie: even
        #expect(HalfPrecision.bfloat16Bits(from: 1 + 3 * 0x1p-8) == 0x3F82)   // tie: even is upper
        #expect(HalfPrecision.bfloat16Bits(from: .greatestFiniteMagnitude) == 0x7F80)
        #expect(HalfPrecision.bfloat16Bits(from: -.infinity) == 0xFF80)
        #expect(HalfPrecision.bfloat16Bits(from: .nan) == 0x7FC0)
        let failures = (UInt16.min...UInt16.max).filter { bits in
            let value = HalfPrecision.float(fromBFloat16: bits)
            return !value.isNaN && HalfPrecision.bfloat16Bits(from: value) != bits
        }
        #expect(failures.isEmpty, "first: \(failures.first.map { String($0, radix: 16) } ?? "")")
    }
}
