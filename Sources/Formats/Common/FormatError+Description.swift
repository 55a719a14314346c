import Foundation

extension FormatError: CustomStringConvertible, LocalizedError {
    /// One line: `path: what is wrong`.
    public var description: String { "\(path): \(problem)" }

    /// The same line, for APIs that read `localizedDescription`.
    public var errorDescription: String? { description }

    /// The file (or label) the error is about.
    public var path: String {
        switch self {
        case let .fileNotFound(path), let .readFailed(path, _), let .writeFailed(path, _),
             let .truncated(path, _), let .notFound(path, _, _, _), let .duplicateName(path, _, _),
             let .wrongElementType(path, _, _, _), let .invalidArgument(path, _),
             let .headerLengthPastEnd(path, _, _), let .invalidHeaderJSON(path, _), let .invalidHeader(path, _),
             let .unknownDType(path, _, _), let .shapeOverflow(path, _, _), let .byteCountMismatch(path, _, _, _),
             let .offsetsOutOfBounds(path, _, _, _), let .overlappingTensors(path, _, _), let .uncoveredBytes(path, _), let .invalidIndex(path, _),
             let .badMagic(path, _), let .unsupportedVersion(path, _, _), let .invalidNpyHeader(path, _), let .trailingBytes(path, _),
             let .unsupportedNpyDType(path, _), let .corruptArchive(path, _), let .crcMismatch(path, _),
             let .unsupportedCompression(path, _, _), let .unterminatedQuote(path, _),
             let .unexpectedCharacterAfterQuote(path, _), let .raggedRow(path, _, _, _), let .invalidUTF8(path),
             let .columnNotNumeric(path, _), let .invalidJSON(path, _), let .nonFiniteNumber(path, _):
            return path
        }
    }

    /// What is wrong, without the path.
    public var problem: String {
        generalProblem ?? safetensorsProblem ?? archiveProblem ?? textProblem ?? "unknown problem"
    }

    private var generalProblem: String? {
        switch self {
        case .fileNotFound: return "no such file"
        case let .readFailed(_, reason): return "cannot read: \(reason)"
        case let .writeFailed(_, reason): return "cannot write: \(reason)"
        case let .truncated(_, expected): return "file is truncated: it ends before \(expected)"
        case let .notFound(_, kind, name, available):
            return "no \(kind.rawValue) named '\(name)'" + NameSuggestions.hint(for: name, among: available, kind: kind)
        case let .duplicateName(_, kind, name): return "\(kind.rawValue) name '\(name)' occurs more than once"
        case let .wrongElementType(_, name, stored, requested):
            return "'\(name)' holds \(stored) values, which cannot be read as \(requested)"
        case let .invalidArgument(_, reason): return reason
        default: return nil
        }
    }

    private var safetensorsProblem: String? {
        switch self {
        case let .headerLengthPastEnd(_, length, size):
            return "header length \(length) points past the end of the file (\(size) bytes)"
        case let .invalidHeaderJSON(_, reason): return "header is not a JSON object: \(reason)"
        case let .invalidHeader(_, reason): return "invalid header: \(reason)"
        case let .unknownDType(_, tensor, dtype):
            return "tensor '\(tensor)' has unknown dtype '\(dtype)' (known: "
                + SafetensorsDType.allCases.map(\.rawValue).joined(separator: ", ") + ")"
        case let .shapeOverflow(_, tensor, shape):
            return "tensor '\(tensor)' has shape \(shape), too large to address"
        case let .byteCountMismatch(_, tensor, expected, actual):
            return "tensor '\(tensor)' needs \(expected) bytes for its shape and dtype but its offsets span \(actual)"
        case let .offsetsOutOfBounds(_, tensor, end, dataSize):
            return "tensor '\(tensor)' ends at byte \(end), past the end of the data section (\(dataSize) bytes)"
        case let .overlappingTensors(_, first, second):
            return "tensors '\(first)' and '\(second)' overlap"
        case let .uncoveredBytes(_, range):
            return "bytes \(range.lowerBound)..<\(range.upperBound) of the data section belong to no tensor"
        case let .invalidIndex(_, reason): return "invalid checkpoint index: \(reason)"
        default: return nil
        }
    }

    private var archiveProblem: String? {
        switch self {
        case let .badMagic(_, format): return "not a \(format) file (wrong magic bytes)"
        case let .unsupportedVersion(_, format, version): return "unsupported \(format) version \(version)"
        case let .invalidNpyHeader(_, reason): return "invalid .npy header: \(reason)"
        case let .trailingBytes(_, count): return "\(count) bytes follow the array data"
        case let .unsupportedNpyDType(_, descr):
            return "unsupported .npy dtype '\(descr)' (supported: <f4 <f8 <i8 <i4 |u1 |b1, and >f4 >f8 >i8 >i4)"
        case let .corruptArchive(_, reason): return "corrupt zip archive: \(reason)"
        case let .crcMismatch(_, member): return "zip member '\(member)' fails its CRC-32 check"
        case let .unsupportedCompression(_, member, method):
            return "zip member '\(member)' uses compression method \(method) (supported: 0 stored, 8 deflated)"
        default: return nil
        }
    }

    private var textProblem: String? {
        switch self {
        case let .unterminatedQuote(_, line): return "line \(line): quoted field is never closed"
        case let .unexpectedCharacterAfterQuote(_, line):
            return "line \(line): a closing quote must be followed by a delimiter or the end of the line"
        case let .raggedRow(_, line, expected, actual):
            return "line \(line): \(actual) fields where the first row has \(expected)"
        case .invalidUTF8: return "text is not valid UTF-8"
        case let .columnNotNumeric(_, column): return "column '\(column)' holds text, not numbers"
        case let .invalidJSON(_, reason): return "invalid JSON: \(reason)"
        case let .nonFiniteNumber(_, location):
            return "\(location) is NaN or infinite, which JSON cannot represent"
        default: return nil
        }
    }
}
