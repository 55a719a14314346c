import Testing
@testable import Plot

@Suite("Ticks and labels")
struct TickTests {
    func labels(_ ticks: AxisTicks) -> [String] { ticks.labels.map(\.description) }

    @Test("linear ticks step by 1, 2 or 5 × 10ᵏ and print without float noise")
    func niceLinearTicks() {
        let a = TickLocator.linear(lower: 0, upper: 1, maxIntervals: 5)
        #expect(a.major == [0, 0.2, 0.4, 0.6, 0.8, 1.0])
        #expect(labels(a) == ["0", "0.2", "0.4", "0.6", "0.8", "1.0"])
        let b = TickLocator.linear(lower: 0.05, upper: 0.45, maxIntervals: 4)
        #expect(labels(b) == ["0.1", "0.2", "0.3", "0.4"])
        #expect(b.major[2] == 0.3, "0.3 itself, not 0.30000000000000004")
        let c = TickLocator.linear(lower: -37, upper: 112, maxIntervals: 8)
        #expect(labels(c) == ["\u{2212}20", "0", "20", "40", "60", "80", "100"])
        let d = TickLocator.linear(lower: 0.000_12, upper: 0.000_31, maxIntervals: 4)
        #expect(labels(d) == ["1.5×10^\u{2212}4", "2.0×10^\u{2212}4", "2.5×10^\u{2212}4", "3.0×10^\u{2212}4"])
        let e = TickLocator.linear(lower: 0, upper: 3e6, maxIntervals: 3)
        #expect(labels(e) == ["0", "10^6", "2×10^6", "3×10^6"])
    }

    @Test("0.1 + 0.2 is labelled 0.3")
    func floatNoise() {
        #expect(TickFormat.label(0.1 + 0.2, step: 0.1, scientific: false).description == "0.3")
        #expect(TickFormat.label(-0.0000001, step: 0.5, scientific: false).description == "0")
        #expect(TickFormat.plain(-0.04, decimals: 1) == "0.0")
        #expect(TickFormat.label(2.5e-5, step: 5e-6, scientific: true).description == "2.5×10^\u{2212}5")
    }

    @Test("awkward ranges still get at least two ticks; integer axes never get fractions")
    func atLeastTwoTicks() {
        let a = TickLocator.linear(lower: 0.93, upper: 1.07, maxIntervals: 1)
        #expect(a.major.count >= 2)
        let b = TickLocator.linear(lower: -0.5, upper: 2.5, maxIntervals: 10, integersOnly: true)
        #expect(b.major == [0, 1, 2])
    }

    @Test("log axes tick every decade, with superscript labels and minor ticks")
    func logTicks() {
        let a = TickLocator.log(lower: 0.007, upper: 0.6, maxTicks: 8)
        #expect(a.major == [0.01, 0.1])
        #expect(labels(a) == ["10^\u{2212}2", "10^\u{2212}1"])
        #expect(a.minor.contains(0.02) && a.minor.contains(0.5) && !a.minor.contains(0.7))
        let wide = TickLocator.log(lower: 1e-12, upper: 1e12, maxTicks: 6)
        #expect(wide.major.count <= 7 && wide.major.count >= 3)
        #expect(wide.minor.isEmpty)
        let narrow = TickLocator.log(lower: 2.2, upper: 8.5, maxTicks: 6)
        #expect(labels(narrow) == ["3", "4", "5", "6", "7", "8"])
        #expect(narrow.major.count >= 2)
        // Two 1-2-5 labels alone (0.2, 0.5) are too few: every digit is labelled.
        let loss = TickLocator.log(lower: 0.12, upper: 0.55, maxTicks: 6)
        #expect(labels(loss) == ["0.2", "0.3", "0.4", "0.5"])
        let spread = TickLocator.log(lower: 0.15, upper: 6, maxTicks: 6)
        #expect(labels(spread) == ["0.2", "0.5", "1", "2", "5"])
    }

    @Test("axis margins follow matplotlib (5 %), sticky at 0 for bars")
    func margins() {
        var range = DataRange()
        range.include(0); range.include(10)
        let plain = AxisModel.fitted(to: range, scale: .linear)
        #expect(plain.lower == -0.5 && plain.upper == 10.5)
        let sticky = AxisModel.fitted(to: range, scale: .linear, sticky: 0)
        #expect(sticky.lower == 0 && sticky.upper == 10.5)
        var single = DataRange()
        single.include(3)
        let around = AxisModel.fitted(to: single, scale: .linear, margin: 0)
        #expect(around.lower < 3 && around.upper > 3)
    }
}
