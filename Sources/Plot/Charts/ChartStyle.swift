/// Sizes (in pixels, from points at the figure's scale) and colours of chart furniture.
/// The sizes follow matplotlib's defaults at 100 dpi, so figures look familiar.
struct ChartStyle {
    /// Pixels per point.
    let scale: Double

    func points(_ value: Double) -> Double { value * scale }

    var titleSize: Double { points(15) }
    var labelSize: Double { points(13) }
    var tickSize: Double { points(11.5) }
    var legendSize: Double { points(11.5) }
    /// Space between the figure's edge and anything drawn.
    var pad: Double { points(10) }
    var tickLength: Double { points(4.5) }
    var minorTickLength: Double { points(2.5) }
    var tickPad: Double { points(3.5) }
    var labelPad: Double { points(6) }
    var titlePad: Double { points(9) }
    /// Smallest gap between neighbouring tick labels.
    var labelGap: Double { points(8) }
    /// Spines and tick marks: whole pixels, so they stay crisp at any scale.
    var spineWidth: Double { max(1, points(1).rounded()) }
    var gridWidth: Double { max(1, points(0.8).rounded()) }
    /// Legend inset from the plot edge, and its inner padding.
    var legendInset: Double { points(8) }
    var legendPadding: Double { points(7) }
    /// Colorbar: gap to the plot and bar width.
    var colorbarGap: Double { points(14) }
    var colorbarWidth: Double { points(15) }

    static let text = Color(hex: 0x1A1A1A)
    static let spine = Color(hex: 0x333333)
    static let grid = Color(hex: 0xE2E2E2)
    static let legendEdge = Color(hex: 0xC8C8C8)

    /// The x coordinate of a crisp vertical line of `width` pixels through `x` (pixel centres
    /// for odd widths, pixel edges for even ones).
    static func snap(_ x: Double, width: Double) -> Double {
        Int(width.rounded()) % 2 == 1 ? x.rounded(.down) + 0.5 : x.rounded()
    }
}
