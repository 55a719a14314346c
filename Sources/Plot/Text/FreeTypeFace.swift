import CFreeType

/// One TrueType/OpenType face opened with FreeType, with a cache of rendered glyphs.
/// Not thread-safe (FreeType faces are not): each render owns its own.
final class FreeTypeFace {
    private var library: FT_Library?
    private var face: FT_Face?
    private var currentSize: Int = -1
    private var glyphs: [GlyphKey: Glyph] = [:]
    private let hasKerning: Bool
    /// The file the face was read from.
    let path: String

    private struct GlyphKey: Hashable {
        let scalar: UInt32
        let size64: Int
    }

    /// Opens the first face in the font file at `path`.
    /// - Throws: `PlotError.fontUnreadable` when FreeType cannot open it.
    init(path: String) throws {
        self.path = path
        var library: FT_Library?
        guard FT_Init_FreeType(&library) == 0, let library else {
            throw PlotError.fontUnreadable(path: path, reason: "FreeType could not start")
        }
        var face: FT_Face?
        let status = FT_New_Face(library, path, 0, &face)
        guard status == 0, let face else {
            FT_Done_FreeType(library)
            throw PlotError.fontUnreadable(path: path, reason: "FreeType error \(status)")
        }
        self.library = library
        self.face = face
        hasKerning = mindscope_ft_has_kerning(face) != 0
    }

    deinit {
        if let face { FT_Done_Face(face) }
        if let library { FT_Done_FreeType(library) }
    }

    /// Sizes are kept in 1/64 pixel, FreeType's 26.6 fixed point.
    private func select(size64: Int) {
        guard size64 != currentSize, let face else { return }
        FT_Set_Char_Size(face, 0, FT_F26Dot6(size64), 72, 72)
        currentSize = size64
    }

    /// Ascent and descent of a line at `pixelSize`, rounded up to whole pixels.
    func lineMetrics(pixelSize: Double) -> (ascent: Int, descent: Int) {
        select(size64: FreeTypeFace.size64(pixelSize))
        guard let metrics = face?.pointee.size?.pointee.metrics else { return (Int(pixelSize), 0) }
        let ascent = (Int(metrics.ascender) + 63) / 64
        let descent = (abs(Int(metrics.descender)) + 63) / 64
        return (ascent, descent)
    }

    /// The anti-aliased glyph for `scalar` (the font's missing-glyph box when it has none).
    func glyph(for scalar: Unicode.Scalar, pixelSize: Double) -> Glyph {
        let size64 = FreeTypeFace.size64(pixelSize)
        let key = GlyphKey(scalar: scalar.value, size64: size64)
        if let cached = glyphs[key] { return cached }
        select(size64: size64)
        var glyph = Glyph(width: 0, rows: 0, left: 0, top: 0, advance: pixelSize / 2, coverage: [])
        if let face, FT_Load_Glyph(face, FT_Get_Char_Index(face, FT_ULong(scalar.value)),
                                   mindscope_ft_load_render() | mindscope_ft_load_target_light()) == 0,
           let slot = face.pointee.glyph {
            let bitmap = slot.pointee.bitmap
            glyph.advance = Double(slot.pointee.advance.x) / 64
            glyph.left = Int(slot.pointee.bitmap_left)
            glyph.top = Int(slot.pointee.bitmap_top)
            if Int32(bitmap.pixel_mode) == mindscope_ft_pixel_mode_gray(), let buffer = bitmap.buffer {
                glyph.width = Int(bitmap.width)
                glyph.rows = Int(bitmap.rows)
                var coverage = [UInt8](repeating: 0, count: glyph.width * glyph.rows)
                for row in 0..<glyph.rows {
                    let line = buffer + row * Int(bitmap.pitch)
                    for column in 0..<glyph.width { coverage[row * glyph.width + column] = line[column] }
                }
                glyph.coverage = coverage
            }
        }
        glyphs[key] = glyph
        return glyph
    }

    /// The kerning adjustment in pixels between two characters (0 when the font has none).
    func kerning(_ left: Unicode.Scalar, _ right: Unicode.Scalar, pixelSize: Double) -> Double {
        guard hasKerning, let face else { return 0 }
        select(size64: FreeTypeFace.size64(pixelSize))
        var delta = FT_Vector()
        let status = FT_Get_Kerning(face, FT_Get_Char_Index(face, FT_ULong(left.value)),
                                    FT_Get_Char_Index(face, FT_ULong(right.value)), UInt32(FT_KERNING_DEFAULT.rawValue), &delta)
        return status == 0 ? Double(delta.x) / 64 : 0
    }

    private static func size64(_ pixelSize: Double) -> Int { max(64, Int((pixelSize * 64).rounded())) }
}
