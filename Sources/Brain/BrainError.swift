import Foundation

/// Everything that can go wrong in the Brain module, each case carrying what the message needs.
/// Messages are made here and nowhere else.
public enum BrainError: Error, Equatable, CustomStringConvertible {
    /// Features and responses disagree on the number of stimuli.
    case stimulusCountMismatch(features: Int, responses: Int)
    /// Two lists of stimulus ids differ; `index` is the first position where they do.
    case stimulusMismatch(index: Int, expected: String, found: String)
    /// A stimulus id is missing from a table.
    case unknownStimulus(String, table: String)
    /// Fewer stimuli than a procedure needs (folds, splits, held-out rows).
    case tooFewStimuli(have: Int, need: Int, purpose: String)
    /// A setting outside its range.
    case invalidOption(name: String, value: String, expected: String)
    /// Every target was NaN or constant.
    case noUsableTargets(dropped: Int)
    /// A matrix with the wrong shape.
    case shape(String)
    /// A Gram eigenvalue below −tolerance under the `.error` policy.
    case negativeEigenvalue(value: Double, largest: Double)
    /// Groups for grouped folds: wrong length, or fewer distinct groups than folds.
    case groups(String)
    /// Subjects or repetitions missing for a ceiling or a test.
    case notEnoughReplicates(have: Int, need: Int, what: String)
    /// Two results that cannot be compared (different metric, targets or layers).
    case incomparableResults(String)
    /// A layer index or name that the features do not have.
    case unknownLayer(String, available: [String])
    /// fMRI preprocessing: volumes, masks, atlases and events that do not fit together.
    case fmri(String)
    /// The caller's cancellation check asked to stop.
    case cancelled

    public var description: String {
        switch self {
        case let .stimulusCountMismatch(features, responses):
            return "features have \(features) stimuli but the responses have \(responses); they must describe the same stimuli in the same order"
        case let .stimulusMismatch(index, expected, found):
            return "stimulus \(index + 1) differs: expected \"\(expected)\", found \"\(found)\""
        case let .unknownStimulus(id, table):
            return "stimulus \"\(id)\" is not in \(table)"
        case let .tooFewStimuli(have, need, purpose):
            return "\(purpose) needs at least \(need) stimuli, but there are \(have)"
        case let .invalidOption(name, value, expected):
            return "\(name)=\(value) is not valid; expected \(expected)"
        case let .noUsableTargets(dropped):
            return "no usable targets: all \(dropped) are NaN or constant across stimuli"
        case let .shape(message):
            return message
        case let .negativeEigenvalue(value, largest):
            return "the Gram matrix has a negative eigenvalue \(value) (largest \(largest)); the features are numerically inconsistent"
        case let .groups(message):
            return "groups: \(message)"
        case let .notEnoughReplicates(have, need, what):
            return "need at least \(need) \(what), have \(have)"
        case let .incomparableResults(message):
            return "cannot compare the results: \(message)"
        case let .unknownLayer(layer, available):
            return "no layer \(layer); available: \(available.joined(separator: ", "))"
        case let .fmri(message):
            return message
        case .cancelled:
            return "cancelled"
        }
    }
}
