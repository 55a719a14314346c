import Foundation
import Tensors

/// A dense layer y = x·W + b whose weight keeps the checkpoint's layout, so loading never copies:
/// PyTorch's `nn.Linear` stores W as [out, in] (used transposed), GPT-2's `Conv1D` as [in, out].
struct Linear: Sendable {
    /// How the weight matrix is stored.
    enum Layout: Sendable {
        /// [out, in], `nn.Linear`.
        case outputsByInputs
        /// [in, out], GPT-2's `Conv1D`.
        case inputsByOutputs
    }

    let weight: Tensor
    let bias: Tensor?
    let layout: Layout
    let inputWidth: Int
    let outputWidth: Int

    /// Loads `name.weight` (and `name.bias` when `hasBias`), checking their shapes.
    init(_ name: String, inputs: Int, outputs: Int, layout: Layout = .outputsByInputs, hasBias: Bool = true,
         from weights: inout WeightLoader) {
        let shape = layout == .outputsByInputs ? [outputs, inputs] : [inputs, outputs]
        weight = weights.tensor("\(name).weight", shape: shape)
        bias = hasBias ? weights.tensor("\(name).bias", shape: [outputs]) : nil
        self.layout = layout
        inputWidth = inputs
        outputWidth = outputs
    }

    /// Wraps tensors already in memory (tests and tied heads).
    init(weight: Tensor, bias: Tensor?, layout: Layout) {
        self.weight = weight
        self.bias = bias
        self.layout = layout
        inputWidth = layout == .outputsByInputs ? weight.shape[1] : weight.shape[0]
        outputWidth = layout == .outputsByInputs ? weight.shape[0] : weight.shape[1]
    }

    /// output ← x·W (+ output when `accumulate`), without the bias.
    /// `x` is [rows, in] with row stride `inputStride`; `output` is [rows, out] with `outputStride`.
    ///
    /// With several threads the rows are split into one block per thread, each a single-threaded
    /// sgemm: every part of a forward pass then runs on the same worker threads, instead of
    /// OpenBLAS's own pool, whose idle threads spin and take the cores from the passes between
    /// products. Each row's result does not depend on the split.
    /// - Complexity: 2 · rows · in · out flops.
    func multiply(_ x: UnsafePointer<Float>, rows: Int, inputStride: Int? = nil,
                  into output: UnsafeMutablePointer<Float>, outputStride: Int? = nil, accumulate: Bool = false) {
        let lda = inputStride ?? inputWidth, ldc = outputStride ?? outputWidth
        weight.withUnsafeBufferPointer { w in
            let product = { (block: Range<Int>) in
                BLAS.sgemm(transposeA: false, transposeB: layout == .outputsByInputs, m: block.count, n: outputWidth, k: inputWidth,
                           alpha: 1, a: x + block.lowerBound * lda, lda: lda, b: w.baseAddress!,
                           ldb: layout == .outputsByInputs ? inputWidth : outputWidth,
                           beta: accumulate ? 1 : 0, c: output + block.lowerBound * ldc, ldc: ldc)
            }
            if Parallel.threadCount > 1 && rows >= 2 * Linear.minimumRowsPerThread {
                Parallel.forRangesWithSerialBLAS(rows, minimumChunk: Linear.minimumRowsPerThread, product)
            } else {
                product(0..<rows)
            }
        }
    }

    /// Below this many rows per thread a split product loses more to packing than it gains.
    static let minimumRowsPerThread = 64

    /// output ← x·W + b: the bias rows are written first and the product accumulates onto them.
    func callAsFunction(_ x: UnsafePointer<Float>, rows: Int, inputStride: Int? = nil,
                        into output: UnsafeMutablePointer<Float>) {
        if let bias {
            bias.withUnsafeBufferPointer { RowKernels.fillRows(output, with: $0.baseAddress!, rows: rows, width: outputWidth) }
            multiply(x, rows: rows, inputStride: inputStride, into: output, accumulate: true)
        } else {
            multiply(x, rows: rows, inputStride: inputStride, into: output)
        }
    }

    /// Runs `body` with the bias pointer (nil without a bias).
    func withBias<R>(_ body: (UnsafePointer<Float>?) throws -> R) rethrows -> R {
        guard let bias else { return try body(nil) }
        return try bias.withUnsafeBufferPointer { try body($0.baseAddress!) }
    }

    /// Number of parameters.
    var parameterCount: Int { weight.count + (bias?.count ?? 0) }
}

/// LayerNorm parameters (gamma as `weight`, beta as `bias`) and epsilon.
struct LayerNorm: Sendable {
    let gamma: Tensor
    let beta: Tensor
    let epsilon: Float

    init(_ name: String, width: Int, epsilon: Float, from weights: inout WeightLoader) {
        gamma = weights.tensor("\(name).weight", shape: [width])
        beta = weights.tensor("\(name).bias", shape: [width])
        self.epsilon = epsilon
    }

    /// output[r] = LN(input[r] + bias + residual[r]) (bias and residual optional).
    func callAsFunction(_ input: UnsafePointer<Float>, bias: UnsafePointer<Float>? = nil, residual: UnsafePointer<Float>? = nil,
                        into output: UnsafeMutablePointer<Float>, rows: Int) {
        gamma.withUnsafeBufferPointer { g in beta.withUnsafeBufferPointer { b in
            RowKernels.layerNorm(input, bias: bias, residual: residual, into: output, rows: rows, width: g.count,
                                 gamma: g.baseAddress!, beta: b.baseAddress!, epsilon: epsilon)
        } }
    }

    var parameterCount: Int { gamma.count + beta.count }
}
