import Brain
import Foundation
import Models
import Tensors

/// An activation set as the Brain module reads it (`StimulusFeatures`): one stimulus per stored
/// document, one "layer" per recorded hidden state (named by its index, `"0"` = embeddings).
///
/// A per-token set is pooled on request, per document: `mean` over all its tokens (special ones
/// included, as the Models module's `pool=mean`), `last` (its last token, the final `[SEP]` of
/// BERT-family models), `cls` (its first token). A pooled set already holds one row per
/// document and serves only the pooling it was recorded with.
///
/// Empty documents were skipped when the set was recorded, so the stimuli are the corpus
/// entries `activations.documentIndices`; give `stimulusIDs` to have the scorer check them against the
/// responses.
public struct ActivationSetFeatures: StimulusFeatures, Sendable {
    /// The activation activations.
    public let activations: ActivationSet
    /// Stimulus ids in document order, when known.
    public let stimulusIDs: [String]?

    /// Views `set`; `stimulusIDs` (one per stored document) are checked against the responses.
    /// - Throws: `ShellError` when the ids do not match the documents in number.
    public init(_ set: ActivationSet, stimulusIDs: [String]? = nil) throws {
        if let stimulusIDs, stimulusIDs.count != set.documentCount {
            throw ShellError(.failed("\(stimulusIDs.count) stimulus ids for \(set.documentCount) documents in the activation set"))
        }
        self.activations = set
        self.stimulusIDs = stimulusIDs
    }

    /// S: the stored documents.
    public var stimulusCount: Int { activations.documentCount }
    /// The recorded hidden-state indices as text.
    public var layerNames: [String] { activations.layers.map(String.init) }
    /// The recorded hidden-state indices (position l of `features(layer:pooling:)` is `layerNumbers[l]`).
    public var layerNumbers: [Int] { activations.layers }

    /// The [documents, width] features of layer position `layer`, pooled as asked.
    /// - Throws: `ShellError` for a layer position out of range or a pooling a pooled set
    ///   cannot give; `ModelError` when a shard cannot be read.
    public func features(layer: Int, pooling: StimulusPooling) throws -> Tensor {
        guard activations.layers.indices.contains(layer) else {
            throw ShellError(.failed("layer position \(layer) is outside 0..<\(activations.layers.count) (recorded layers: \(layerNames.joined(separator: ", ")))"))
        }
        let number = activations.layers[layer]
        guard activations.pooling == .none else {
            guard activations.pooling.rawValue == pooling.rawValue else {
                throw ShellError(.failed("the activations were recorded with pool=\(activations.pooling.rawValue) and cannot give pool=\(pooling.rawValue); record them with pool=none (or pool=\(pooling.rawValue))"))
            }
            return try activations.matrix(layer: number)
        }
        switch pooling {
        case .mean: return try meanOfDocuments(layer: number)
        case .last: return try rowsAt(activations.documentOffsets.dropFirst().map { $0 - 1 }, layer: number)
        case .cls: return try rowsAt(Array(activations.documentOffsets.dropLast()), layer: number)
        }
    }

    /// One row per document picked out of the token rows.
    private func rowsAt(_ rows: [Int], layer: Int) throws -> Tensor {
        try Tensor(shape: [rows.count, activations.width], unsafeUninitialized: { buffer in
            try activations.copyRows(rows.map { (row: $0, layer: layer) }, into: buffer)
        })
    }

    /// The mean token row of each document, summed in Double while the rows stream by.
    private func meanOfDocuments(layer: Int) throws -> Tensor {
        let width = activations.width, offsets = activations.documentOffsets
        let sums = UnsafeMutableBufferPointer<Double>.allocate(capacity: activations.documentCount * width)
        defer { sums.deallocate() }
        sums.initialize(repeating: 0)
        var document = 0
        try activations.forEachBatch(layer: layer, batchSize: 4096) { range, rows in
            rows.withUnsafeBufferPointer { values in
                for row in range {
                    while row >= offsets[document + 1] { document += 1 }
                    let source = values.baseAddress! + (row - range.lowerBound) * width
                    let target = sums.baseAddress! + document * width
                    for j in 0..<width { target[j] += Double(source[j]) }
                }
            }
        }
        return Tensor(shape: [activations.documentCount, width], unsafeUninitialized: { (out: UnsafeMutableBufferPointer<Float>) in
            for d in 0..<activations.documentCount {
                let count = Double(offsets[d + 1] - offsets[d])
                for j in 0..<width { out[d * width + j] = Float(sums[d * width + j] / count) }
            }
        })
    }
}
