/// A colour in sRGB with straight (not premultiplied) alpha, each component in 0...1.
public struct Color: Hashable, Sendable, CustomStringConvertible {
    /// Red, green, blue and opacity, each in 0...1.
    public var red: Float, green: Float, blue: Float, alpha: Float

    /// A colour from its components, each clamped to 0...1.
    public init(red: Float, green: Float, blue: Float, alpha: Float = 1) {
        self.red = min(max(red, 0), 1)
        self.green = min(max(green, 0), 1)
        self.blue = min(max(blue, 0), 1)
        self.alpha = min(max(alpha, 0), 1)
    }

    /// A colour from a 24-bit `0xRRGGBB` value.
    public init(hex: UInt32, alpha: Float = 1) {
        self.init(red: Float((hex >> 16) & 0xFF) / 255, green: Float((hex >> 8) & 0xFF) / 255,
                  blue: Float(hex & 0xFF) / 255, alpha: alpha)
    }

    /// The same colour with opacity `alpha`.
    public func withAlpha(_ alpha: Float) -> Color { Color(red: red, green: green, blue: blue, alpha: alpha) }

    /// The colour mixed towards `other` by `fraction` (0 gives self, 1 gives other), alpha included.
    public func mixed(with other: Color, _ fraction: Float) -> Color {
        let t = min(max(fraction, 0), 1)
        return Color(red: red + (other.red - red) * t, green: green + (other.green - green) * t,
                     blue: blue + (other.blue - blue) * t, alpha: alpha + (other.alpha - alpha) * t)
    }

    /// Relative luminance (Rec. 709 weights on the sRGB values), used to pick readable text colours.
    public var luminance: Float { 0.2126 * red + 0.7152 * green + 0.0722 * blue }

    /// `#rrggbb` (or `#rrggbbaa` when not opaque).
    public var description: String {
        let parts = [red, green, blue] + (alpha < 1 ? [alpha] : [])
        return "#" + parts.map { component -> String in
            let byte = Int((component * 255).rounded())
            return (byte < 16 ? "0" : "") + String(byte, radix: 16)
        }.joined()
    }

    /// Opaque white.
    public static let white = Color(red: 1, green: 1, blue: 1)
    /// Opaque black.
    public static let black = Color(red: 0, green: 0, blue: 0)
    /// Fully transparent.
    public static let clear = Color(red: 0, green: 0, blue: 0, alpha: 0)
}

/// One pixel as 8-bit straight-alpha RGBA, as stored in PNG files.
public struct RGBA8: Hashable, Sendable, CustomStringConvertible {
    /// Red, green, blue and opacity, 0...255.
    public var red: UInt8, green: UInt8, blue: UInt8, alpha: UInt8

    /// A pixel from its four bytes.
    public init(_ red: UInt8, _ green: UInt8, _ blue: UInt8, _ alpha: UInt8 = 255) {
        self.red = red
        self.green = green
        self.blue = blue
        self.alpha = alpha
    }

    /// The colour rounded to 8 bits per component.
    public init(_ color: Color) {
        func byte(_ value: Float) -> UInt8 { UInt8((min(max(value, 0), 1) * 255).rounded()) }
        self.init(byte(color.red), byte(color.green), byte(color.blue), byte(color.alpha))
    }

    /// `(r, g, b, a)`.
    public var description: String { "(\(red), \(green), \(blue), \(alpha))" }
}
