import Foundation

/// Everything that can go wrong in the SAE module; `description` is the one place messages are made.
public enum SAEError: Error, Equatable, Sendable, CustomStringConvertible {
    /// An architecture or training setting is out of range.
    case invalidConfiguration(String)
    /// The activations do not fit the SAE (width, layer count).
    case activationMismatch(String)
    /// A request refers to something that does not exist (latent, layer, token).
    case outOfRange(String)
    /// Training diverged: the loss became NaN or infinite at `step`.
    case nonFiniteLoss(step: Int)
    /// An SAE file layout is malformed (`path`: what is wrong).
    case invalidFile(path: String, reason: String)
    /// A layout cannot represent part of this SAE (`format` lacks `feature`).
    case unsupportedByFormat(format: String, feature: String)
    /// The downstream model returned something of the wrong shape.
    case downstreamMismatch(String)

    public var description: String {
        switch self {
        case let .invalidConfiguration(reason): return "invalid SAE setting: \(reason)"
        case let .activationMismatch(reason): return "activations do not fit the SAE: \(reason)"
        case let .outOfRange(reason): return reason
        case let .nonFiniteLoss(step): return "training diverged: the loss is not finite at step \(step) (try a smaller learning rate)"
        case let .invalidFile(path, reason): return "\(path): \(reason)"
        case let .unsupportedByFormat(format, feature): return "the \(format) layout cannot store \(feature)"
        case let .downstreamMismatch(reason): return "downstream model: \(reason)"
        }
    }
}
