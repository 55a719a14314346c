import Foundation

/// Everything that can go wrong reading or writing a file in `Formats`.
///
/// Every case carries `path` — the file (or, for in-memory data, the label the caller gave) — and
/// what is wrong with it. `description` renders one line of the form `path: problem`, suitable for
/// the shell's `error: ...` line; messages are produced only in this file.
public enum FormatError: Error, Equatable, Sendable {
    // MARK: Any file
    /// The file does not exist.
    case fileNotFound(path: String)
    /// The file exists but could not be opened, inspected or mapped (`reason` from the OS).
    case readFailed(path: String, reason: String)
    /// Writing, creating a directory or renaming into place failed (`reason` from the OS).
    case writeFailed(path: String, reason: String)
    /// The data ends before `expected` (e.g. "the 8-byte header length") could be read.
    case truncated(path: String, expected: String)
    /// A name asked for is not in the file; `available` lists what is.
    case notFound(path: String, kind: EntryKind, name: String, available: [String])
    /// A name occurs twice where names must be unique (tensors, archive members, columns).
    case duplicateName(path: String, kind: EntryKind, name: String)
    /// Values were requested as a type the stored element type cannot be converted to exactly.
    case wrongElementType(path: String, name: String, stored: String, requested: String)
    /// An argument given to a writer is inconsistent (e.g. value count vs shape).
    case invalidArgument(path: String, reason: String)

    // MARK: safetensors
    /// The 8-byte header length points past the end of the file.
    case headerLengthPastEnd(path: String, headerLength: UInt64, fileSize: Int)
    /// The header is not valid JSON, or not an object.
    case invalidHeaderJSON(path: String, reason: String)
    /// The header is JSON but its structure is wrong (missing key, bad offsets, metadata types).
    case invalidHeader(path: String, reason: String)
    /// A tensor's dtype is not one this reader knows.
    case unknownDType(path: String, tensor: String, dtype: String)
    /// A tensor's element count or byte size does not fit in a machine integer.
    case shapeOverflow(path: String, tensor: String, shape: String)
    /// shape × dtype size disagrees with the tensor's byte range.
    case byteCountMismatch(path: String, tensor: String, expected: Int, actual: Int)
    /// A tensor's byte range ends past the end of the data section.
    case offsetsOutOfBounds(path: String, tensor: String, end: Int, dataSize: Int)
    /// Two tensors share bytes.
    case overlappingTensors(path: String, first: String, second: String)
    /// Bytes of the data section belong to no tensor (gaps are rejected, as the reference reader does).
    case uncoveredBytes(path: String, range: Range<Int>)
    /// A sharded checkpoint's `*.safetensors.index.json` disagrees with itself or its shards.
    case invalidIndex(path: String, reason: String)

    // MARK: .npy / .npz / zip
    /// The file does not start with the magic bytes of `format`.
    case badMagic(path: String, format: String)
    /// A format version this reader does not handle.
    case unsupportedVersion(path: String, format: String, version: String)
    /// The .npy header dictionary is malformed.
    case invalidNpyHeader(path: String, reason: String)
    /// Bytes follow the last element of a .npy array.
    case trailingBytes(path: String, count: Int)
    /// A .npy dtype descriptor this reader does not handle.
    case unsupportedNpyDType(path: String, descr: String)
    /// The zip structure is damaged (`reason` names the record).
    case corruptArchive(path: String, reason: String)
    /// A zip member's contents do not match its CRC-32.
    case crcMismatch(path: String, member: String)
    /// A zip member uses a compression method other than stored (0) or deflated (8).
    case unsupportedCompression(path: String, member: String, method: Int)

    // MARK: CSV
    /// A quoted field is still open at the end of the data.
    case unterminatedQuote(path: String, line: Int)
    /// Something other than a delimiter or line end follows a closing quote.
    case unexpectedCharacterAfterQuote(path: String, line: Int)
    /// A row has a different number of fields than the first row.
    case raggedRow(path: String, line: Int, expected: Int, actual: Int)
    /// The text is not valid UTF-8.
    case invalidUTF8(path: String)
    /// A column holding text was asked for as numbers.
    case columnNotNumeric(path: String, column: String)

    // MARK: JSON
    /// The JSON could not be parsed or decoded (`reason` names where).
    case invalidJSON(path: String, reason: String)
    /// NaN or ±infinity at `location`: JSON has no spelling for them.
    case nonFiniteNumber(path: String, location: String)

    /// What a missing or duplicated name refers to, for messages.
    public enum EntryKind: String, Sendable {
        case tensor, array, member, column, shard
    }
}
