import Foundation

/// The order in which training visits the T·L examples: a fresh pseudo-random permutation for
/// every epoch, shuffling across tokens and layers, computed on demand in O(1) memory.
///
/// Position p of the stream is example π_e(p mod E) of epoch e = p / E, where π_e is a keyed
/// Feistel network on the smallest power-of-four domain ≥ E with cycle-walking (values outside
/// 0..<E are permuted again until they land inside), so it is a bijection of 0..<E. The keys come
/// from the seed and the epoch, so the order depends only on (seed, position): resuming training
/// from a saved position continues exactly the stream an uninterrupted run would have seen.
/// Example x is token x / L at layer x mod L.
public struct ExampleOrder: Sendable {
    /// E = tokens × layers.
    public let exampleCount: Int
    /// L.
    public let layerCount: Int
    private let seed: UInt64
    private let halfBits: Int

    /// The order for `tokens` × `layers` examples under `seed`.
    public init(tokens: Int, layers: Int, seed: UInt64) {
        precondition(tokens > 0 && layers > 0, "empty example set")
        exampleCount = tokens * layers
        layerCount = layers
        self.seed = seed
        var bits = 1
        while (1 << (2 * bits)) < exampleCount { bits += 1 }
        halfBits = bits
    }

    /// The example at stream position `position` (any non-negative integer).
    public func example(at position: Int) -> ActivationRow {
        let epoch = UInt64(position / exampleCount)
        var value = UInt64(position % exampleCount)
        repeat { value = permute(value, epoch: epoch) } while value >= UInt64(exampleCount)
        return ActivationRow(token: Int(value) / layerCount, layer: Int(value) % layerCount)
    }

    /// Fills `rows` with the examples at positions start..<start + rows.count.
    public func fill(_ rows: inout [ActivationRow], from start: Int) {
        for i in rows.indices { rows[i] = example(at: start + i) }
    }

    /// Four Feistel rounds on a 2·halfBits-bit value.
    private func permute(_ value: UInt64, epoch: UInt64) -> UInt64 {
        let mask = (UInt64(1) << UInt64(halfBits)) - 1
        var left = value >> UInt64(halfBits), right = value & mask
        for round in 0..<4 as Range<UInt64> {
            let mixed = Self.mix(right ^ (seed &* 0x9E37_79B9_7F4A_7C15) ^ (epoch &* 0xD6E8_FEB8_6659_FD93) ^ (round &* 0xA076_1D64_78BD_642F))
            (left, right) = (right, (left ^ mixed) & mask)
        }
        return (left << UInt64(halfBits)) | right
    }

    /// SplitMix64's finaliser: a strong 64-bit mixing function.
    private static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
