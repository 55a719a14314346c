import Foundation

/// What can be wrong with a NIfTI-1 file. Messages are made here, one line each: `path: problem`.
public enum NIfTIError: Error, Equatable, Sendable, CustomStringConvertible, LocalizedError {
    /// Shorter than the 348-byte header (after decompression).
    case truncatedHeader(path: String, size: Int)
    /// `sizeof_hdr` is not 348 in either byte order.
    case notNIfTI(path: String, sizeofHeader: Int32)
    /// The magic is not "n+1" (single file); "ni1" means a .hdr/.img pair.
    case unsupportedMagic(path: String, magic: String)
    /// dim[0] outside 1…7 or a dimension < 1.
    case inconsistentDimensions(path: String, dims: [Int16])
    /// A datatype code this reader does not handle.
    case unsupportedDatatype(path: String, code: Int16)
    /// bitpix disagrees with the datatype.
    case bitpixMismatch(path: String, datatype: String, bitpix: Int16)
    /// vox_offset inside the header or not a whole byte position.
    case invalidVoxelOffset(path: String, offset: Float)
    /// The data block is shorter than the dimensions require.
    case truncatedData(path: String, expected: Int, available: Int)
    /// The gzip stream is damaged or ends early.
    case corruptGzip(path: String, reason: String)

    public var description: String {
        switch self {
        case let .truncatedHeader(path, size):
            return "\(path): not a NIfTI-1 file: \(size) bytes, shorter than the 348-byte header"
        case let .notNIfTI(path, size):
            return "\(path): not a NIfTI-1 file: sizeof_hdr is \(size), expected 348 in either byte order"
        case let .unsupportedMagic(path, magic):
            return magic == "ni1"
                ? "\(path): a NIfTI-1 header/image pair (.hdr + .img) is not supported; convert it to a single .nii file"
                : "\(path): not a NIfTI-1 single file: magic is \"\(magic)\", expected \"n+1\""
        case let .inconsistentDimensions(path, dims):
            return "\(path): inconsistent dimensions \(dims): dim[0] must be 1…7 and dim[1…dim[0]] at least 1"
        case let .unsupportedDatatype(path, code):
            return "\(path): unsupported datatype code \(code); readable: uint8 (2), int16 (4), int32 (8), float32 (16), float64 (64), int8 (256), uint16 (512)"
        case let .bitpixMismatch(path, datatype, bitpix):
            return "\(path): bitpix \(bitpix) does not match datatype \(datatype)"
        case let .invalidVoxelOffset(path, offset):
            return "\(path): vox_offset \(offset) is not a byte position after the 348-byte header"
        case let .truncatedData(path, expected, available):
            return "\(path): truncated data block: the dimensions need \(expected) bytes after vox_offset, the file has \(available)"
        case let .corruptGzip(path, reason):
            return "\(path): damaged gzip data: \(reason)"
        }
    }

    public var errorDescription: String? { description }
}
