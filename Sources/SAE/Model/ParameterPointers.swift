import Foundation
import Tensors

/// Read-only addresses of an SAE's tensors for the kernels (valid inside `withParameterPointers`).
struct ParameterPointers {
    let encoderWeight: UnsafePointer<Float>
    let decoderWeight: UnsafePointer<Float>
    let preEncoderBias: UnsafePointer<Float>
    /// nil when the encoder bias is all zero, so the kernels skip it.
    let encoderBias: UnsafePointer<Float>?
}

extension SparseAutoencoder {
    /// Runs `body` with the addresses of the parameters.
    func withParameterPointers<R>(_ body: (ParameterPointers) throws -> R) rethrows -> R {
        let useBias = hasEncoderBias
        return try parameters.encoderWeight.withUnsafeBufferPointer { encoder in
            try parameters.decoderWeight.withUnsafeBufferPointer { decoder in
                try parameters.preEncoderBias.withUnsafeBufferPointer { preBias in
                    try parameters.encoderBias.withUnsafeBufferPointer { bias in
                        try body(ParameterPointers(encoderWeight: encoder.baseAddress!, decoderWeight: decoder.baseAddress!,
                                                   preEncoderBias: preBias.baseAddress!, encoderBias: useBias ? bias.baseAddress! : nil))
                    }
                }
            }
        }
    }
}
