import Foundation

/// The architecture of a TopK sparse autoencoder: widths, k, the layers it reads, and whether
/// inputs are standardised. Everything needed to run it; training hyper-parameters live in
/// `TrainingConfiguration`.
public struct SAEConfiguration: Codable, Sendable, Equatable {
    /// D, the width of an input vector (d_model).
    public var inputWidth: Int
    /// F, the number of latents.
    public var latentCount: Int
    /// K, the number of latents kept per example (top-k).
    public var k: Int
    /// The model layer numbers of the activation set the SAE reads, in activation-set order
    /// (labels only: position `l` in this list is layer index `l` of the inputs).
    public var layers: [Int]
    /// Standardise each input on its own: x̂ = (x − mean) / (std + ε), reconstruction mapped back
    /// as y·std + mean (mlsae `standardize=True`).
    public var standardize: Bool
    /// ε of the standardisation (1e-5 in the reference).
    public var standardizationEpsilon: Float

    /// The reference architecture: `expansion` × `inputWidth` latents, k of them active,
    /// standardised inputs.
    public init(inputWidth: Int, expansion: Int = 16, k: Int = 32, layers: [Int], standardize: Bool = true) {
        self.init(inputWidth: inputWidth, latentCount: inputWidth * expansion, k: k, layers: layers, standardize: standardize)
    }

    /// An architecture with an explicit latent count.
    public init(inputWidth: Int, latentCount: Int, k: Int, layers: [Int], standardize: Bool = true,
                standardizationEpsilon: Float = 1e-5) {
        self.inputWidth = inputWidth
        self.latentCount = latentCount
        self.k = k
        self.layers = layers
        self.standardize = standardize
        self.standardizationEpsilon = standardizationEpsilon
    }

    enum CodingKeys: String, CodingKey {
        case inputWidth = "input_width", latentCount = "latent_count", k, layers, standardize
        case standardizationEpsilon = "standardization_epsilon"
    }

    /// L, the number of layers read.
    public var layerCount: Int { layers.count }

    /// Checks that the sizes make sense.
    /// - Throws: `SAEError.invalidConfiguration` naming the first bad value.
    public func validate() throws {
        guard inputWidth >= 2 else { throw SAEError.invalidConfiguration("input width \(inputWidth) must be at least 2") }
        guard latentCount >= 1 else { throw SAEError.invalidConfiguration("latent count \(latentCount) must be positive") }
        guard k >= 1 && k <= latentCount else {
            throw SAEError.invalidConfiguration("k = \(k) must be between 1 and the latent count \(latentCount)")
        }
        guard !layers.isEmpty else { throw SAEError.invalidConfiguration("the SAE must read at least one layer") }
        guard Set(layers).count == layers.count else { throw SAEError.invalidConfiguration("layers \(layers) repeat a layer") }
        guard standardizationEpsilon >= 0 && standardizationEpsilon.isFinite else {
            throw SAEError.invalidConfiguration("standardisation ε \(standardizationEpsilon) must be finite and non-negative")
        }
    }
}
