import Foundation
import Rewards
import Tensors

/// `mdp random`, `mdp grid`, `load mdp`.
enum MDPCommands {
    /// Transition arrays beyond this many entries (S²A) are refused: 400 MB in Double.
    static let largestTransitionCount = 50_000_000

    static let states = Option.int("states", default: 32, range: .atLeast(1), help: "number of states S")
    static let actions = Option.int("actions", default: 4, range: .atLeast(1), help: "number of actions A")
    static let gamma = Option.number("gamma", default: 0.95, range: RewardsOptions.discountBounds, help: "discount γ")
    static let seed = RewardsOptions.seed("the transition logits")
    static let sparsity = Option.number("sparsity", help: "logits at or below this are suppressed (default 1 below 50 states, 1.5 below 100, else 1.8)")

    static let random = Command(
        "mdp random", summary: "A random MDP from the STARC paper's generator (sparse softmax transitions, uniform μ0).",
        parameters: [states, actions, gamma, seed, sparsity], result: .object(MDPObject.kind),
        examples: ["m = mdp random states=32 actions=4 gamma=0.95 seed=1", "m = mdp random states=8 actions=2 sparsity=0.5"],
        discussion: "τ(·|s, a) is a softmax over s′ of standard-normal logits in which logits ≤ sparsity are set to −20."
    ) { arguments, context in
        let (stateCount, actionCount) = (try arguments[states], try arguments[actions])
        try checkSize(states: stateCount, actions: actionCount, arguments: arguments)
        let seedValue = RewardsOptions.seed(try arguments[seed], context: context)
        var rng = SeededRNG(seed: seedValue)
        let mdp = try MDP.random(states: stateCount, actions: actionCount, discount: try arguments[gamma],
                                 sparsityThreshold: try arguments[sparsity], rng: &rng)
        return .object(MDPObject(mdp: mdp, origin: .random(seed: seedValue, sparsity: try arguments[sparsity])))
    }

    static let size = Positional.string("WxH", help: "the grid's width and height, e.g. 5x4")
    static let slip = Option.number("slip", default: 0, range: .between(0, 1), help: "probability that a move goes in a random direction")
    static let gridGamma = Option.number("gamma", default: 0.9, range: RewardsOptions.discountBounds, help: "discount γ")

    static let grid = Command(
        "mdp grid", summary: "A gridworld MDP: actions up, right, down, left; walls keep the agent in place; start top left.",
        parameters: [size, slip, gridGamma], result: .object(MDPObject.kind),
        examples: ["g = mdp grid 5x4", "g = mdp grid 6x6 slip=0.1 gamma=0.95"],
        discussion: "State y·W + x is the cell in column x, row y (row 0 at the top)."
    ) { arguments, _ in
        let text = try arguments[size]
        let sides = text.lowercased().split(separator: "x", omittingEmptySubsequences: false).map { Int($0) }
        guard sides.count == 2, let width = sides[0], let height = sides[1], width > 0, height > 0 else {
            throw ShellError(.invalidArgument(parameter: "WxH", reason: "must be two positive integers such as 5x4, found '\(text)'"),
                             at: arguments.span(of: size))
        }
        try checkSize(states: width * height, actions: 4, arguments: arguments)
        let slipValue = try arguments[slip]
        let mdp = try MDP.grid(width: width, height: height, slip: slipValue, discount: try arguments[gridGamma])
        return .object(MDPObject(mdp: mdp, origin: .grid(width: width, height: height, slip: slipValue)))
    }

    static let file = Positional.path("FILE", mustExist: true, extensions: ["safetensors", "npz"],
                                      help: "a file with transition [S, A, S′], initial [S] and gamma (metadata or scalar tensor)")

    static let load = Command(
        "load mdp", summary: "Read an MDP from a .safetensors or .npz file (transition, initial, gamma).",
        parameters: [file], result: .object(MDPObject.kind), examples: ["m = load mdp envs/m.npz"],
        discussion: "Each row τ(·|s, a) must sum to 1 (within 1e-6), μ0 too, and γ must be in [0, 1)."
    ) { arguments, _ in
        let url = try arguments[file]
        let written = arguments.text(of: file) ?? url.path
        let mdp = try RewardsFailure.reading(written, at: arguments.span(of: file)) { try MDP.load(from: url) }
        return .object(MDPObject(mdp: mdp, origin: .file(written)))
    }

    /// Refuses MDPs whose transition array would not fit comfortably in memory.
    static func checkSize(states: Int, actions: Int, arguments: Arguments) throws {
        let (count, overflow) = states.multipliedReportingOverflow(by: states)
        let (entries, overflow2) = count.multipliedReportingOverflow(by: actions)
        guard !overflow, !overflow2, entries <= largestTransitionCount else {
            throw ShellError(.failed("\(states) states × \(actions) actions need \(states)² × \(actions) transition entries; "
                                     + "at most \(largestTransitionCount) (400 MB) are allowed"))
        }
    }
}

/// Library errors said in the shell's words, with the caret on the file or argument at fault.
enum RewardsFailure {
    /// Runs `body`, turning its errors into one `error:` line that names the file (the Formats
    /// module's errors name it already; the Rewards module's do not).
    static func reading<T>(_ path: String, at span: SourceSpan?, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as ShellError {
            throw error
        } catch RewardsError.invalidSetting(name: "gamma", value: "missing", _) {
            throw ShellError(.failed("\(path) has no discount: store gamma as a one-element tensor or as safetensors metadata"), at: span)
        } catch let error as RewardsError {
            throw ShellError(.failed("\(path): \(error)"), at: span)
        } catch {
            throw ShellError(.failed(String(describing: error)), at: span)
        }
    }

    /// Throws unless `second` belongs to the same MDP as `first`, naming both MDPs.
    static func checkSameMDP(_ first: RewardObject, _ second: RewardObject, firstName: String, secondName: String,
                             at span: SourceSpan?) throws {
        guard first.reward.mdpFingerprint != second.reward.mdpFingerprint else { return }
        let firstMDP = first.mdpName == second.mdpName ? "\(first.mdpName) (\(first.reward.mdpFingerprint))" : first.mdpName
        let secondMDP = first.mdpName == second.mdpName ? "\(second.mdpName) (\(second.reward.mdpFingerprint))" : second.mdpName
        throw ShellError(.failed("\(secondName) is a reward of MDP \(secondMDP), but \(firstName) is a reward of MDP \(firstMDP); "
                                 + "rewards can only be combined or compared on the same MDP"), at: span)
    }
}
