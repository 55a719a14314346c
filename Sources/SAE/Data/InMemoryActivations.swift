import Foundation
import Tensors

/// Activations held in memory as one [T, D] tensor per layer.
public struct InMemoryActivations: MultiLayerActivations, Sendable {
    /// One [T, D] tensor per stored layer.
    public let layers: [Tensor]
    public let layerNumbers: [Int]
    public let tokenTable: TokenTable?

    /// An activation set from per-layer tensors of equal shape.
    /// - Parameters:
    ///   - layers: L tensors, each [T, D].
    ///   - layerNumbers: model layer numbers (default 0..<L).
    ///   - tokenTable: token text, whose piece count must be T.
    /// - Throws: `SAEError.activationMismatch` for ragged shapes or a table of the wrong length.
    public init(layers: [Tensor], layerNumbers: [Int]? = nil, tokenTable: TokenTable? = nil) throws {
        guard let first = layers.first, first.rank == 2 else {
            throw SAEError.activationMismatch("need at least one [tokens, width] tensor")
        }
        if let bad = layers.firstIndex(where: { $0.shape != first.shape }) {
            throw SAEError.activationMismatch("layer \(bad) has shape \(layers[bad].shape), layer 0 has \(first.shape)")
        }
        let numbers = layerNumbers ?? Array(0..<layers.count)
        guard numbers.count == layers.count else {
            throw SAEError.activationMismatch("\(numbers.count) layer numbers for \(layers.count) layers")
        }
        if let tokenTable, tokenTable.pieces.count != first.shape[0] {
            throw SAEError.activationMismatch("token table has \(tokenTable.pieces.count) tokens, activations \(first.shape[0])")
        }
        self.layers = layers
        self.layerNumbers = numbers
        self.tokenTable = tokenTable
    }

    public var layerCount: Int { layers.count }
    public var tokenCount: Int { layers[0].shape[0] }
    public var width: Int { layers[0].shape[1] }

    public func copyRows(_ rows: [ActivationRow], into buffer: UnsafeMutableBufferPointer<Float>) throws {
        let width = self.width
        precondition(buffer.count >= rows.count * width, "buffer of \(buffer.count) for \(rows.count) rows")
        for layer in 0..<layers.count {
            layers[layer].withUnsafeBufferPointer { source in
                for (position, row) in rows.enumerated() where row.layer == layer {
                    (buffer.baseAddress! + position * width).update(from: source.baseAddress! + row.token * width, count: width)
                }
            }
        }
    }
}
