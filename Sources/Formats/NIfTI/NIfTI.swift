import Foundation
import Tensors

/// A NIfTI-1 image read into memory: the header and the voxel values as a [volumes, voxels]
/// tensor. Voxel v of a volume is (x, y, z) with v = x + nx·(y + ny·z) (NIfTI's x-fastest order);
/// volumes are the 4th dimension (time points of a BOLD run, maps of a probabilistic atlas) with
/// any 5th–7th dimensions folded into them. A 3-D image has one volume.
public struct NIfTIImage: Sendable {
    /// The header.
    public var header: NIfTIHeader
    /// Values after scl_slope/scl_inter scaling, [volumes, voxels] (float64 data rounded to Float).
    public var values: Tensor

    /// Spatial extent (nx, ny, nz), 1 for missing axes.
    public var spatialShape: [Int] { (0..<3).map { $0 < header.dimensions.count ? header.dimensions[$0] : 1 } }
    /// Voxels per volume.
    public var voxelCount: Int { values.shape[1] }
    /// Number of volumes.
    public var volumeCount: Int { values.shape[0] }
    /// The repetition time in seconds, for 4-D images.
    public var repetitionTime: Double? { header.repetitionTime }

    /// An image from a header and values (shape checked against the header's dimensions).
    public init(header: NIfTIHeader, values: Tensor) {
        self.header = header
        self.values = values
    }
}

/// Reads single-file NIfTI-1 images (`.nii`, and gzip-compressed `.nii.gz`), either byte order.
public enum NIfTI {
    /// Reads the image at `url` (gzip is detected from the content, not the name).
    /// - Throws: `FormatError.fileNotFound`/`.readFailed`; `NIfTIError` for a bad header, a damaged
    ///   gzip stream or a truncated data block.
    public static func read(_ url: URL) throws -> NIfTIImage {
        try decode(FileReading.data(url), path: displayPath(url))
    }

    /// Decodes the bytes of a NIfTI-1 file (gzip-compressed or not); `path` labels errors.
    public static func decode(_ data: Data, path: String) throws -> NIfTIImage {
        let bytes = Gzip.isCompressed(data) ? try Gzip.decompress(data, path: path) : data
        return try bytes.withUnsafeBytes { raw in
            let header = try NIfTIHeader.parse(raw, path: path)
            let voxels = spatialCount(header.dimensions), volumes = header.dimensions.dropFirst(3).reduce(1, *)
            let (count, overflow) = voxels.multipliedReportingOverflow(by: volumes)
            let needed = count.multipliedReportingOverflow(by: header.datatype.byteSize)
            let available = max(0, raw.count - header.voxelOffset)
            guard !overflow, !needed.overflow, needed.partialValue <= available else {
                throw NIfTIError.truncatedData(path: path, expected: overflow || needed.overflow ? Int.max : needed.partialValue, available: available)
            }
            let block = UnsafeRawBufferPointer(rebasing: raw[header.voxelOffset..<(header.voxelOffset + needed.partialValue)])
            let values = Tensor(shape: [volumes, voxels]) { out in convert(block, header: header, into: out) }
            return NIfTIImage(header: header, values: values)
        }
    }

    /// Voxels per volume: the product of the first three dimensions.
    static func spatialCount(_ dimensions: [Int]) -> Int { dimensions.prefix(3).reduce(1, *) }

    /// Converts stored elements to Float, swapping bytes and scaling as the header says.
    /// - Complexity: O(elements), one pass.
    static func convert(_ block: UnsafeRawBufferPointer, header: NIfTIHeader, into out: UnsafeMutableBufferPointer<Float>) {
        let swap = header.bigEndian != (UInt16(1).bigEndian == 1)
        func load<T: FixedWidthInteger>(_: T.Type, _ i: Int) -> T {
            let raw = block.loadUnaligned(fromByteOffset: i * MemoryLayout<T>.size, as: T.self)
            return swap ? raw.byteSwapped : raw
        }
        for i in out.indices {
            switch header.datatype {
            case .uint8: out[i] = Float(block[i])
            case .int8: out[i] = Float(Int8(bitPattern: block[i]))
            case .int16: out[i] = Float(Int16(bitPattern: load(UInt16.self, i)))
            case .uint16: out[i] = Float(load(UInt16.self, i))
            case .int32: out[i] = Float(Int32(bitPattern: load(UInt32.self, i)))
            case .float32: out[i] = Float(bitPattern: load(UInt32.self, i))
            case .float64: out[i] = Float(Double(bitPattern: load(UInt64.self, i)))
            }
        }
        if header.isScaled {
            let (slope, intercept) = (header.scaleSlope, header.scaleIntercept)
            for i in out.indices { out[i] = out[i] * slope + intercept }
        }
    }
}
