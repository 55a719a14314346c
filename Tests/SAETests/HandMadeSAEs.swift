import Foundation
import Tensors
@testable import SAE

/// SAEs whose behaviour is known by construction.
enum HandMadeSAEs {
    /// An exact autoencoder of D-dimensional inputs with no zero coordinate: latents ±e_j
    /// (F = 2D), k = D, no standardisation, no bias. Exactly one of each pair is positive, so the
    /// top D are the |x_j| and the reconstruction is x.
    static func identity(width: Int, layers: [Int]) throws -> SparseAutoencoder {
        var rows: [[Float]] = []
        for j in 0..<width {
            var plus = [Float](repeating: 0, count: width), minus = plus
            plus[j] = 1; minus[j] = -1
            rows += [plus, minus]
        }
        let weight = Tensor(rows: rows)
        let configuration = SAEConfiguration(inputWidth: width, latentCount: 2 * width, k: width, layers: layers, standardize: false)
        return try SparseAutoencoder(configuration: configuration, parameters: SAEParameters(
            encoderWeight: weight, decoderWeight: weight, preEncoderBias: Tensor(zeros: [width]), encoderBias: Tensor(zeros: [2 * width])))
    }

    /// D = 2, F = 3, k = 1: latents along (1, 0), (0, 1) and (−1, −1)/√2, encoder = decoder, no
    /// standardisation, no bias. Each input is reconstructed by its best-aligned latent alone.
    static func threeDirections(layers: [Int]) throws -> SparseAutoencoder {
        let s = Float(0.5).squareRoot()
        let weight = Tensor(rows: [[1, 0], [0, 1], [-s, -s]])
        let configuration = SAEConfiguration(inputWidth: 2, latentCount: 3, k: 1, layers: layers, standardize: false)
        return try SparseAutoencoder(configuration: configuration, parameters: SAEParameters(
            encoderWeight: weight, decoderWeight: weight, preEncoderBias: Tensor(zeros: [2]), encoderBias: Tensor(zeros: [3])))
    }
}

extension HandMadeSAEs {
    /// D = F = 4, k = 1: latent j reads and writes e_j. An input c·e_j activates latent j at c;
    /// a zero input activates nothing.
    static func oneHot(layers: [Int]) throws -> SparseAutoencoder {
        let weight = Tensor(rows: (0..<4).map { j in (0..<4).map { $0 == j ? Float(1) : 0 } })
        let configuration = SAEConfiguration(inputWidth: 4, latentCount: 4, k: 1, layers: layers, standardize: false)
        return try SparseAutoencoder(configuration: configuration, parameters: SAEParameters(
            encoderWeight: weight, decoderWeight: weight, preEncoderBias: Tensor(zeros: [4]), encoderBias: Tensor(zeros: [4])))
    }

    /// Four tokens over three layers for `oneHot`; (latent, activation) per token and layer:
    ///   t0: (0, 1) (1, 2) —        t1: (0, 1) —      (1, 2)
    ///   t2: (2, 1) (3, 1) (2, 3)   t3: (2, 1) (2, 1) (3, 2)
    /// Token text "a b | c d": documents start at tokens 0 and 2.
    static func layeredData() throws -> InMemoryActivations {
        let plan: [[(Int, Float)?]] = [
            [(0, 1), (1, 2), nil], [(0, 1), nil, (1, 2)], [(2, 1), (3, 1), (2, 3)], [(2, 1), (2, 1), (3, 2)],
        ]
        let layers = (0..<3).map { layer in
            Tensor(rows: plan.map { token in
                var v = [Float](repeating: 0, count: 4)
                if let (latent, value) = token[layer] { v[latent] = value }
                return v
            })
        }
        return try InMemoryActivations(layers: layers, layerNumbers: [2, 4, 6],
                                       tokenTable: TokenTable(pieces: ["a", "b", "c", "d"], documentStarts: [0, 2]))
    }
}
