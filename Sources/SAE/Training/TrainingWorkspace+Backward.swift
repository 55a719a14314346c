import Foundation
import Tensors

/// The losses of one batch.
struct BatchLoss {
    /// Reconstruction loss (mean over layers of the FVU).
    var reconstruction: Double
    /// AuxK loss (0 when no latent is dead).
    var auxiliary: Double
    /// Per-layer statistics of the batch.
    var layers: [ReconstructionLoss.Layer]
    /// Total loss.
    var total: Double { reconstruction + auxiliary }
}

extension TrainingWorkspace {
    /// Decodes, computes both losses and writes every parameter gradient into `parameters.gradients`
    /// (after `standardize` and `encode`). `dead` are the latents flagged dead (ascending).
    func forwardBackward(_ parameters: ParameterSet, configuration: SAEConfiguration, training: TrainingConfiguration,
                         dead: [Int32]) -> BatchLoss {
        let decoder = UnsafePointer(parameters.decoderWeight)
        SparseDecoder.forward(codes, weight: decoder, width: width, bias: parameters.preEncoderBias, output: decoded.pointer)
        Standardization.inverse(decoded.pointer, rows: rows, width: width, mean: mean.pointer, std: std.pointer,
                                output: reconstruction.pointer)
        let main = ReconstructionLoss.forwardBackward(input: input.pointer, reconstruction: reconstruction.pointer,
                                                      layerOfRow: layerOfRow.pointer, rows: rows, width: width,
                                                      layerCount: configuration.layerCount, gradient: outputGradient.pointer)
        Standardization.inverseBackward(outputGradient.pointer, rows: rows, width: width, std: std.pointer, dy: outputGradient.pointer)

        var auxiliary = 0.0
        selectAuxiliary(dead: training.auxCoefficient > 0 ? dead : [])
        if auxLayout != .none {
            AuxiliaryLoss.target(standardized: standardized.pointer, decoded: decoded.pointer, count: rows * width, output: auxTarget.pointer)
            if auxLayout == .dense {
                dead.withUnsafeBufferPointer { deadLatents in
                    DeadSubsetAuxiliary.gatherRows(decoder, dead: deadLatents, width: width, output: deadDecoderRows!.pointer)
                }
                DeadSubsetAuxiliary.forward(codes: auxDense!.pointer, rows: rows, dead: dead.count, decoderRows: deadDecoderRows!.pointer,
                                            width: width, output: auxPrediction.pointer)
            } else {
                SparseDecoder.forward(auxCodes, weight: decoder, width: width, bias: nil, output: auxPrediction.pointer)
            }
            auxiliary = AuxiliaryLoss.forwardBackward(prediction: auxPrediction.pointer, target: auxTarget.pointer, rows: rows,
                                                      width: width, coefficient: training.auxCoefficient, gradient: auxGradient.pointer)
        }
        backward(parameters, dead: dead)
        return BatchLoss(reconstruction: main.loss, auxiliary: auxiliary, layers: main.layers)
    }

    /// From dY (and dê) to every parameter gradient.
    private func backward(_ parameters: ParameterSet, dead: [Int32]) {
        let decoder = UnsafePointer(parameters.decoderWeight)
        SparseDecoder.codeBackward(codes, weight: decoder, width: width, outputGradient: outputGradient.pointer,
                                   codeGradient: codeGradient.pointer)
        Encoder.reluBackward(codeGradient.pointer, preValues: codePreValues.pointer, count: rows * k)
        if auxLayout == .sparse {
            SparseDecoder.codeBackward(auxCodes, weight: decoder, width: width, outputGradient: auxGradient.pointer,
                                       codeGradient: auxCodeGradient.pointer)
            Encoder.reluBackward(auxCodeGradient.pointer, preValues: auxPreValues.pointer, count: rows * auxWidth)
        } else if auxLayout == .dense {
            DeadSubsetAuxiliary.codeBackward(outputGradient: auxGradient.pointer, rows: rows, dead: dead.count,
                                             decoderRows: deadDecoderRows!.pointer, width: width, codes: auxDense!.pointer,
                                             codeGradient: auxDenseGradient!.pointer)
        }
        weightBackward(parameters, dead: dead)
        preEncoderBiasBackward(parameters)
    }

    /// db_pre = Σ_i dY_i − Σ_i dU_i. The bias enters twice: added after the decoder (Y = … + b)
    /// and subtracted before the encoder (U = x̂ − b). The second sum needs no per-row dU:
    /// Σ_i dU_i = Σ_i Σ_s da_is·W_enc[idx_is] = W_encᵀ·(Σ_i da_i), and Σ_i da_i is the
    /// encoder-bias gradient already summed per latent — one matrix-vector product.
    private func preEncoderBiasBackward(_ parameters: ParameterSet) {
        let gradient = parameters.gradients[ParameterSet.preEncoderBias].pointer
        gradient.update(repeating: 0, count: width)
        SparseDecoder.biasBackward(outputGradient.pointer, rows: rows, width: width, into: gradient)
        BLAS.sgemv(transpose: true, rows: latents, columns: width, alpha: -1, a: parameters.encoderWeight, lda: width,
                   x: parameters.gradients[ParameterSet.encoderBias].pointer, beta: 1, y: gradient)
    }

    /// The weight-row gradients: per-latent sums over the sparse codes, the dense auxiliary
    /// products on the dead rows, then the projection of each decoder-row gradient.
    private func weightBackward(_ parameters: ParameterSet, dead: [Int32]) {
        let encoderGradient = parameters.gradients[ParameterSet.encoderWeight].pointer
        let decoderGradient = parameters.gradients[ParameterSet.decoderWeight].pointer
        let biasGradient = parameters.gradients[ParameterSet.encoderBias].pointer
        incidence.build(codes)
        var terms = [LatentGradients.Term(incidence: incidence, decoderCoefficients: codeValues.pointer,
                                          decoderRowGradients: outputGradient.pointer, encoderCoefficients: codeGradient.pointer)]
        if auxLayout == .sparse {
            auxIncidence.build(auxCodes)
            terms.append(LatentGradients.Term(incidence: auxIncidence, decoderCoefficients: auxValues.pointer,
                                              decoderRowGradients: auxGradient.pointer, encoderCoefficients: auxCodeGradient.pointer))
        }
        LatentGradients.compute(terms, encoderInput: centred.pointer, width: width, latents: latents, encoderGradient: encoderGradient,
                                decoderGradient: decoderGradient, encoderBiasGradient: biasGradient)
        if auxLayout == .dense {
            dead.withUnsafeBufferPointer { deadLatents in
                DeadSubsetAuxiliary.weightBackward(codes: auxDense!.pointer, codeGradient: auxDenseGradient!.pointer, rows: rows,
                                                   dead: deadLatents, outputGradient: auxGradient.pointer, encoderInput: centred.pointer,
                                                   width: width, scratch: deadScratch!.pointer, decoderGradient: decoderGradient,
                                                   encoderGradient: encoderGradient, encoderBiasGradient: biasGradient)
            }
        }
        DecoderNormalization.projectRows(decoderGradient, onto: parameters.decoderWeight, rows: latents, width: width)
    }
}
