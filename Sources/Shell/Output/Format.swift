import Foundation

/// Number, size and time formatting shared by every command, so tables look alike.
public enum Format {
    /// A number with `significant` significant digits, without exponent between 1e-4 and 1e6:
    /// `0.1235`, `1235`, `1.5e-07`; integers print without a decimal point; NaN and infinities
    /// as `nan`, `inf`, `-inf`.
    public static func number(_ value: Double, significant: Int = 4) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value > 0 ? "inf" : "-inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        let magnitude = abs(value)
        if magnitude >= 1e-4, magnitude < 1e6 {
            let decimals = max(0, significant - (Int(floor(log10(magnitude))) + 1))
            var text = String(format: "%.\(decimals)f", value)
            if text.contains(".") {
                while text.hasSuffix("0") { text.removeLast() }
                if text.hasSuffix(".") { text.removeLast() }
            }
            return text
        }
        return String(format: "%.\(max(0, significant - 1))e", value)
    }

    /// A byte count in B, KiB, MiB or GiB with three significant digits: `48 B`, `1.50 KiB`, `12.3 MiB`.
    public static func bytes(_ count: Int) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var value = Double(count)
        var unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        if unit == 0 { return "\(count) B" }
        let decimals = value >= 100 ? 0 : (value >= 10 ? 1 : 2)
        return String(format: "%.\(decimals)f", value) + " " + units[unit]
    }

    /// A duration as `0.42 s`, `12 s`, `3:07` or `1:02:03`.
    public static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "--:--" }
        if seconds < 10 { return String(format: "%.2f s", seconds) }
        if seconds < 60 { return String(format: "%.0f s", seconds) }
        let total = Int(seconds.rounded())
        let (hours, minutes, secs) = (total / 3600, (total / 60) % 60, total % 60)
        if hours > 0 { return String(format: "%d:%02d:%02d", hours, minutes, secs) }
        return String(format: "%d:%02d", minutes, secs)
    }

    /// A shape such as `6 × 384` (a scalar prints as `scalar`).
    public static func shape(_ extents: [Int]) -> String {
        extents.isEmpty ? "scalar" : extents.map(String.init).joined(separator: " × ")
    }

    /// `1 row`, `2 rows`: a count with its noun, pluralised with `s`.
    public static func count(_ value: Int, _ noun: String) -> String {
        "\(value) \(noun)\(value == 1 ? "" : "s")"
    }
}
