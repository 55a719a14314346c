/// A batch of sparse latent codes: for each of N rows, `width` (latent index, value) pairs.
///
/// Indices are [N, width] Int32, values [N, width] Float, both row-major. The same layout serves
/// the top-k codes (width K) and the auxiliary codes of dead latents (width A).
struct SparseCodes {
    let rows: Int
    let width: Int
    let indices: UnsafeMutablePointer<Int32>
    let values: UnsafeMutablePointer<Float>

    /// Latent index of slot `slot` of row `row`.
    @inline(__always) func index(_ row: Int, _ slot: Int) -> Int { Int(indices[row * width + slot]) }
    /// Value of slot `slot` of row `row`.
    @inline(__always) func value(_ row: Int, _ slot: Int) -> Float { values[row * width + slot] }
}
