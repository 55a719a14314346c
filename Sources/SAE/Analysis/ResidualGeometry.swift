import Foundation
import Tensors

/// Mean and sample standard deviation of a quantity over tokens.
public struct MeanAndSpread: Codable, Sendable, Equatable {
    /// Mean over tokens.
    public var mean: Double
    /// Sample standard deviation over tokens.
    public var std: Double
}

/// How the residual stream changes from layer to layer (mlsae `figures/resid_cos_sim.py`): the
/// cosine similarity of each token's vectors at adjacent layers and the norm of the vectors.
public struct ResidualGeometry: Codable, Sendable, Equatable {
    /// Model layer numbers.
    public var layerNumbers: [Int]
    /// Entry l: cosine similarity between layers l and l + 1 over tokens (L − 1 entries).
    public var adjacentCosine: [MeanAndSpread]
    /// Euclidean norm of the (uncentred) vectors at each layer.
    public var norms: [MeanAndSpread]
    /// Whether each layer's mean vector was subtracted before the cosines (mlsae does not centre;
    /// without centring, a large shared offset makes every pair look alike).
    public var centred: Bool
    /// Tokens used.
    public var tokens: Int

    /// Computes the geometry of `tokens` (default: all) of `activations`; no SAE involved.
    /// - Throws: `SAEError.outOfRange`, `.activationMismatch`, read errors.
    public static func measure(_ activations: some MultiLayerActivations, tokens: Range<Int>? = nil, centred: Bool = true) throws -> ResidualGeometry {
        let range = tokens ?? 0..<activations.tokenCount
        guard range.lowerBound >= 0, range.upperBound <= activations.tokenCount, range.count >= 2 else {
            throw SAEError.outOfRange("need at least 2 tokens within the \(activations.tokenCount) of the activation set")
        }
        let layers = activations.layerCount, width = activations.width
        var means = [Double](repeating: 0, count: layers * width)
        if centred {
            try forEachToken(activations, range) { _, vectors in
                for i in 0..<(layers * width) { means[i] += Double(vectors[i]) }
            }
            for i in means.indices { means[i] /= Double(range.count) }
        }
        var cosines = [RunningMoments](repeating: RunningMoments(), count: Swift.max(layers - 1, 0))
        var norms = [RunningMoments](repeating: RunningMoments(), count: layers)
        try forEachToken(activations, range) { _, vectors in
            for layer in 0..<layers {
                var squares = 0.0
                for j in 0..<width { squares += Double(vectors[layer * width + j]) * Double(vectors[layer * width + j]) }
                norms[layer].add(squares.squareRoot())
            }
            for layer in 0..<(layers - 1) {
                var dot = 0.0, a = 0.0, b = 0.0
                for j in 0..<width {
                    let u = Double(vectors[layer * width + j]) - means[layer * width + j]
                    let v = Double(vectors[(layer + 1) * width + j]) - means[(layer + 1) * width + j]
                    dot += u * v; a += u * u; b += v * v
                }
                if a > 0 && b > 0 { cosines[layer].add(dot / (a * b).squareRoot()) }
            }
        }
        return ResidualGeometry(layerNumbers: activations.layerNumbers, adjacentCosine: cosines.map(\.summary), norms: norms.map(\.summary),
                                centred: centred, tokens: range.count)
    }

    /// Calls `body` with each token's L vectors ([L · D], layer-major), reading in blocks.
    private static func forEachToken(_ activations: some MultiLayerActivations, _ range: Range<Int>,
                                     _ body: (Int, UnsafeBufferPointer<Float>) -> Void) throws {
        let layers = activations.layerCount, width = activations.width
        let tokensPerBlock = Swift.max(1, TokenBlocks.rowsPerBlock / layers)
        let buffer = Buffer<Float>(zeros: tokensPerBlock * layers * width)
        for start in stride(from: range.lowerBound, to: range.upperBound, by: tokensPerBlock) {
            let block = start..<Swift.min(range.upperBound, start + tokensPerBlock)
            let rows = block.flatMap { token in (0..<layers).map { ActivationRow(token: token, layer: $0) } }
            try activations.copyRows(rows, into: buffer.buffer)
            for (offset, token) in block.enumerated() {
                body(token, UnsafeBufferPointer(start: buffer.pointer + offset * layers * width, count: layers * width))
            }
        }
    }
}

/// Welford's running mean and variance.
struct RunningMoments {
    private(set) var count = 0
    private var mean = 0.0, squares = 0.0

    mutating func add(_ value: Double) {
        count += 1
        let delta = value - mean
        mean += delta / Double(count)
        squares += delta * (value - mean)
    }

    /// Mean and sample standard deviation (NaN when undefined).
    var summary: MeanAndSpread {
        MeanAndSpread(mean: count > 0 ? mean : .nan, std: count > 1 ? (squares / Double(count - 1)).squareRoot() : .nan)
    }
}
