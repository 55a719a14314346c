import CPNG
import Foundation

/// How hard libpng compresses.
public enum PNGCompression: String, CaseIterable, Sendable {
    /// libpng's fast mode: no row filters, zlib level 3. Four to eight times faster than
    /// `.smallest`; files are up to ~40 % larger for dense images, about the same for charts.
    case fast
    /// libpng's defaults: adaptive row filters, zlib level 6 (what Pillow and matplotlib write).
    case smallest
}

extension Canvas {
    /// The canvas as a PNG byte stream (RGB when every pixel is opaque, else RGBA; 8 bits per
    /// channel), with `metadata` as text chunks after the header. Same pixels, metadata and
    /// compression give the same bytes.
    /// - Throws: `PlotError.pngEncodingFailed`, `PlotError.invalidMetadata`.
    public func encodePNG(metadata: PNGMetadata = PNGMetadata(), compression: PNGCompression = .fast) throws -> [UInt8] {
        let opaque = isOpaque
        var bytes = rgba8()
        if opaque { bytes = Canvas.droppingAlpha(bytes) }
        var image = png_image()
        image.version = mindscope_png_image_version()
        image.width = UInt32(width)
        image.height = UInt32(height)
        image.format = opaque ? mindscope_png_format_rgb() : mindscope_png_format_rgba()
        image.flags = compression == .fast ? mindscope_png_image_flag_fast() : 0
        var size = mindscope_png_image_png_size_max(&image)
        var out = [UInt8](repeating: 0, count: size)
        let ok = out.withUnsafeMutableBytes { memory in
            bytes.withUnsafeBytes { pixels in
                png_image_write_to_memory(&image, memory.baseAddress, &size, 0, pixels.baseAddress, 0, nil)
            }
        }
        let message = String(cString: mindscope_png_image_message(&image))
        png_image_free(&image)
        guard ok != 0 else { throw PlotError.pngEncodingFailed(reason: message.isEmpty ? "libpng failed" : message) }
        out.removeSubrange(size...)
        return try PNGChunks.inserting(metadata, into: out)
    }

    /// Writes the canvas as a PNG file at `url`, atomically: the bytes go to a temporary file in
    /// the same directory, which is then renamed over `url`, so readers never see half a file.
    /// - Throws: `PlotError.cannotWrite` when the directory is missing or not writable, and the
    ///   errors of `encodePNG`.
    public func writePNG(to url: URL, metadata: PNGMetadata = PNGMetadata(), compression: PNGCompression = .fast) throws {
        let data = Data(try encodePNG(metadata: metadata, compression: compression))
        try Canvas.writeAtomically(data, to: url)
    }

    static func writeAtomically(_ data: Data, to url: URL) throws {
        let directory = url.deletingLastPathComponent()
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).\(UUID().uuidString).tmp")
        do {
            try data.write(to: temporary)
        } catch {
            throw PlotError.cannotWrite(path: url.path, reason: (error as NSError).localizedFailureReason ?? "\(error.localizedDescription)")
        }
        if rename(temporary.path, url.path) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw PlotError.cannotWrite(path: url.path, reason: reason)
        }
    }

    private static func droppingAlpha(_ rgba: [UInt8]) -> [UInt8] {
        let count = rgba.count / 4
        return [UInt8](unsafeUninitializedCapacity: count * 3) { out, initialized in
            for i in 0..<count {
                out[3 * i] = rgba[4 * i]; out[3 * i + 1] = rgba[4 * i + 1]; out[3 * i + 2] = rgba[4 * i + 2]
            }
            initialized = count * 3
        }
    }
}

/// A decoded PNG file: 8-bit straight-alpha RGBA pixels and its text chunks.
public struct PNGImage: Sendable {
    /// Size in pixels.
    public let width: Int, height: Int
    /// RGBA bytes, row-major, `width × height × 4` of them.
    public let rgba: [UInt8]
    /// The file's `tEXt`/`iTXt` entries.
    public let metadata: PNGMetadata

    /// Reads and decodes the PNG file at `url` with libpng (any PNG colour type, converted to RGBA).
    /// - Throws: `PlotError.pngUnreadable`.
    public init(contentsOf url: URL) throws {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw PlotError.pngUnreadable(path: url.path, reason: "no such readable file")
        }
        metadata = try PNGChunks.textEntries(in: Array(data), path: url.path)
        var image = png_image()
        image.version = mindscope_png_image_version()
        guard png_image_begin_read_from_file(&image, url.path) != 0 else {
            let reason = String(cString: mindscope_png_image_message(&image))
            png_image_free(&image)
            throw PlotError.pngUnreadable(path: url.path, reason: reason)
        }
        image.format = mindscope_png_format_rgba()
        var pixels = [UInt8](repeating: 0, count: mindscope_png_image_size(&image))
        let ok = pixels.withUnsafeMutableBytes { png_image_finish_read(&image, nil, $0.baseAddress, 0, nil) }
        let reason = String(cString: mindscope_png_image_message(&image))
        png_image_free(&image)
        guard ok != 0 else { throw PlotError.pngUnreadable(path: url.path, reason: reason) }
        width = Int(image.width)
        height = Int(image.height)
        rgba = pixels
    }

    /// The pixel at column `x`, row `y`.
    public subscript(x: Int, y: Int) -> RGBA8 {
        let i = 4 * (y * width + x)
        return RGBA8(rgba[i], rgba[i + 1], rgba[i + 2], rgba[i + 3])
    }
}
