import Foundation
import Formats
import Models
import SAE

/// How the SAE verbs read an activation set: the SAE module's view of it (narrowed to the
/// layers an SAE reads), checked for non-finite values first, with library errors turned into
/// one `error:` line at the argument at fault.
enum SAEInputs {
    /// The view of `activations` restricted to `layers` (model layer numbers; nil: all).
    /// - Throws: `ShellError` at `span` when a layer is not in the set.
    static func view(_ activations: ActivationsObject, layers: [Int]?, span: SourceSpan?) throws -> any MultiLayerActivations {
        let base = activations.multiLayer
        guard let layers, layers != base.layerNumbers else { return base }
        return try calling(at: span) { try base.selectingLayers(layers) }
    }

    /// The view an existing SAE reads: all of `activations` when the layer counts agree (layer
    /// numbers are labels), else the SAE's own layers picked out of the set.
    /// - Throws: `ShellError` at `span` when the set lacks the SAE's layers or has another width.
    static func view(for sae: SparseAutoencoder, _ activations: ActivationsObject, span: SourceSpan?) throws -> any MultiLayerActivations {
        let c = sae.configuration
        guard activations.set.width == c.inputWidth else {
            throw ShellError(.failed("the activations have width \(activations.set.width), the SAE reads vectors of width \(c.inputWidth)"), at: span)
        }
        if activations.set.layers.count == c.layerCount { return activations.multiLayer }
        guard Set(c.layers).isSubset(of: Set(activations.set.layers)) else {
            throw ShellError(.failed("the SAE reads layers \(c.layers) but the activations hold layers \(activations.set.layers)"), at: span)
        }
        return try view(activations, layers: c.layers, span: span)
    }

    /// Throws when a vector of the layers read holds NaN or an infinity (an SAE would quietly
    /// turn them into NaN weights or metrics).
    /// - Complexity: one pass over the rows of those layers.
    static func checkFinite(_ activations: ActivationsObject, layers: [Int], span: SourceSpan?) throws {
        let set = activations.set
        for layer in layers {
            var bad: Int?
            try ModelCalls.run(at: span) {
                try set.forEachBatch(layer: layer, batchSize: 4096) { range, rows in
                    guard bad == nil else { return }
                    rows.withUnsafeBufferPointer { values in
                        if let index = values.firstIndex(where: { !$0.isFinite }) { bad = range.lowerBound + index / set.width }
                    }
                }
            }
            if let bad {
                let what = set.pooling == .none ? "token" : "document"
                throw ShellError(.failed("the activations hold NaN or infinite values (layer \(layer), \(what) row \(bad)); an SAE cannot use them"), at: span)
            }
        }
    }

    /// Runs a library call; an `SAEError`, `FormatError` or `ModelError` becomes a `ShellError` at `span`.
    static func calling<Result>(at span: SourceSpan?, _ body: () throws -> Result) throws -> Result {
        do {
            return try ModelCalls.run(at: span, body)
        } catch let error as SAEError {
            throw ShellError(.failed(error.description), at: span)
        } catch let error as FormatError {
            throw ShellError(.failed(error.description), at: span)
        }
    }
}
