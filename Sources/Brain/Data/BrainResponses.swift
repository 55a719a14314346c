import Foundation
import Tensors

/// One subject's responses: one [S, T] matrix per repetition of the stimulus set.
public struct SubjectResponses: Sendable {
    /// Subject label (e.g. "sub-03").
    public var name: String
    /// Responses per repetition, each [S, T] with rows in the stimulus order of the data set.
    public var repetitions: [Tensor]

    /// A subject with the given repetitions (at least one; all of one shape).
    public init(name: String, repetitions: [Tensor]) {
        self.name = name
        self.repetitions = repetitions
    }

    /// The mean over repetitions, [S, T] (NaN stays NaN, so screening can drop it).
    public var mean: Tensor {
        guard repetitions.count > 1 else { return repetitions[0] }
        var total = repetitions[0]
        for repetition in repetitions.dropFirst() { total += repetition }
        return total * (1 / Float(repetitions.count))
    }
}

/// Brain responses to a stimulus set: S stimuli (with ids), T targets (voxels or parcels), one or
/// more subjects, each with one or more repetitions.
public struct BrainResponses: Sendable {
    /// Stimulus ids in row order.
    public var stimulusIDs: [String]
    /// Target names (parcel labels, voxel coordinates), T of them.
    public var targetNames: [String]
    /// The subjects.
    public var subjects: [SubjectResponses]

    /// Responses checked for consistent shapes.
    /// - Throws: `BrainError.shape` naming the first subject or repetition of the wrong shape.
    public init(stimulusIDs: [String], targetNames: [String]? = nil, subjects: [SubjectResponses]) throws {
        guard let first = subjects.first?.repetitions.first else { throw BrainError.shape("responses need at least one subject with one repetition") }
        guard first.rank == 2 else { throw BrainError.shape("responses must be [stimuli, targets] matrices, got shape \(first.shape)") }
        let shape = [stimulusIDs.count, first.shape[1]]
        for subject in subjects {
            guard !subject.repetitions.isEmpty else { throw BrainError.shape("subject \(subject.name) has no responses") }
            for (index, repetition) in subject.repetitions.enumerated() where repetition.shape != shape {
                throw BrainError.shape("subject \(subject.name), repetition \(index + 1): shape \(repetition.shape), expected \(shape) (stimuli × targets)")
            }
        }
        let names = targetNames ?? (0..<shape[1]).map { "t\($0)" }
        guard names.count == shape[1] else { throw BrainError.shape("\(names.count) target names for \(shape[1]) targets") }
        self.stimulusIDs = stimulusIDs
        self.targetNames = names
        self.subjects = subjects
    }

    /// A single-subject, single-repetition data set from a [S, T] matrix (ids "1"..."S" when none).
    public init(matrix: Tensor, stimulusIDs: [String]? = nil, targetNames: [String]? = nil, subject: String = "all") throws {
        guard matrix.rank == 2 else { throw BrainError.shape("responses must be [stimuli, targets], got shape \(matrix.shape)") }
        let ids = stimulusIDs ?? (1...max(matrix.shape[0], 1)).prefix(matrix.shape[0]).map(String.init)
        try self.init(stimulusIDs: ids, targetNames: targetNames, subjects: [SubjectResponses(name: subject, repetitions: [matrix])])
    }

    /// Number of stimuli S.
    public var stimulusCount: Int { stimulusIDs.count }
    /// Number of targets T.
    public var targetCount: Int { targetNames.count }
    /// Fewest repetitions any subject has.
    public var minimumRepetitions: Int { subjects.map(\.repetitions.count).min() ?? 0 }

    /// The mean over subjects of each subject's mean response, [S, T].
    public var subjectAverage: Tensor {
        var total = subjects[0].mean
        for subject in subjects.dropFirst() { total += subject.mean }
        return total * (1 / Float(subjects.count))
    }
}
