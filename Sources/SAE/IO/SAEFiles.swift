import Foundation
import Formats
import Tensors

/// The directory layouts an SAE can be saved in and loaded from.
public enum SAEFormat: String, CaseIterable, Sendable {
    /// mindscope's own layout: everything, including standardisation, the layers and (optionally)
    /// the training state with Adam's moments (`sae.json`, `sae.safetensors`, `training.json`,
    /// `optimizer.safetensors`).
    case mindscope
    /// SAELens (`cfg.json` + `sae_weights.safetensors`: W_enc [D, F], W_dec [F, D], b_enc, b_dec).
    /// Carries standardisation as `normalize_activations: "layer_norm"` (the same formula, ε 1e-5).
    /// Cannot carry the training state; the layer list is kept in a `mindscope_layers` key that
    /// SAELens ignores.
    case saelens
    /// EleutherAI sparsify (`cfg.json` + `sae.safetensors`: encoder.weight [F, D], encoder.bias,
    /// W_dec [F, D], b_dec). Cannot carry standardisation (saving a standardising SAE is an error)
    /// or the training state; layers kept in `mindscope_layers`.
    case sparsify
    /// mlsae (`config.json` + `model.safetensors`: encoder.weight [F, D], decoder.weight [D, F],
    /// pre_encoder_bias, last_nonzero). Carries standardisation and the layers; cannot carry an
    /// encoder bias (saving one that is not zero is an error) or Adam's state.
    case mlsae
}

/// An SAE read from disk, with its training state when the layout has one.
public struct LoadedSAE: Sendable {
    /// The SAE.
    public var sae: SparseAutoencoder
    /// Present for the mindscope layout when saved with its training state.
    public var trainingState: TrainingState?
    /// The layout it was read from.
    public var format: SAEFormat
    /// What the layout left out or what was converted (for the shell to show).
    public var notes: [String]
}

/// Saving and loading SAEs in every supported layout.
public enum SAEFiles {
    /// The layout of an SAE directory, from the files in it.
    /// - Throws: `SAEError.invalidFile` when no layout's files are present.
    public static func detect(_ directory: URL) throws -> SAEFormat {
        func has(_ name: String) -> Bool { FileManager.default.fileExists(atPath: directory.appendingPathComponent(name).path) }
        if has(NativeLayout.configFile) { return .mindscope }
        if has(SAELensLayout.configFile) && has(SAELensLayout.weightsFile) { return .saelens }
        if has(SparsifyLayout.configFile) && has(SparsifyLayout.weightsFile) { return .sparsify }
        if has(MLSAELayout.configFile) && has(MLSAELayout.weightsFile) { return .mlsae }
        throw SAEError.invalidFile(path: directory.relativePath, reason: "no SAE found: expected sae.json (mindscope), cfg.json with "
            + "sae_weights.safetensors (SAELens) or sae.safetensors (sparsify), or config.json with model.safetensors (mlsae)")
    }

    /// Loads the SAE in `directory`, in `format` or the detected one.
    /// - Throws: `SAEError.invalidFile` / `.invalidConfiguration` naming what is wrong, or a
    ///   `FormatError` from reading a file.
    public static func load(from directory: URL, format: SAEFormat? = nil) throws -> LoadedSAE {
        switch try format ?? detect(directory) {
        case .mindscope: return try NativeLayout.load(directory)
        case .saelens: return try SAELensLayout.load(directory)
        case .sparsify: return try SparsifyLayout.load(directory)
        case .mlsae: return try MLSAELayout.load(directory)
        }
    }

    /// Saves `sae` (and `state`, where the layout can hold it) into `directory`, each file written
    /// atomically. Returns notes on what the layout could not carry.
    /// - Throws: `SAEError.unsupportedByFormat` when the layout cannot represent the SAE's function,
    ///   or a `FormatError` from writing.
    @discardableResult
    public static func save(_ sae: SparseAutoencoder, state: TrainingState? = nil, to directory: URL,
                            format: SAEFormat = .mindscope) throws -> [String] {
        switch format {
        case .mindscope: return try NativeLayout.save(sae, state: state, to: directory)
        case .saelens: return try SAELensLayout.save(sae, state: state, to: directory)
        case .sparsify: return try SparsifyLayout.save(sae, state: state, to: directory)
        case .mlsae: return try MLSAELayout.save(sae, state: state, to: directory)
        }
    }
}

/// Strict reading of the tensors of one safetensors file: each expected name must be present
/// with its shape, and no unexpected name may be left over.
struct StrictTensors {
    let file: SafetensorsFile
    let path: String
    private var used: Set<String> = []

    init(_ url: URL) throws {
        file = try SafetensorsFile(url: url)
        path = url.relativePath
    }

    /// The tensor `name`, which must have `shape`.
    mutating func tensor(_ name: String, shape: [Int]) throws -> Tensor {
        guard file.contains(name) else {
            throw SAEError.invalidFile(path: path, reason: "tensor '\(name)' is missing (found \(file.names.joined(separator: ", ")))")
        }
        let tensor = try file.tensor(named: name)
        guard tensor.shape == shape else {
            throw SAEError.invalidFile(path: path, reason: "tensor '\(name)' has shape \(tensor.shape), expected \(shape)")
        }
        used.insert(name)
        return tensor
    }

    /// The tensor `name` if present (with `shape`), else nil.
    mutating func optionalTensor(_ name: String, shape: [Int]) throws -> Tensor? {
        file.contains(name) ? try tensor(name, shape: shape) : nil
    }

    /// Marks `name` as read without converting it.
    mutating func skip(_ name: String) { used.insert(name) }

    /// Throws when the file holds a tensor nothing asked for.
    func checkNothingLeft() throws {
        if let extra = file.names.first(where: { !used.contains($0) }) {
            throw SAEError.invalidFile(path: path, reason: "unexpected tensor '\(extra)'")
        }
    }
}
