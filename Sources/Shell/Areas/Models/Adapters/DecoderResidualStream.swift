import Foundation
import Models
import SAE
import Tensors

/// The SAE module's `ResidualStreamModel` (what ΔCE and KL need) for a GPT-2 or GPT-NeoX model:
/// the residual streams of a sequence at given layers, and the logits when the stream at one of
/// them is replaced (the rest of the model runs from there through `ResumableDecoder`).
public enum DecoderResidualStream {
    /// A model opened at hidden-state indices `layers` (the SAE's layers, in its order), reading
    /// the vectors the activation set was recorded from: with `.residualStream` entry L is the
    /// last block's output; with `.hiddenStates` it is after the final LayerNorm, so replacing it
    /// runs only the head. Below L both are the same vectors.
    /// - Throws: `ShellError` for an encoder, or a layer outside 0…L.
    public static func model(_ model: PretrainedModel, layers: [Int], source: ActivationSource) throws -> ResidualStreamModel {
        guard let decoder = model.network as? any ResumableDecoder else {
            throw ShellError(.failed("ΔCE and KL need a decoder with a language-model head (GPT-2 or GPT-NeoX); \(model.name) is \(model.summary.architecture.displayName)"))
        }
        let range = model.summary.hiddenStateRange
        if let bad = layers.first(where: { !range.contains($0) }) {
            throw ShellError(.failed("layer \(bad) does not exist in \(model.name); hidden states are numbered \(range.lowerBound)...\(range.upperBound)"))
        }
        let selection = LayerSelection.only(Set(layers))
        let options = source == .residualStream ? ForwardOptions(hiddenStates: .none, residualStream: selection)
                                                : ForwardOptions(hiddenStates: selection)
        return ResidualStreamModel(residuals: { tokens in
            let output = try decoder.forward(try TokenBatch(sequences: [tokens]), options: options)
            return try layers.map { layer in
                guard let states = source == .residualStream ? output.residualStream[layer] : output.hiddenStates[layer] else {
                    throw ShellError(.internalError("the forward pass did not keep layer \(layer)"))
                }
                return states
            }
        }, logitsFromLayer: { position, residual, tokens in
            guard layers.indices.contains(position) else {
                throw ShellError(.internalError("layer position \(position) outside 0..<\(layers.count)"))
            }
            let output = try decoder.forward(try TokenBatch(sequences: [tokens]), resumingAt: layers[position], of: source,
                                             with: residual, options: ForwardOptions(hiddenStates: .none, logits: true))
            guard let logits = output.logits else { throw ShellError(.internalError("the resumed forward pass gave no logits")) }
            return logits
        })
    }

    /// A model opened at the layers of `set`, reading the vectors it was recorded from (its
    /// `source` metadata; hidden states when absent).
    /// - Throws: as `model(_:layers:source:)`, and `ShellError` when the set records an unknown source.
    public static func model(_ model: PretrainedModel, for set: ActivationSet) throws -> ResidualStreamModel {
        let recorded = set.metadata["source"] ?? ActivationSource.hiddenStates.rawValue
        guard let source = ActivationSource(rawValue: recorded) else {
            throw ShellError(.failed("the activation set records an unknown source \"\(recorded)\""))
        }
        return try self.model(model, layers: set.layers, source: source)
    }

    /// The token ids of each stored document of `set` (the sequences ΔCE and KL are measured on).
    public static func sequences(of set: ActivationSet) -> [[Int]] {
        (0..<set.documentCount).map { Array(set.tokenIDs[set.tokenRange(ofDocument: $0)]) }
    }
}
