import Foundation

/// A view of some layers of an activation set, as an activation set of its own: how a
/// single-layer SAE (`layers=[l]`) or an SAE on a subset of layers reads a full set.
public struct SelectedLayers<Base: MultiLayerActivations>: MultiLayerActivations {
    /// The full activation set.
    public let base: Base
    /// Positions in `base` of the layers shown, in order.
    public let positions: [Int]

    /// The layers of `base` whose model layer numbers are `layerNumbers`, in that order.
    /// - Throws: `SAEError.outOfRange` naming a layer the set does not hold.
    public init(_ base: Base, layerNumbers: [Int]) throws {
        self.base = base
        positions = try layerNumbers.map { number in
            guard let position = base.layerNumbers.firstIndex(of: number) else {
                throw SAEError.outOfRange("layer \(number) is not in the activation set (it holds layers \(base.layerNumbers))")
            }
            return position
        }
        guard !positions.isEmpty else { throw SAEError.outOfRange("no layers selected") }
    }

    public var layerCount: Int { positions.count }
    public var tokenCount: Int { base.tokenCount }
    public var width: Int { base.width }
    public var layerNumbers: [Int] { positions.map { base.layerNumbers[$0] } }
    public var tokenTable: TokenTable? { base.tokenTable }

    public func copyRows(_ rows: [ActivationRow], into buffer: UnsafeMutableBufferPointer<Float>) throws {
        try base.copyRows(rows.map { ActivationRow(token: $0.token, layer: positions[$0.layer]) }, into: buffer)
    }
}

extension MultiLayerActivations {
    /// This set restricted to the layers numbered `layerNumbers` (see `SelectedLayers`).
    public func selectingLayers(_ layerNumbers: [Int]) throws -> SelectedLayers<Self> {
        try SelectedLayers(self, layerNumbers: layerNumbers)
    }
}
