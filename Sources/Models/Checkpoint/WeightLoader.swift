import Foundation
import Formats
import Tensors

/// Strict, named access to a checkpoint's tensors for one architecture.
///
/// Checkpoint names go through one sanitize step: a known prefix (`bert.`, `roberta.`,
/// `gpt_neox.`, `transformer.`) is dropped, and non-parameter buffers that PyTorch saved (causal
/// mask `attn.bias`, `masked_bias`, rotary `inv_freq`, `position_ids`) are set aside. The model
/// then asks for each tensor by its canonical name and shape; `finish()` reports, all at once,
/// mis-shaped tensors (name, expected and found shape) and missing ones, and returns the names of
/// tensors nobody asked for (a warning, not an error: e.g. a pre-training head).
public struct WeightLoader {
    /// Where tensors come from.
    enum Source {
        case checkpoint(any SafetensorsReading)
        /// Random weights (for tests and from-scratch models): N(0, 0.02), LayerNorm gains 1, biases 0.
        case random(SeededRNG)
    }

    /// How a freshly made tensor is filled in `random` mode.
    enum Initial { case normal, ones, zeros }

    private var source: Source
    private let storedName: [String: String]
    private var requested: Set<String> = []
    private var missing: [(String, [Int])] = []
    private var problems: [ModelError] = []
    /// Buffers dropped by sanitize (not parameters).
    public let droppedBuffers: [String]

    /// Prefixes a checkpoint may put before every name.
    static let knownPrefixes = ["bert.", "roberta.", "gpt_neox.", "transformer."]

    /// A loader over a checkpoint's tensors.
    /// - Throws: `ModelError.duplicateTensor` when two stored names sanitize to the same name.
    public init(checkpoint: any SafetensorsReading) throws {
        var byCanonical: [String: String] = [:]
        var dropped: [String] = []
        for name in checkpoint.names {
            guard let canonical = WeightLoader.sanitize(name) else { dropped.append(name); continue }
            if let other = byCanonical[canonical] {
                throw ModelError.duplicateTensor(name: canonical, storedAs: [other, name].sorted())
            }
            byCanonical[canonical] = name
        }
        source = .checkpoint(checkpoint)
        storedName = byCanonical
        droppedBuffers = dropped
    }

    /// A loader that makes random tensors of whatever shape is asked for.
    public init(randomSeed: UInt64) {
        source = .random(SeededRNG(seed: randomSeed))
        storedName = [:]
        droppedBuffers = []
    }

    /// The canonical name of a stored tensor, or nil for a buffer that is not a parameter.
    public static func sanitize(_ name: String) -> String? {
        var canonical = Substring(name)
        if let prefix = knownPrefixes.first(where: { name.hasPrefix($0) }) { canonical = canonical.dropFirst(prefix.count) }
        let parts = canonical.split(separator: ".")
        if let last = parts.last {
            let owner = parts.count >= 2 ? parts[parts.count - 2] : ""
            if (owner == "attn" || owner == "attention") && (last == "bias" || last == "masked_bias") { return nil }
            if last == "inv_freq" || last == "position_ids" { return nil }
        }
        return String(canonical)
    }

    /// Whether the checkpoint has a tensor of this canonical name (always false in random mode).
    public func contains(_ name: String) -> Bool { storedName[name] != nil }

    /// The tensor `name` of `shape`; a missing or mis-shaped one is recorded for `finish()` and an
    /// empty placeholder is returned.
    mutating func tensor(_ name: String, shape: [Int], initial: Initial = .normal) -> Tensor {
        requested.insert(name)
        switch source {
        case var .random(rng):
            let tensor: Tensor
            switch initial {
            case .normal: tensor = Tensor.randomNormal(shape, std: 0.02, rng: &rng)
            case .ones: tensor = Tensor(repeating: 1, shape: shape)
            case .zeros: tensor = Tensor(zeros: shape)
            }
            source = .random(rng)
            return tensor
        case let .checkpoint(reader):
            guard let stored = storedName[name] else {
                missing.append((name, shape))
                return Tensor(zeros: [0])
            }
            do {
                let info = try reader.info(named: stored)
                guard [.f32, .f16, .bf16].contains(info.dtype) else {
                    problems.append(.unsupportedTensorType(name: stored, dtype: info.dtype.rawValue))
                    return Tensor(zeros: [0])
                }
                guard info.shape == shape else {
                    problems.append(.tensorShapeMismatch(name: stored, expected: shape, found: info.shape))
                    return Tensor(zeros: [0])
                }
                return try reader.tensor(named: stored)
            } catch let error as FormatError {
                problems.append(.format(error))
            } catch {
                problems.append(.unreadableFile(path: stored, reason: "\(error)"))
            }
            return Tensor(zeros: [0])
        }
    }

    /// The tensor if the checkpoint has it (always made in random mode when `randomly` is true).
    mutating func optionalTensor(_ name: String, shape: [Int], randomly: Bool = false) -> Tensor? {
        if case .random = source { return randomly ? tensor(name, shape: shape) : nil }
        return contains(name) ? tensor(name, shape: shape) : nil
    }

    /// Ends loading: throws the first shape or type problem, else the list of missing tensors;
    /// returns the stored names of tensors the model did not use, sorted.
    public func finish() throws -> [String] {
        if let problem = problems.first { throw problem }
        if !missing.isEmpty { throw ModelError.missingTensors(names: missing.map(\.0), expectedShapes: missing.map(\.1)) }
        return storedName.filter { !requested.contains($0.key) }.map(\.value).sorted()
    }
}
