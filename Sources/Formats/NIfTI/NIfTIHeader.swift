import Foundation

/// The fields of a NIfTI-1 header that mindscope uses (the 348-byte `nifti_1_header`).
///
/// Offsets: sizeof_hdr 0, dim 40 (8 × int16), datatype 70, bitpix 72, pixdim 76 (8 × float32),
/// vox_offset 108, scl_slope 112, scl_inter 116, xyzt_units 123, descrip 148 (80 chars),
/// qform_code 252, sform_code 254, srow_x/y/z 280/296/312 (4 × float32 each), magic 344.
public struct NIfTIHeader: Equatable, Sendable {
    /// Element types of the data block.
    public enum Datatype: Int16, Sendable, CaseIterable {
        /// NIfTI codes: DT_UINT8 2, DT_INT16 4, DT_INT32 8, DT_FLOAT32 16, DT_FLOAT64 64, DT_INT8 256, DT_UINT16 512.
        case uint8 = 2, int16 = 4, int32 = 8, float32 = 16, float64 = 64, int8 = 256, uint16 = 512

        /// Bytes per element.
        public var byteSize: Int {
            switch self {
            case .uint8, .int8: return 1
            case .int16, .uint16: return 2
            case .int32, .float32: return 4
            case .float64: return 8
            }
        }
    }

    /// Units of `pixdim[4]` from bits 3–5 of xyzt_units.
    public enum TimeUnit: Int, Sendable {
        /// NIFTI_UNITS_UNKNOWN 0, _SEC 8, _MSEC 16, _USEC 24.
        case unknown = 0, seconds = 8, milliseconds = 16, microseconds = 24

        /// Seconds per unit (unknown is taken as seconds, as most tools do).
        public var seconds: Double {
            switch self {
            case .unknown, .seconds: return 1
            case .milliseconds: return 1e-3
            case .microseconds: return 1e-6
            }
        }
    }

    /// True when the file is big-endian.
    public var bigEndian: Bool
    /// The used dimensions (dim[1…dim[0]]): x, y, z, t, ...
    public var dimensions: [Int]
    /// The element type.
    public var datatype: Datatype
    /// Voxel sizes and the time step: pixdim[1…dim[0]].
    public var spacing: [Float]
    /// Byte offset of the data block.
    public var voxelOffset: Int
    /// Scale and intercept applied to stored values (slope 0 or NaN: none).
    public var scaleSlope: Float
    /// Intercept (used only with a slope).
    public var scaleIntercept: Float
    /// Unit of the time step.
    public var timeUnit: TimeUnit
    /// The description text.
    public var description: String
    /// sform_code and the affine rows srow_x/y/z (voxel → world), when the file has one.
    public var sformCode: Int16
    /// srow_x, srow_y, srow_z.
    public var affine: [[Float]]

    /// True when stored values are scaled on reading.
    public var isScaled: Bool { scaleSlope != 0 && scaleSlope.isFinite && scaleIntercept.isFinite }

    /// The repetition time in seconds (pixdim[4] in its unit), for 4-D images with a positive step.
    public var repetitionTime: Double? {
        guard dimensions.count >= 4, spacing.count >= 4, spacing[3] > 0 else { return nil }
        return Double(spacing[3]) * timeUnit.seconds
    }
}

/// Reads fixed-width numbers at byte offsets in either byte order.
struct EndianReader {
    let bytes: UnsafeRawBufferPointer
    let bigEndian: Bool

    func int16(_ offset: Int) -> Int16 {
        let raw = bytes.loadUnaligned(fromByteOffset: offset, as: UInt16.self)
        return Int16(bitPattern: bigEndian ? raw.byteSwapped : raw)
    }
    func int32(_ offset: Int) -> Int32 {
        let raw = bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self)
        return Int32(bitPattern: bigEndian ? raw.byteSwapped : raw)
    }
    func float32(_ offset: Int) -> Float {
        let raw = bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self)
        return Float(bitPattern: bigEndian ? raw.byteSwapped : raw)
    }
    func text(_ offset: Int, length: Int) -> String {
        let slice = bytes[offset..<(offset + length)]
        let end = slice.firstIndex(of: 0) ?? slice.endIndex
        return String(decoding: bytes[offset..<end], as: UTF8.self)
    }
}

extension NIfTIHeader {
    /// Parses and checks the header at the start of `bytes` (at least 348 bytes).
    /// - Throws: `NIfTIError` for a wrong size field, magic, dimensions, datatype, bitpix or offset.
    static func parse(_ bytes: UnsafeRawBufferPointer, path: String) throws -> NIfTIHeader {
        guard bytes.count >= 348 else { throw NIfTIError.truncatedHeader(path: path, size: bytes.count) }
        let little = EndianReader(bytes: bytes, bigEndian: false)
        let size = little.int32(0)
        let bigEndian: Bool
        if size == 348 { bigEndian = false } else if size.byteSwapped == 348 { bigEndian = true } else {
            throw NIfTIError.notNIfTI(path: path, sizeofHeader: size)
        }
        let reader = EndianReader(bytes: bytes, bigEndian: bigEndian)
        let magic = reader.text(344, length: 4)
        guard magic == "n+1" else { throw NIfTIError.unsupportedMagic(path: path, magic: magic) }
        let dims = (0..<8).map { reader.int16(40 + 2 * $0) }
        let rank = Int(dims[0])
        guard (1...7).contains(rank), dims[1...rank].allSatisfy({ $0 >= 1 }) else { throw NIfTIError.inconsistentDimensions(path: path, dims: dims) }
        let code = reader.int16(70)
        guard let datatype = Datatype(rawValue: code) else { throw NIfTIError.unsupportedDatatype(path: path, code: code) }
        let bitpix = reader.int16(72)
        guard Int(bitpix) == 8 * datatype.byteSize else { throw NIfTIError.bitpixMismatch(path: path, datatype: "\(datatype)", bitpix: bitpix) }
        let offset = reader.float32(108)
        guard offset >= 348, offset == offset.rounded(), offset < 1e12 else { throw NIfTIError.invalidVoxelOffset(path: path, offset: offset) }
        let pixdim = (0..<8).map { reader.float32(76 + 4 * $0) }
        let units = Int(bytes[123]) & 0x38
        return NIfTIHeader(bigEndian: bigEndian, dimensions: dims[1...rank].map(Int.init), datatype: datatype,
                           spacing: Array(pixdim[1...rank]), voxelOffset: Int(offset), scaleSlope: reader.float32(112),
                           scaleIntercept: reader.float32(116), timeUnit: TimeUnit(rawValue: units) ?? .unknown,
                           description: reader.text(148, length: 80), sformCode: reader.int16(254),
                           affine: (0..<3).map { row in (0..<4).map { reader.float32(280 + 16 * row + 4 * $0) } })
    }
}
