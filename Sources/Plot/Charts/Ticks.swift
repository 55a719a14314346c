import Foundation

/// How an axis maps values to positions.
public enum AxisScale: String, CaseIterable, Sendable {
    /// Equal steps in value are equal steps on the axis.
    case linear
    /// Equal ratios are equal steps (base 10); values must be positive.
    case log

    /// The scale a user typed ("linear", "log").
    /// - Throws: `PlotError.unknownName` listing the accepted names.
    public init(parsing text: String) throws {
        guard let scale = AxisScale(rawValue: text.lowercased()) else {
            throw PlotError.unknownName(kind: "axis scale", name: text, known: AxisScale.allCases.map(\.rawValue))
        }
        self = scale
    }
}

/// Tick positions and labels of one axis.
struct AxisTicks: Equatable {
    /// Labelled tick positions (data values), ascending.
    var major: [Double]
    /// One label per major tick.
    var labels: [TextLabel]
    /// Unlabelled small ticks (log axes).
    var minor: [Double] = []
}

/// Tick placement: linear axes step by 1, 2 or 5 × 10ᵏ ("nice" numbers), log axes by decades.
enum TickLocator {
    /// Ticks for `lower...upper` with at most `maxIntervals` steps between labelled ticks,
    /// the finest nice step that allows (never fewer than two ticks when the range allows it).
    static func linear(lower: Double, upper: Double, maxIntervals: Int, integersOnly: Bool = false) -> AxisTicks {
        let span = upper - lower
        guard span > 0, span.isFinite else { return AxisTicks(major: [lower], labels: [TickFormat.label(lower, step: 1, scientific: false)]) }
        let raw = span / Double(max(1, maxIntervals))
        var exponent = Int(floor(log10(raw)))
        var mantissa = [1.0, 2, 5, 10].first { Double($0) * pow(10, Double(exponent)) >= raw * (1 - 1e-9) } ?? 10
        if mantissa == 10 { mantissa = 1; exponent += 1 }
        if integersOnly && exponent < 0 { mantissa = 1; exponent = 0 }
        var ticks = values(lower, upper, mantissa: mantissa, exponent: exponent)
        // An awkward range can leave one tick: step down the 1-2-5 ladder until there are two.
        while ticks.count < 2 && !(integersOnly && exponent == 0 && mantissa == 1) {
            (mantissa, exponent) = mantissa == 1 ? (5, exponent - 1) : (mantissa == 5 ? 2 : 1, exponent)
            ticks = values(lower, upper, mantissa: mantissa, exponent: exponent)
        }
        let step = mantissa * pow(10, Double(exponent))
        let largest = ticks.map(abs).max() ?? 0
        let scientific = largest >= 1e5 || (largest > 0 && largest < 1e-3)
        return AxisTicks(major: ticks, labels: ticks.map { TickFormat.label($0, step: step, scientific: scientific) })
    }

    /// The multiples of `mantissa × 10^exponent` within `lower...upper`, each computed from an
    /// integer so that decimal steps come out as the nearest double to the decimal (0.3, not 0.1 × 3).
    private static func values(_ lower: Double, _ upper: Double, mantissa: Double, exponent: Int) -> [Double] {
        let step = mantissa * pow(10, Double(exponent))
        let slack = 1e-9 * (upper - lower)
        let first = Int(((lower - slack) / step).rounded(.up)), last = Int(((upper + slack) / step).rounded(.down))
        guard last >= first, last - first < 10_000 else { return [] }
        return (first...last).map { k in
            exponent < 0 ? Double(k) * mantissa / pow(10, Double(-exponent)) : Double(k) * step
        }
    }

    /// Ticks for a log axis over `lower...upper` (both positive): every decade, or every n-th
    /// when there are more than `maxTicks`; with fewer than two decades in view, 1-2-5 ticks.
    static func log(lower: Double, upper: Double, maxTicks: Int) -> AxisTicks {
        let slack = 1e-9
        let first = Int((log10(lower) - slack).rounded(.up)), last = Int((log10(upper) + slack).rounded(.down))
        if last - first + 1 >= 2 {
            let stride = max(1, Int((Double(last - first + 1) / Double(max(1, maxTicks))).rounded(.up)))
            let exponents = (first...last).filter { $0 % stride == 0 }
            let major = exponents.map { pow(10, Double($0)) }
            var minor: [Double] = []
            if stride == 1 {
                for e in (first - 1)...last { for m in 2...9 { minor.append(Double(m) * pow(10, Double(e))) } }
                minor = minor.filter { $0 >= lower * (1 - slack) && $0 <= upper * (1 + slack) }
            }
            return AxisTicks(major: major, labels: exponents.map { TextLabel.power(base: "10", exponent: TickFormat.minusSign($0)) },
                             minor: minor)
        }
        // Within about one decade: label 1, 2 and 5 × 10ᵏ, or every digit when that gives fewer
        // than three labels (0.12…0.55 reads 0.2, 0.3, 0.4, 0.5 rather than 0.2 and 0.5 alone).
        let lowDecade = Int(log10(lower).rounded(.down)), highDecade = Int(log10(upper).rounded(.down))
        func candidates(_ digits: [Int]) -> [Double] {
            var values: [Double] = []
            for e in lowDecade...highDecade {
                let decade = pow(10, Double(e))
                for digit in digits {
                    let value = Double(digit) * decade
                    if value >= lower * (1 - slack) && value <= upper * (1 + slack) { values.append(value) }
                }
            }
            return values
        }
        var major = candidates([1, 2, 5])
        if major.count < 3 { major = candidates(Array(1...9)) }
        let minor = candidates(Array(1...9)).filter { !major.contains($0) }
        // Each label with the decimals of its own decade: 0.2, 0.5, 1, 2, 5 (not 1.0, 2.0, 5.0).
        return AxisTicks(major: major, labels: major.map { TickFormat.label($0, step: pow(10, (log10($0) + 1e-9).rounded(.down)), scientific: false) },
                         minor: minor)
    }
}

/// Tick label text: exactly as many decimals as the tick step needs, so 0.1 + 0.2 prints as 0.3;
/// true minus signs; powers of ten as superscripts for very large or small values.
enum TickFormat {
    /// The label of `value` on an axis stepping by `step` (a 1-2-5 × 10ᵏ number).
    static func label(_ value: Double, step: Double, scientific: Bool) -> TextLabel {
        if abs(value) < step * 1e-6 { return "0" }
        let stepExponent = Int(floor(log10(step) + 1e-9))
        guard scientific else { return TextLabel(plain(value, decimals: max(0, -stepExponent))) }
        let exponent = Int(floor(log10(abs(value)) + 1e-9))
        let mantissa = value / pow(10, Double(exponent))
        let digits = plain(mantissa, decimals: max(0, exponent - stepExponent))
        if digits == "1" { return .power(base: "10", exponent: minusSign(exponent)) }
        if digits == "\u{2212}1" { return .power(base: "\u{2212}10", exponent: minusSign(exponent)) }
        return .power(base: digits + "\u{00D7}10", exponent: minusSign(exponent))
    }

    /// `value` with `decimals` decimals, a true minus sign, and no negative zero.
    static func plain(_ value: Double, decimals: Int) -> String {
        var text = String(format: "%.\(min(decimals, 15))f", value)
        if text.hasPrefix("-") {
            text.removeFirst()
            if text.allSatisfy({ $0 == "0" || $0 == "." }) { return text }
            text = "\u{2212}" + text
        }
        return text
    }

    /// An integer with a true minus sign.
    static func minusSign(_ value: Int) -> String { value < 0 ? "\u{2212}\(-value)" : "\(value)" }
}
