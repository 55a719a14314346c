/// A continuous map from values in 0...1 to colours, by linear interpolation (in sRGB) between
/// the published anchor colours of `ColormapTables.swift`.
public struct Colormap: Hashable, Sendable, CustomStringConvertible {
    /// The colormaps there are.
    public enum Name: String, CaseIterable, Sendable {
        /// Perceptually uniform, dark blue to yellow (matplotlib's default).
        case viridis
        /// Perceptually uniform, black through purple to pale yellow.
        case magma
        /// Diverging, blue through light grey to red (Moreland); centred on 0 when used for data.
        case coolwarm
    }

    /// Which colormap.
    public let name: Name
    /// True when the colours run from the high end to the low end ("viridis_r").
    public let reversed: Bool

    /// The colormap `name`, optionally reversed.
    public init(_ name: Name, reversed: Bool = false) {
        self.name = name
        self.reversed = reversed
    }

    /// The colormap a user typed: a name from `Name`, optionally with `_r` for the reversed map.
    /// - Throws: `PlotError.unknownName` naming the known maps (and the nearest one).
    public init(named text: String) throws {
        let lowered = text.lowercased()
        let isReversed = lowered.hasSuffix("_r")
        let base = isReversed ? String(lowered.dropLast(2)) : lowered
        guard let name = Name(rawValue: base) else {
            throw PlotError.unknownName(kind: "colormap", name: text, known: Name.allCases.map(\.rawValue))
        }
        self.init(name, reversed: isReversed)
    }

    /// The default for sequential data.
    public static let viridis = Colormap(.viridis)
    /// A second sequential map.
    public static let magma = Colormap(.magma)
    /// The diverging map.
    public static let coolwarm = Colormap(.coolwarm)

    /// True for maps meant for data with a meaningful centre (charts centre them on 0).
    public var isDiverging: Bool { name == .coolwarm }

    /// The name as a user would type it.
    public var description: String { name.rawValue + (reversed ? "_r" : "") }

    /// The colour at `t` (clamped to 0...1).
    public func color(at t: Double) -> Color {
        let anchors = Colormap.anchors(of: name)
        let count = anchors.count / 4
        let u = Float(min(max(reversed ? 1 - t : t, 0), 1))
        var upper = 1
        while upper < count - 1 && anchors[4 * upper] < u { upper += 1 }
        let lower = upper - 1
        let t0 = anchors[4 * lower], t1 = anchors[4 * upper]
        let f = t1 > t0 ? (u - t0) / (t1 - t0) : 0
        func channel(_ c: Int) -> Float { anchors[4 * lower + c] + (anchors[4 * upper + c] - anchors[4 * lower + c]) * f }
        return Color(red: channel(1), green: channel(2), blue: channel(3))
    }

    /// `size` evenly spaced colours from t = 0 to t = 1, for mapping many values quickly.
    func lookupTable(size: Int = 1024) -> [Color] {
        (0..<size).map { color(at: Double($0) / Double(size - 1)) }
    }
}

/// The default colours for series: the Okabe–Ito palette (distinguishable with the common
/// colour-vision deficiencies; Okabe & Ito 2008), yellow last because it is faint on white,
/// then four darker, distinct extensions. Charts with more series than colours repeat the
/// cycle with dashed lines.
public enum ColorCycle {
    /// The cycle, in order of use.
    public static let colors: [Color] = [
        Color(hex: 0x0072B2), // blue
        Color(hex: 0xD55E00), // vermillion
        Color(hex: 0x009E73), // bluish green
        Color(hex: 0xE69F00), // orange
        Color(hex: 0xCC79A7), // reddish purple
        Color(hex: 0x56B4E9), // sky blue
        Color(hex: 0x000000), // black
        Color(hex: 0xF0E442), // yellow
        Color(hex: 0x8C564B), // brown
        Color(hex: 0x6A3D9A), // dark purple
        Color(hex: 0x7F7F7F), // grey
        Color(hex: 0x9A9A1E), // olive
    ]

    /// The colour of series `index` (0-based), cycling.
    public static func color(_ index: Int) -> Color { colors[index % colors.count] }
}
