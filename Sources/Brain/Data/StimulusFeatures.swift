import Foundation
import Tensors

/// How token activations are reduced to one vector per stimulus (named apart from the Models
/// module's `Pooling`, which also has `none`, so the shell can import both).
public enum StimulusPooling: String, Sendable, Codable, CaseIterable {
    /// The last non-padding token (the seed paper's choice: its attention-mask index is, for
    /// BERT-family models, the final [SEP]).
    case last
    /// The mean over the stimulus's tokens.
    case mean
    /// The first token ([CLS] in BERT-family models).
    case cls
}

/// Per-stimulus features, layer by layer: the narrow interface the scorer needs. An activation
/// set of a model conforms (one layer per hidden state, pooled on request); a plain feature
/// matrix is a single "layer".
public protocol StimulusFeatures {
    /// Number of stimuli S (rows of every layer's features).
    var stimulusCount: Int { get }
    /// Layer names, in order; index l in `features(layer:pooling:)` refers to `layerNames[l]`.
    var layerNames: [String] { get }
    /// Stimulus ids in row order, when known (checked against the responses' ids).
    var stimulusIDs: [String]? { get }
    /// True for a plain matrix (results are then laid out without a per-layer list).
    var isPlainMatrix: Bool { get }
    /// The [S, F] features of layer `layer`, one row per stimulus, pooled as asked.
    /// - Throws: whatever reading or pooling the activations can throw.
    func features(layer: Int, pooling: StimulusPooling) throws -> Tensor
}

extension StimulusFeatures {
    public var stimulusIDs: [String]? { nil }
    public var isPlainMatrix: Bool { false }
}

/// A plain [S, F] feature matrix (e.g. loaded from .npy or CSV): one layer, pooling ignored.
public struct FeatureMatrix: StimulusFeatures, Sendable {
    /// The features, [S, F].
    public var values: Tensor
    /// The name shown for its single layer.
    public var name: String
    /// Stimulus ids in row order, when known.
    public var stimulusIDs: [String]?

    /// A matrix of features.
    /// - Throws: `BrainError.shape` unless `values` is rank 2 with as many ids as rows.
    public init(_ values: Tensor, name: String = "features", stimulusIDs: [String]? = nil) throws {
        guard values.rank == 2 else { throw BrainError.shape("a feature matrix must be [stimuli, features], got shape \(values.shape)") }
        if let stimulusIDs, stimulusIDs.count != values.shape[0] {
            throw BrainError.shape("\(stimulusIDs.count) stimulus ids for \(values.shape[0]) feature rows")
        }
        self.values = values
        self.name = name
        self.stimulusIDs = stimulusIDs
    }

    public var stimulusCount: Int { values.shape[0] }
    public var layerNames: [String] { [name] }
    public var isPlainMatrix: Bool { true }

    public func features(layer: Int, pooling: StimulusPooling) throws -> Tensor {
        guard layer == 0 else { throw BrainError.unknownLayer("\(layer)", available: ["0 (\(name))"]) }
        return values
    }
}

/// Several named [S, F_l] feature matrices over the same stimuli, scored layer by layer: for
/// per-layer features computed elsewhere (e.g. an .npz with one array per layer).
public struct FeatureLayers: StimulusFeatures, Sendable {
    /// The layers' names, in order.
    public let layerNames: [String]
    /// The layers' features, each [S, F_l].
    public let matrices: [Tensor]
    /// Stimulus ids in row order, when known.
    public var stimulusIDs: [String]?

    /// Layers of features.
    /// - Throws: `BrainError.shape` for no layer, a layer that is not rank 2, layers with different
    ///   numbers of rows (naming the first), names and matrices of different counts, or ids that do
    ///   not match the rows.
    public init(names: [String], matrices: [Tensor], stimulusIDs: [String]? = nil) throws {
        guard !matrices.isEmpty, names.count == matrices.count else {
            throw BrainError.shape("feature layers need at least one matrix and one name per matrix (\(names.count) names, \(matrices.count) matrices)")
        }
        for (name, matrix) in zip(names, matrices) where matrix.rank != 2 {
            throw BrainError.shape("layer \(name): a feature matrix must be [stimuli, features], got shape \(matrix.shape)")
        }
        let rows = matrices[0].shape[0]
        if let index = matrices.firstIndex(where: { $0.shape[0] != rows }) {
            throw BrainError.shape("layer \(names[index]) has \(matrices[index].shape[0]) rows but layer \(names[0]) has \(rows); every layer needs one row per stimulus")
        }
        if let stimulusIDs, stimulusIDs.count != rows { throw BrainError.shape("\(stimulusIDs.count) stimulus ids for \(rows) feature rows") }
        layerNames = names
        self.matrices = matrices
        self.stimulusIDs = stimulusIDs
    }

    public var stimulusCount: Int { matrices[0].shape[0] }

    public func features(layer: Int, pooling: StimulusPooling) throws -> Tensor {
        guard matrices.indices.contains(layer) else {
            throw BrainError.unknownLayer("\(layer)", available: layerNames.enumerated().map { "\($0.offset) (\($0.element))" })
        }
        return matrices[layer]
    }
}
