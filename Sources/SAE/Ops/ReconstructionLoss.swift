import Foundation
import Tensors

/// The reconstruction loss of multi-layer training, forward and backward (mlsae `MSELoss`):
///   loss = (1/|P|) Σ_{l∈P} mse_l / var_l,
///   mse_l = Σ_{i∈l} ‖r_i − x_i‖² / (n_l·D),
///   var_l = the unbiased variance of all n_l·D input elements of layer l in the batch,
/// where P is the set of layers with rows in the batch (and non-zero variance), n_l their row
/// counts, x the raw inputs and r the reconstructions mapped back to the raw scale. Each term is
/// the layer's fraction of variance unexplained (FVU), so every layer weighs the same whatever its
/// scale. Backward: dr_i = 2·(r_i − x_i) / (|P|·n_l·D·var_l).
///
/// Shapes: x, r, dr [N, D]; layer of each row [N] (0-based positions in the activation set).
enum ReconstructionLoss {
    /// One layer's share of a batch.
    struct Layer: Sendable, Equatable {
        var rows = 0
        var squaredError = 0.0
        var sum = 0.0
        var sumOfSquares = 0.0

        /// Mean squared error per element.
        var meanSquaredError: Double { rows > 0 ? squaredError / Double(elements) : 0 }
        var elements: Int { rows * width }
        var width = 0
        /// Unbiased variance of the layer's input elements.
        var variance: Double {
            let n = Double(elements)
            return n > 1 ? Swift.max(0, (sumOfSquares - sum * sum / n) / (n - 1)) : 0
        }
        /// Whether the layer enters the loss.
        var counts: Bool { rows > 0 && variance > 0 }
        /// MSE / variance.
        var fvu: Double { counts ? meanSquaredError / variance : .nan }
    }

    /// The definition, from scratch in Double: per-layer lists of rows, then the formula.
    static func reference(input: UnsafePointer<Float>, reconstruction: UnsafePointer<Float>, layerOfRow: UnsafePointer<Int32>,
                          rows: Int, width: Int, layerCount: Int) -> Double {
        var terms: [Double] = []
        for layer in 0..<layerCount {
            let members = (0..<rows).filter { Int(layerOfRow[$0]) == layer }
            guard !members.isEmpty else { continue }
            let values = members.flatMap { row in (0..<width).map { Double(input[row * width + $0]) } }
            let mean = values.reduce(0, +) / Double(values.count)
            let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)
            guard variance > 0 else { continue }
            var error = 0.0
            for row in members { for j in 0..<width {
                let d = Double(reconstruction[row * width + j]) - Double(input[row * width + j]); error += d * d
            } }
            terms.append(error / Double(values.count) / variance)
        }
        return terms.isEmpty ? 0 : terms.reduce(0, +) / Double(terms.count)
    }

    /// Per-layer statistics and the loss; when `gradient` is given, writes dr into it.
    /// - Complexity: O(N·D), parallel over rows; per-layer sums in row order (deterministic).
    static func forwardBackward(input: UnsafePointer<Float>, reconstruction: UnsafePointer<Float>, layerOfRow: UnsafePointer<Int32>,
                                rows: Int, width: Int, layerCount: Int,
                                gradient: UnsafeMutablePointer<Float>?) -> (loss: Double, layers: [Layer]) {
        let rowStats = UnsafeMutablePointer<Double>.allocate(capacity: 3 * Swift.max(rows, 1))
        defer { rowStats.deallocate() }
        Parallel.forRanges(rows, minimumChunk: 64) { range in
            for row in range {
                var error = 0.0, sum = 0.0, squares = 0.0
                for j in 0..<width {
                    let x = Double(input[row * width + j]), d = Double(reconstruction[row * width + j]) - x
                    error += d * d; sum += x; squares += x * x
                }
                rowStats[3 * row] = error; rowStats[3 * row + 1] = sum; rowStats[3 * row + 2] = squares
            }
        }
        var layers = [Layer](repeating: Layer(width: width), count: layerCount)
        for row in 0..<rows {
            let layer = Int(layerOfRow[row])
            layers[layer].rows += 1
            layers[layer].squaredError += rowStats[3 * row]
            layers[layer].sum += rowStats[3 * row + 1]
            layers[layer].sumOfSquares += rowStats[3 * row + 2]
        }
        let counted = layers.filter(\.counts)
        let loss = counted.isEmpty ? 0 : counted.reduce(0) { $0 + $1.fvu } / Double(counted.count)
        if let gradient {
            let scales = layers.map { $0.counts ? Float(2 / (Double(counted.count) * Double($0.elements) * $0.variance)) : 0 }
            Parallel.forRanges(rows, minimumChunk: 64) { range in
                for row in range {
                    let scale = scales[Int(layerOfRow[row])]
                    for j in (row * width)..<((row + 1) * width) { gradient[j] = scale * (reconstruction[j] - input[j]) }
                }
            }
        }
        return (loss, layers)
    }
}
