import Foundation
import Formats
import Tensors

/// MDPs and rewards in `.safetensors` and `.npz` files (through the Formats module).
///
/// An MDP file holds `transition` [S, A, S′] and `initial` [S], with the discount γ as the
/// metadata entry `gamma` (safetensors) or a one-element tensor/array `gamma` (either format). A
/// reward file holds `reward` [S, A, S′]; it is tied to the MDP it is loaded for, and its shape is
/// checked against that MDP's. Any float or integer dtype is read. `.npz` files are written in
/// float64 (exact); `.safetensors` files in F32, the widest float type the Formats writer
/// stores, so probabilities and rewards are rounded to single precision there.
public enum RewardFileFormat: String, CaseIterable, Sendable {
    case safetensors, npz

    /// The format named by a file's extension.
    /// - Throws: `RewardsError.unknownName` listing the supported extensions.
    public init(url: URL) throws {
        guard let format = RewardFileFormat(rawValue: url.pathExtension.lowercased()) else {
            throw RewardsError.unknownName(kind: "file extension", name: url.pathExtension, valid: Self.allCases.map(\.rawValue))
        }
        self = format
    }
}

extension MDP {
    /// Loads an MDP from a `.safetensors` or `.npz` file.
    /// - Throws: `FormatError` for an unreadable file or a missing tensor (naming near names),
    ///   `RewardsError` for an unknown extension, a missing or non-numeric γ, and everything the
    ///   validating initialiser throws (rows not summing to 1, γ outside [0, 1), NaN, shapes).
    public static func load(from url: URL) throws -> MDP {
        let file = try NamedArrays(url: url)
        let (transition, shape) = try file.array("transition")
        let (initial, _) = try file.array("initial")
        return try MDP(transition: transition, shape: shape, initial: initial, discount: try file.discount())
    }

    /// Saves this MDP to a `.safetensors` or `.npz` file, atomically.
    /// - Throws: `RewardsError.unknownName` for another extension, `FormatError.writeFailed`.
    public func save(to url: URL) throws {
        try NamedArrays.write([("transition", transition, rewardShape), ("initial", initial, [stateCount])],
                              discount: discount, to: url)
    }
}

extension Reward {
    /// Loads the reward stored as `reward` in a `.safetensors` or `.npz` file, for `mdp`.
    /// - Throws: `FormatError` for an unreadable file or a missing tensor, `RewardsError` for an
    ///   unknown extension, a shape other than the MDP's [S, A, S′], or a NaN.
    public static func load(from url: URL, mdp: MDP) throws -> Reward {
        let (values, shape) = try NamedArrays(url: url).array("reward")
        return try Reward(values: values, shape: shape, mdp: mdp)
    }

    /// Saves this reward as `reward` to a `.safetensors` or `.npz` file, atomically.
    /// - Throws: `RewardsError.unknownName` for another extension, `FormatError.writeFailed`.
    public func save(to url: URL) throws {
        try NamedArrays.write([("reward", values, shape)], discount: nil, to: url)
    }
}

/// The arrays of one safetensors or npz file, read as Double.
private struct NamedArrays {
    private enum Source {
        case safetensors(SafetensorsFile)
        case npz(NpzFile)
    }
    let url: URL
    private let source: Source

    init(url: URL) throws {
        self.url = url
        switch try RewardFileFormat(url: url) {
        case .safetensors: source = .safetensors(try SafetensorsFile(url: url))
        case .npz: source = .npz(try NpzFile(url: url))
        }
    }

    /// Values and shape of the array `name`.
    /// - Throws: `FormatError.notFound` naming the nearest names when there is none.
    func array(_ name: String) throws -> (values: [Double], shape: [Int]) {
        switch source {
        case .safetensors(let file): return (try file.doubles(named: name), try file.info(named: name).shape)
        case .npz(let file):
            let array = try file.array(named: name)
            return (array.doubles(), array.shape)
        }
    }

    /// γ from the safetensors metadata entry `gamma` or from a one-element array `gamma`.
    func discount() throws -> Double {
        let hasArray: Bool
        switch source {
        case .safetensors(let file):
            if let text = file.metadata["gamma"] {
                guard let value = Double(text.trimmingCharacters(in: .whitespaces)) else {
                    throw RewardsError.invalidSetting(name: "gamma metadata of \(url.path)", value: "'\(text)'", reason: "must be a number")
                }
                return value
            }
            hasArray = file.contains("gamma")
        case .npz(let file): hasArray = file.names.contains("gamma")
        }
        guard hasArray else {
            throw RewardsError.invalidSetting(name: "gamma", value: "missing", reason: "\(url.path) needs the discount as a 'gamma' tensor or metadata entry")
        }
        let (values, shape) = try array("gamma")
        guard values.count == 1 else { throw RewardsError.shapeMismatch(what: "gamma in \(url.path)", expected: [], got: shape) }
        return values[0]
    }

    /// Writes named [Double] arrays (and γ when given) in the format of `url`'s extension.
    static func write(_ arrays: [(name: String, values: [Double], shape: [Int])], discount: Double?, to url: URL) throws {
        switch try RewardFileFormat(url: url) {
        case .safetensors:
            var writer = SafetensorsWriter(metadata: discount.map { ["gamma": "\($0)"] } ?? [:])
            for (name, values, shape) in arrays { writer.add(name, Tensor(values.map(Float.init), shape: shape)) }
            try writer.write(to: url)
        case .npz:
            var members = arrays.map { (name: $0.name, array: NpyArray(.float64($0.values), shape: $0.shape)) }
            if let discount { members.append((name: "gamma", array: NpyArray(.float64([discount]), shape: []))) }
            try NpzFile.write(members, to: url)
        }
    }
}
