import Foundation
import Tensors

/// Writes single-file NIfTI-1 images (`.nii`, or gzip-compressed when the name ends in `.gz`),
/// in either byte order, atomically.
public enum NIfTIWriter {
    /// What to write: dimensions (x, y, z[, t, ...]), the stored element type and the values in
    /// file order (x fastest), given as stored (raw) numbers; readers apply `slope`/`intercept`.
    public struct Volume: Sendable {
        /// Extents (x, y, z[, t, ...]), 1…7 of them.
        public var dimensions: [Int]
        /// pixdim[1…]: voxel sizes in mm, then the time step in `timeUnit`.
        public var spacing: [Float]
        /// Stored element type.
        public var datatype: NIfTIHeader.Datatype
        /// Stored values in file order (rounded and clamped for integer types).
        public var rawValues: [Double]
        /// scl_slope (0: unscaled).
        public var slope: Float
        /// scl_inter.
        public var intercept: Float
        /// Unit of the time step.
        public var timeUnit: NIfTIHeader.TimeUnit
        /// The descrip field (at most 79 bytes are kept).
        public var description: String

        /// A volume; `spacing` defaults to 1 per axis, `slope` 0 means unscaled.
        public init(dimensions: [Int], spacing: [Float]? = nil, datatype: NIfTIHeader.Datatype = .float32, rawValues: [Double],
                    slope: Float = 0, intercept: Float = 0, timeUnit: NIfTIHeader.TimeUnit = .seconds, description: String = "mindscope") {
            self.dimensions = dimensions
            self.spacing = spacing ?? [Float](repeating: 1, count: dimensions.count)
            self.datatype = datatype
            self.rawValues = rawValues
            self.slope = slope
            self.intercept = intercept
            self.timeUnit = timeUnit
            self.description = description
        }
    }

    /// The bytes of a .nii file (header, 4 zero extension bytes, data at offset 352).
    /// - Throws: `FormatError.invalidArgument` when the values do not fill the dimensions.
    public static func encode(_ volume: Volume, bigEndian: Bool = false, path: String = "image.nii") throws -> Data {
        let count = volume.dimensions.reduce(1, *)
        guard (1...7).contains(volume.dimensions.count), volume.dimensions.allSatisfy({ $0 >= 1 }), volume.rawValues.count == count,
              volume.spacing.count == volume.dimensions.count else {
            throw FormatError.invalidArgument(path: path, reason: "\(volume.rawValues.count) values and \(volume.spacing.count) spacings for dimensions \(volume.dimensions)")
        }
        var header = [UInt8](repeating: 0, count: 352)
        func put<T: FixedWidthInteger>(_ value: T, _ offset: Int) {
            let ordered = bigEndian ? value.bigEndian : value.littleEndian
            withUnsafeBytes(of: ordered) { for (i, byte) in $0.enumerated() { header[offset + i] = byte } }
        }
        func putFloat(_ value: Float, _ offset: Int) { put(value.bitPattern, offset) }
        put(Int32(348), 0)
        put(Int16(volume.dimensions.count), 40)
        for (i, d) in volume.dimensions.enumerated() { put(Int16(d), 42 + 2 * i) }
        put(volume.datatype.rawValue, 70)
        put(Int16(8 * volume.datatype.byteSize), 72)
        putFloat(1, 76)
        for (i, s) in volume.spacing.enumerated() { putFloat(s, 80 + 4 * i) }
        putFloat(352, 108)
        putFloat(volume.slope, 112)
        putFloat(volume.intercept, 116)
        header[123] = UInt8(2 | volume.timeUnit.rawValue)  // millimetres + the time unit
        for (i, byte) in volume.description.utf8.prefix(79).enumerated() { header[148 + i] = byte }
        for (i, byte) in "n+1".utf8.enumerated() { header[344 + i] = byte }
        var data = Data(header)
        data.reserveCapacity(352 + count * volume.datatype.byteSize)
        for value in volume.rawValues { append(value, as: volume.datatype, bigEndian: bigEndian, to: &data) }
        return data
    }

    /// Writes `volume` to `url` atomically; gzip-compressed when the file name ends in `.gz`.
    public static func write(_ volume: Volume, to url: URL, bigEndian: Bool = false) throws {
        let path = displayPath(url)
        var data = try encode(volume, bigEndian: bigEndian, path: path)
        if url.pathExtension == "gz" { data = try Gzip.compress(data, path: path) }
        try AtomicFile.write(data, to: url)
    }

    private static func append(_ value: Double, as datatype: NIfTIHeader.Datatype, bigEndian: Bool, to data: inout Data) {
        func bytes<T: FixedWidthInteger>(_ v: T) { let o = bigEndian ? v.bigEndian : v.littleEndian; withUnsafeBytes(of: o) { data.append(contentsOf: $0) } }
        switch datatype {
        case .uint8: data.append(UInt8(clamping: Int(value.rounded())))
        case .int8: data.append(UInt8(bitPattern: Int8(clamping: Int(value.rounded()))))
        case .int16: bytes(Int16(clamping: Int(value.rounded())))
        case .uint16: bytes(UInt16(clamping: Int(value.rounded())))
        case .int32: bytes(Int32(clamping: Int(value.rounded())))
        case .float32: bytes(Float(value).bitPattern)
        case .float64: bytes(value.bitPattern)
        }
    }
}
