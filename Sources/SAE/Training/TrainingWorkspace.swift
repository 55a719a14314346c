import Foundation
import Tensors

/// The buffers of one training batch and the model's forward and backward over them.
///
/// The forward and backward read as one another in reverse:
///   forward:  x → x̂ (standardise) → U = x̂ − b_pre → A = U·W_encᵀ (+ b_enc) → top-k, ReLU → z
///             → Y = z·W_dec + b_pre → r = Y·σ + μ → reconstruction loss;
///             dead latents: top-A of A among them → ê = z_aux·W_dec → AuxK loss against e = x̂ − Y.
///   backward: dr → dY = σ·dr → dz = W_dec·dY, da = dz·[a > 0] (and the same for the aux codes)
///             → per latent dW_dec, dW_enc, db_enc → db_pre = Σ dY − W_encᵀ·db_enc.
/// Shapes: x, x̂, U, Y, r, dY, e, ê, dê [N, D]; A [N, F]; codes [N, K]; aux codes [N, A].
final class TrainingWorkspace {
    let rows: Int, width: Int, latents: Int, k: Int, auxCapacity: Int
    let input, standardized, centred, decoded, reconstruction, outputGradient: Buffer<Float>
    let auxTarget, auxPrediction, auxGradient: Buffer<Float>
    let mean, std: Buffer<Float>
    let layerOfRow: Buffer<Int32>
    let preActivations: Buffer<Float>
    let codeIndices: Buffer<Int32>, codeValues, codePreValues, codeGradient: Buffer<Float>
    let auxIndices: Buffer<Int32>, auxValues, auxPreValues, auxCodeGradient: Buffer<Float>
    let incidence, auxIncidence: LatentIncidence
    /// Width of the auxiliary codes of the current batch (0 when no latent is dead).
    private(set) var auxWidth = 0
    /// Layout of the current batch's auxiliary codes.
    private(set) var auxLayout = AuxiliaryLayout.none
    /// The dense auxiliary path is used while M ≤ this (8·A, at most F): there the [N, M] code
    /// matrix has at least one non-zero in eight and sgemm outruns row gathers several times over.
    var denseAuxiliaryLimit: Int
    /// Buffers of the dense auxiliary path, allocated on first use: Z and dA [N, M], the dead
    /// latents' decoder rows and a scratch matrix [M, D].
    private(set) var auxDense, auxDenseGradient, deadDecoderRows, deadScratch: Buffer<Float>?

    init(rows: Int, configuration: SAEConfiguration, auxK: Int) {
        self.rows = rows
        width = configuration.inputWidth
        latents = configuration.latentCount
        k = configuration.k
        auxCapacity = auxK
        let matrix = rows * width
        input = Buffer(zeros: matrix); standardized = Buffer(zeros: matrix); centred = Buffer(zeros: matrix)
        decoded = Buffer(zeros: matrix)
        reconstruction = Buffer(zeros: matrix); outputGradient = Buffer(zeros: matrix)
        auxTarget = Buffer(zeros: matrix); auxPrediction = Buffer(zeros: matrix); auxGradient = Buffer(zeros: matrix)
        mean = Buffer(zeros: rows); std = Buffer(zeros: rows)
        layerOfRow = Buffer(repeating: 0, count: rows)
        preActivations = Buffer(zeros: rows * latents)
        codeIndices = Buffer(repeating: 0, count: rows * k)
        codeValues = Buffer(zeros: rows * k); codePreValues = Buffer(zeros: rows * k); codeGradient = Buffer(zeros: rows * k)
        auxIndices = Buffer(repeating: 0, count: rows * auxK)
        auxValues = Buffer(zeros: rows * auxK); auxPreValues = Buffer(zeros: rows * auxK); auxCodeGradient = Buffer(zeros: rows * auxK)
        incidence = LatentIncidence(latents: latents, capacity: rows * k)
        auxIncidence = LatentIncidence(latents: latents, capacity: rows * auxK)
        denseAuxiliaryLimit = Swift.min(8 * auxK, latents)
    }

    /// Allocates the dense auxiliary buffers (sized for the limit) when first needed.
    private func prepareDenseAuxiliary(deadCount: Int) {
        precondition(deadCount <= denseAuxiliaryLimit, "\(deadCount) dead latents over the dense limit \(denseAuxiliaryLimit)")
        if let dense = auxDense, dense.count >= rows * deadCount { return }
        let m = denseAuxiliaryLimit
        auxDense = Buffer(zeros: rows * m); auxDenseGradient = Buffer(zeros: rows * m)
        deadDecoderRows = Buffer(zeros: m * width); deadScratch = Buffer(zeros: m * width)
    }

    var codes: SparseCodes { SparseCodes(rows: rows, width: k, indices: codeIndices.pointer, values: codeValues.pointer) }
    var auxCodes: SparseCodes { SparseCodes(rows: rows, width: auxWidth, indices: auxIndices.pointer, values: auxValues.pointer) }

    /// Reads the batch's vectors and layer positions.
    func load(_ batch: [ActivationRow], from activations: some MultiLayerActivations) throws {
        precondition(batch.count == rows, "batch of \(batch.count) rows for a workspace of \(rows)")
        try activations.copyRows(batch, into: input.buffer)
        for (i, row) in batch.enumerated() { layerOfRow.pointer[i] = Int32(row.layer) }
    }

    /// x → x̂ (and μ, σ).
    func standardize(_ configuration: SAEConfiguration) {
        Standardization.forward(input: input.pointer, rows: rows, width: width, enabled: configuration.standardize,
                                epsilon: configuration.standardizationEpsilon, output: standardized.pointer,
                                mean: mean.pointer, std: std.pointer)
    }

    /// x̂ → U → A → top-k codes (z and the pre-activations a).
    func encode(_ parameters: ParameterSet) {
        Encoder.centre(standardized.pointer, rows: rows, width: width, preBias: parameters.preEncoderBias, output: centred.pointer)
        Encoder.preActivations(centred.pointer, rows: rows, width: width, weight: parameters.encoderWeight,
                               bias: parameters.hasEncoderBias ? parameters.encoderBias : nil, latents: latents,
                               output: preActivations.pointer)
        Encoder.selectTopK(preActivations.pointer, rows: rows, latents: latents, codes: codes, preValues: codePreValues.pointer)
    }

    /// How the auxiliary codes of the current batch are held.
    enum AuxiliaryLayout: Equatable {
        /// No latent is dead (or AuxK is off).
        case none
        /// Sparse codes with latent indices (`auxCodes`), for many dead latents.
        case sparse
        /// A dense [N, M] matrix over the M dead latents (`auxDense`), for few.
        case dense
    }

    /// The auxiliary codes: for each row the top min(A, M) pre-activations among the M dead latents
    /// (`dead`, ascending), through ReLU. Dense over the dead latents when M ≤ `denseAuxiliaryLimit`.
    func selectAuxiliary(dead: [Int32]) {
        auxWidth = Swift.min(auxCapacity, dead.count)
        guard auxWidth > 0 else { auxLayout = .none; return }
        auxLayout = dead.count <= denseAuxiliaryLimit ? .dense : .sparse
        if auxLayout == .dense { prepareDenseAuxiliary(deadCount: dead.count) }
        let width = auxWidth, latents = self.latents, m = dead.count, layout = auxLayout
        let pre = preActivations.pointer, indices = auxIndices.pointer, values = auxValues.pointer, preValues = auxPreValues.pointer
        let dense = auxDense?.pointer
        dead.withUnsafeBufferPointer { deadLatents in
            Parallel.forRanges(rows, minimumChunk: 16) { range in
                var selector = TopKSelector(capacity: width)
                let gathered = UnsafeMutablePointer<Float>.allocate(capacity: m), local = UnsafeMutablePointer<Int32>.allocate(capacity: m)
                defer { selector.deallocate(); gathered.deallocate(); local.deallocate() }
                for row in range {
                    for j in 0..<m { gathered[j] = pre[row * latents + Int(deadLatents[j])]; local[j] = Int32(j) }
                    let slotValues = preValues + row * width, slotIndices = indices + row * width
                    if 4 * width > m {
                        TopKSelector.partitionBest(gathered, local, count: m, k: width)
                        slotValues.update(from: gathered, count: width)
                        slotIndices.update(from: local, count: width)
                    } else {
                        selector.select(gathered, width: m, k: width, values: slotValues, indices: slotIndices)
                    }
                    if let dense { (dense + row * m).update(repeating: 0, count: m) }
                    for slot in 0..<width {
                        let j = Int(slotIndices[slot]), z = Swift.max(slotValues[slot], 0)
                        values[row * width + slot] = z
                        if layout == .dense { dense![row * m + j] = z } else { slotIndices[slot] = deadLatents[j] }
                    }
                }
            }
        }
    }
}
