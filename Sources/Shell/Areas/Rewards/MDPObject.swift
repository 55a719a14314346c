import Foundation
import Formats
import Rewards

/// How an MDP in the workspace was made, for `show` and for the plots that know its layout.
enum MDPOrigin: Sendable {
    /// `mdp random`: the STARC paper's generator.
    case random(seed: UInt64, sparsity: Double?)
    /// `mdp grid`: a gridworld of `width` × `height` cells.
    case grid(width: Int, height: Int, slip: Double)
    /// `load mdp`: read from a file.
    case file(String)

    /// A few words: `random (seed 7)`, `5×4 grid, slip 0.1`, `loaded from m.npz`.
    var description: String {
        switch self {
        case let .random(seed, sparsity):
            return "random (seed \(seed)" + (sparsity.map { ", logits ≤ \(Format.number($0)) suppressed" } ?? "") + ")"
        case let .grid(width, height, slip):
            return "\(width)×\(height) grid" + (slip > 0 ? ", slip \(Format.number(slip))" : "")
        case let .file(path):
            return "loaded from \(path)"
        }
    }
}

/// A finite MDP in the workspace (kind `mdp`): `mdp random`, `mdp grid`, `load mdp`.
struct MDPObject: WorkspaceObject {
    static let kind = ObjectKind(
        name: "mdp", summary: "a finite MDP: transitions τ[s, a, s′], initial distribution μ0, discount γ",
        saveFormat: ".npz (float64, exact) or .safetensors (F32) with transition [S, A, S′], initial [S] and gamma",
        saveExtension: "npz",
        exports: [.json: "states, actions, gamma, fingerprint, origin, transition [S][A][S′] and initial [S]",
                  .csv: "one row per (state, action, next) with τ > 0: state, action, next, probability"])

    /// The MDP.
    let mdp: MDP
    /// How it was made.
    let origin: MDPOrigin

    /// `32 states, 4 actions, γ = 0.95; random (seed 7)`.
    var summary: String {
        "\(Format.count(mdp.stateCount, "state")), \(Format.count(mdp.actionCount, "action")), γ = \(Format.number(mdp.discount)); \(origin.description)"
    }

    /// `32 × 4 × 32`.
    var shape: String { Format.shape(mdp.rewardShape) }

    /// The transition array and μ0, in Double.
    var memoryBytes: Int { 8 * (mdp.transition.count + mdp.initial.count) }

    /// Sizes, γ, how sparse the transitions are, μ0 and the fingerprint.
    func details() -> String {
        let sparsity = TransitionSparsity(mdp)
        var table = TextTable(columns: 2)
        table.append(["made", origin.description])
        table.append(["states × actions", "\(mdp.stateCount) × \(mdp.actionCount)"])
        table.append(["discount γ", "\(Format.number(mdp.discount)) (effective horizon 1/(1−γ) = \(Format.number(1 / (1 - mdp.discount))))"])
        table.append(["successors per (s, a)", sparsity.successorText])
        table.append(["deterministic (s, a)", "\(sparsity.deterministicRows) of \(mdp.stateCount * mdp.actionCount)"])
        table.append(["nonzero τ entries", "\(Format.number(100 * sparsity.nonzeroFraction, significant: 3))% (τ ≥ 1e-6)"])
        table.append(["initial μ0", initialText])
        table.append(["fingerprint", mdp.fingerprint.description])
        return table.render()
    }

    /// μ0 in words: uniform, one state, or its support size.
    private var initialText: String {
        let support = mdp.initial.enumerated().filter { $0.element > 0 }
        if support.count == 1 { return "state \(support[0].offset) with probability 1" }
        if let first = mdp.initial.first, mdp.initial.allSatisfy({ abs($0 - first) <= 1e-12 }) { return "uniform over \(mdp.stateCount) states" }
        return "\(support.count) states with positive probability (largest \(Format.number(mdp.initial.max() ?? 0)))"
    }

    /// Writes the MDP (`.npz` exactly, `.safetensors` in F32).
    func save(to url: URL) throws { try mdp.save(to: url) }

    /// Sizes, γ, provenance and the arrays nested as [S][A][S′] and [S].
    func exportJSON() throws -> JSONValue? {
        let (states, actions) = (mdp.stateCount, mdp.actionCount)
        let transition = JSONValue.array((0..<states).map { s in
            .array((0..<actions).map { a in .array((0..<states).map { .number(mdp.probability(s, a, $0)) }) })
        })
        return .object([
            "states": .number(Double(states)), "actions": .number(Double(actions)), "gamma": .number(mdp.discount),
            "fingerprint": .string(mdp.fingerprint.description), "origin": .string(origin.description),
            "transition": transition, "initial": .array(mdp.initial.map { .number($0) }),
        ])
    }

    /// The nonzero transitions, one row each.
    func exportCSV() throws -> Table? {
        var columns: [[Double]] = [[], [], [], []]
        for s in 0..<mdp.stateCount {
            for a in 0..<mdp.actionCount {
                for next in 0..<mdp.stateCount where mdp.probability(s, a, next) > 0 {
                    columns[0].append(Double(s)); columns[1].append(Double(a)); columns[2].append(Double(next))
                    columns[3].append(mdp.probability(s, a, next))
                }
            }
        }
        return try Table(names: ["state", "action", "next", "probability"], columns: columns.map { .numbers($0) })
    }
}

/// How concentrated the transition rows of an MDP are.
struct TransitionSparsity {
    /// Probabilities at or above this count as a possible successor (the random generator's
    /// suppressed logits give about 1e-9).
    static let threshold = 1e-6
    let minimum: Int
    let mean: Double
    let maximum: Int
    let deterministicRows: Int
    let nonzeroFraction: Double

    init(_ mdp: MDP) {
        let (states, rows) = (mdp.stateCount, mdp.stateCount * mdp.actionCount)
        var counts: [Int] = []
        var deterministic = 0
        for row in 0..<rows {
            let probabilities = mdp.transition[(row * states)..<((row + 1) * states)]
            counts.append(probabilities.filter { $0 >= Self.threshold }.count)
            if (probabilities.max() ?? 0) >= 1 - 1e-9 { deterministic += 1 }
        }
        minimum = counts.min() ?? 0
        maximum = counts.max() ?? 0
        mean = Double(counts.reduce(0, +)) / Double(max(1, rows))
        deterministicRows = deterministic
        nonzeroFraction = Double(counts.reduce(0, +)) / Double(max(1, rows * states))
    }

    /// `mean 4.9 (min 1, max 10)`.
    var successorText: String { "mean \(Format.number(mean, significant: 3)) (min \(minimum), max \(maximum))" }
}
