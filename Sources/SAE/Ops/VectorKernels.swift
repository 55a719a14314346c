/// The two inner loops of the sparse kernels, written with explicit 16-wide vectors.
///
/// A plain `for` loop summing products is a single dependent chain of scalar adds (the compiler
/// may not reorder float additions), which makes every dot product latency-bound; two 16-lane
/// accumulators keep 32 partial sums in flight instead. Results differ from a sequential sum only
/// by float rounding and are the same on every call (fixed order).
enum VectorKernels {
    /// Σ a[j]·b[j] for j < n.
    @inline(__always)
    static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ n: Int) -> Float {
        let ra = UnsafeRawPointer(a), rb = UnsafeRawPointer(b)
        var s0 = SIMD16<Float>(), s1 = SIMD16<Float>()
        var j = 0
        while j + 32 <= n {
            s0 += ra.loadUnaligned(fromByteOffset: j * 4, as: SIMD16<Float>.self) * rb.loadUnaligned(fromByteOffset: j * 4, as: SIMD16<Float>.self)
            s1 += ra.loadUnaligned(fromByteOffset: (j + 16) * 4, as: SIMD16<Float>.self)
                * rb.loadUnaligned(fromByteOffset: (j + 16) * 4, as: SIMD16<Float>.self)
            j += 32
        }
        if j + 16 <= n {
            s0 += ra.loadUnaligned(fromByteOffset: j * 4, as: SIMD16<Float>.self) * rb.loadUnaligned(fromByteOffset: j * 4, as: SIMD16<Float>.self)
            j += 16
        }
        var total = (s0 + s1).sum()
        while j < n { total += a[j] * b[j]; j += 1 }
        return total
    }

    /// y[j] += alpha·x[j] for j < n.
    @inline(__always)
    static func axpy(_ y: UnsafeMutablePointer<Float>, _ alpha: Float, _ x: UnsafePointer<Float>, _ n: Int) {
        let ry = UnsafeMutableRawPointer(y), rx = UnsafeRawPointer(x)
        let scale = SIMD16<Float>(repeating: alpha)
        var j = 0
        while j + 16 <= n {
            let updated = ry.loadUnaligned(fromByteOffset: j * 4, as: SIMD16<Float>.self)
                + scale * rx.loadUnaligned(fromByteOffset: j * 4, as: SIMD16<Float>.self)
            ry.storeBytes(of: updated, toByteOffset: j * 4, as: SIMD16<Float>.self)
            j += 16
        }
        while j < n { y[j] += alpha * x[j]; j += 1 }
    }
}
