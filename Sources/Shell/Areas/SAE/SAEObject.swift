import Foundation
import Formats
import SAE

/// A sparse autoencoder in the workspace (kind `sae`): the SAE, and, when it was trained here or
/// loaded from the native layout with its state, the optimizer state and training history that
/// `train sae more` continues from.
public struct SAEObject: WorkspaceObject {
    /// The kind `sae`.
    public static let kind = ObjectKind(
        name: "sae", summary: "a multi-layer TopK sparse autoencoder, with its training state and history when trained here",
        saveFormat: "a directory: sae.json, sae.safetensors and, when trained here, training.json and optimizer.safetensors (load sae DIR reads it back)",
        exports: [.json: "config, training settings and history: {\"config\": ..., \"training\": ..., \"history\": [{step, tokens, loss, aux_loss, fvu, dead_fraction}]}",
                  .csv: "the training history: one row per step (step, tokens, loss, aux_loss, fvu, dead_fraction)"],
        saveLayouts: [SaveLayout("mindscope", "the native directory (also format=native)"), SaveLayout("native", "the same as mindscope"),
                      SaveLayout("saelens", "SAELens: cfg.json + sae_weights.safetensors (no training state)"),
                      SaveLayout("sparsify", "EleutherAI sparsify: cfg.json + sae.safetensors (no standardisation, no training state)"),
                      SaveLayout("mlsae", "mlsae: config.json + model.safetensors (no encoder bias, no Adam state)")])

    /// The autoencoder.
    public let sae: SparseAutoencoder
    /// The optimizer state and history (nil for an SAE loaded without one).
    public let state: TrainingState?
    /// Where it came from: `trained on acts`, `loaded from runs/sae (saelens)`.
    public let origin: String
    /// Seconds spent training in this session (all runs), when trained here.
    public let trainingSeconds: Double?

    /// Wraps an SAE.
    public init(_ sae: SparseAutoencoder, state: TrainingState?, origin: String, trainingSeconds: Double? = nil) {
        self.sae = sae
        self.state = state
        self.origin = origin
        self.trainingSeconds = trainingSeconds
    }

    /// The training records (empty without a state).
    public var history: [TrainingRecord] { state?.history ?? [] }

    /// `7 layers × 6144 latents (384 × 16), k=32, 2000 steps, FVU 0.123`.
    public var summary: String {
        let c = sae.configuration
        var text = "\(Format.count(c.layerCount, "layer")) × \(c.latentCount) latents (\(c.inputWidth) × "
            + "\(Format.number(Double(c.latentCount) / Double(c.inputWidth), significant: 3))), k=\(c.k)"
        if let state {
            text += ", \(Format.count(state.step, "step"))"
            if let last = state.history.last { text += ", FVU \(Format.number(last.fvu)), dead \(Format.number(last.deadFraction))" }
        }
        return text + ", " + origin
    }

    /// `F × D`.
    public var shape: String { Format.shape([sae.latentCount, sae.inputWidth]) }

    /// The four parameter tensors, and twice as much again for Adam's moments.
    public var memoryBytes: Int {
        let parameters = 4 * (2 * sae.latentCount * sae.inputWidth + sae.latentCount + sae.inputWidth)
        return state == nil ? parameters : 3 * parameters + 8 * sae.latentCount
    }

    /// Architecture, training settings and the last training record.
    public func details() -> String {
        var table = TextTable(columns: 2)
        let c = sae.configuration
        table.append(["layers", c.layers.map(String.init).joined(separator: " ")])
        table.append(["latents", "\(c.latentCount) (input width \(c.inputWidth)), k=\(c.k)"])
        table.append(["inputs", c.standardize ? "standardised per example (ε \(c.standardizationEpsilon))" : "raw (not standardised)"])
        table.append(["encoder bias", sae.hasEncoderBias ? "yes" : "none (zero)"])
        if let state {
            let t = state.configuration
            table.append(["training", "batch \(t.batchSize), lr \(Format.number(Double(t.optimizer.learningRate))), aux_k \(t.auxK), "
                          + "dead_tokens \(t.deadTokens), seed \(t.seed)"])
            table.append(["progress", "\(Format.count(state.step, "step")), \(Format.number(Double(state.examplesSeen) / Double(c.layerCount))) tokens"
                          + (trainingSeconds.map { " in \(Format.duration($0))" } ?? "")])
            if let last = state.history.last {
                table.append(["last step", "loss \(Format.number(last.loss)), FVU \(Format.number(last.fvu)), dead fraction \(Format.number(last.deadFraction))"])
            }
        } else {
            table.append(["training", "no state: train sae more starts Adam afresh"])
        }
        return summary + "\n" + table.render()
    }

    /// The native directory.
    public func save(to url: URL) throws { _ = try save(to: url, layout: nil) }

    /// The directory in `layout` (nil: native), created when missing.
    public func save(to url: URL, layout: String?) throws -> [String] {
        let format = layout.flatMap(SAEFormatChoice.init(rawValue:))?.format ?? .mindscope
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw ShellError(.fileError(path: url.relativePath, reason: "cannot create the directory (\(error.localizedDescription))"))
        }
        do {
            return try SAEFiles.save(sae, state: state, to: url, format: format)
        } catch let error as SAEError {
            throw ShellError(.failed(error.description))
        }
    }

    /// Config, training settings and history.
    public func exportJSON() throws -> JSONValue? {
        var members: [String: JSONValue] = ["config": try SAEJSON.value(sae.configuration)]
        if let state {
            members["training"] = try SAEJSON.value(state.configuration)
            members["history"] = try SAEJSON.value(state.history)
        }
        return .object(members)
    }

    /// One row per training step.
    public func exportCSV() throws -> Table? {
        let h = history
        return try Table(names: ["step", "tokens", "loss", "aux_loss", "fvu", "dead_fraction"],
                         columns: [.numbers(h.map { Double($0.step) }), .numbers(h.map(\.tokens)), .numbers(h.map(\.loss)),
                                   .numbers(h.map(\.auxLoss)), .numbers(h.map(\.fvu)), .numbers(h.map(\.deadFraction))])
    }
}

/// Codable values of the SAE module as export values.
enum SAEJSON {
    /// `value` encoded with its own coding keys.
    static func value(_ value: some Encodable) throws -> JSONValue {
        let encoder = JSONEncoder()
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try JSONValue.parse(try encoder.encode(value), path: "export")
    }
}
