import Foundation
import Rewards
import Tensors

/// `reward random|shaped|scaled|redistributed|interpolate`, `load reward`.
enum RewardCommands {
    static let mdp = Positional.object("MDP", MDPObject.self, help: "the MDP the reward is for")
    static let randomSeed = RewardsOptions.seed("the reward")

    static let random = Command(
        "reward random", summary: "A random reward from the STARC paper's generator.",
        parameters: [mdp, randomSeed], result: .object(RewardObject.kind), examples: ["r = reward random m seed=3"],
        discussion: "Entries N(0, 1); w.p. 0.2 only entries > 3 are kept; w.p. 0.7 scaled by 10·U(0,1); "
            + "w.p. 0.3 shifted by 10·U(0,1); w.p. 0.5 shaped with Φ = 10·u·z + u′."
    ) { arguments, context in
        let object = try arguments[mdp]
        let seed = RewardsOptions.seed(try arguments[randomSeed], context: context)
        var rng = SeededRNG(seed: seed)
        let reward = Reward.random(mdp: object.mdp, rng: &rng)
        return .object(RewardObject(reward: reward, mdp: object.mdp, mdpName: arguments.text(of: mdp) ?? "?", mdpOrigin: object.origin, origin: "random (seed \(seed))"))
    }

    static let base = Positional.object("R", RewardObject.self, help: "the reward to start from")
    static let potential = Option.custom(
        "potential", valueLabel: "random|TABLE|[NUMBER,...]", expected: "random, the name of a table, or a list of numbers",
        default: PotentialChoice.random, defaultText: "random",
        help: "Φ: random (Φ = 10·u·z + u′), a table with one numeric column of S values, or a list of S numbers"
    ) { value in try PotentialChoice(value) }
    static let shapingSeed = RewardsOptions.seed("a random potential")

    static let shaped = Command(
        "reward shaped", summary: "R + γΦ(s′) − Φ(s): potential shaping, which changes no policy's ranking.",
        parameters: [base, potential, shapingSeed], result: .object(RewardObject.kind),
        examples: ["s = reward shaped r seed=4", "s = reward shaped r potential=[0, 1, 2, 3]"]
    ) { arguments, context in
        let object = try arguments[base]
        let name = arguments.text(of: base) ?? "R"
        let choice = try arguments[potential]
        let phi: [Double]
        let how: String
        switch choice {
        case .random:
            let seed = RewardsOptions.seed(try arguments[shapingSeed], context: context)
            var rng = SeededRNG(seed: seed)
            phi = Reward.randomPotential(states: object.mdp.stateCount, rng: &rng)
            how = "a random potential (seed \(seed))"
        case .values, .table:
            if let span = arguments.span(of: shapingSeed) {
                throw ShellError(.failed("seed= applies only to potential=random"), at: span)
            }
            phi = try choice.values(states: object.mdp.stateCount, workspace: context.session.workspace, span: arguments.span(of: potential))
            how = choice.description
        }
        let shapedReward = try object.reward.shaped(by: phi, mdp: object.mdp)
        return .object(object.replacing(shapedReward, origin: "\(name) shaped by \(how)"))
    }

    static let factor = Positional.number("FACTOR", help: "the factor c in c·R")

    static let scaled = Command(
        "reward scaled", summary: "c·R: the same preferences for c > 0, reversed for c < 0.",
        parameters: [base, factor], result: .object(RewardObject.kind), examples: ["c = reward scaled r 2.5"]
    ) { arguments, _ in
        let object = try arguments[base]
        let c = try arguments[factor]
        return .object(object.replacing(try object.reward.scaled(by: c), origin: "\(arguments.text(of: base) ?? "R") scaled by \(Format.number(c))"))
    }

    static let noise = Option.number("scale", default: 1, range: .greaterThan(0), help: "standard deviation of the noise added before its expectation is removed")
    static let redistributionSeed = RewardsOptions.seed("the noise")

    static let redistributed = Command(
        "reward redistributed", summary: "An S′-redistribution of R: R(s, a, ·) changed, E_{S′∼τ(s,a)}[R(s, a, S′)] kept.",
        parameters: [base, noise, redistributionSeed], result: .object(RewardObject.kind),
        examples: ["d = reward redistributed r seed=5", "d = reward redistributed r scale=3 seed=5"]
    ) { arguments, context in
        let object = try arguments[base]
        let seed = RewardsOptions.seed(try arguments[redistributionSeed], context: context)
        var rng = SeededRNG(seed: seed)
        let result = try object.reward.redistributed(mdp: object.mdp, scale: try arguments[noise], rng: &rng)
        let how = "\(arguments.text(of: base) ?? "R") redistributed over S′ (noise \(Format.number(try arguments[noise])), seed \(seed))"
        return .object(object.replacing(result, origin: how))
    }

    static let first = Positional.object("R1", RewardObject.self, help: "the reward at t = 0")
    static let second = Positional.object("R2", RewardObject.self, help: "the reward at t = 1")
    static let t = Option.number("t", default: 0.5, help: "the fraction of the way from R1 to R2")

    static let interpolate = Command(
        "reward interpolate", summary: "(1 − t)·R1 + t·R2, the reward a fraction t of the way from R1 to R2.",
        parameters: [first, second, t], result: .object(RewardObject.kind), examples: ["h = reward interpolate r q t=0.25"]
    ) { arguments, _ in
        let (a, b) = (try arguments[first], try arguments[second])
        let (nameA, nameB) = (arguments.text(of: first) ?? "R1", arguments.text(of: second) ?? "R2")
        try RewardsFailure.checkSameMDP(a, b, firstName: nameA, secondName: nameB, at: arguments.span(of: second))
        let fraction = try arguments[t]
        let result = try a.reward.interpolated(to: b.reward, t: fraction)
        return .object(a.replacing(result, origin: "\(nameA) → \(nameB) at t = \(Format.number(fraction))"))
    }

    static let file = Positional.path("FILE", mustExist: true, extensions: ["safetensors", "npz"], help: "a file with the tensor reward [S, A, S′]")
    static let owner = Option.object("mdp", MDPObject.self, help: "the MDP the reward belongs to (required)")

    static let load = Command(
        "load reward", summary: "Read a reward [S, A, S′] from a .safetensors or .npz file, for an MDP of the same shape.",
        parameters: [file, owner], result: .object(RewardObject.kind), examples: ["r = load reward rewards/r.npz mdp=m"]
    ) { arguments, _ in
        guard let object = try arguments[owner] else { throw ShellError(.missingOption(command: "load reward", option: "mdp")) }
        let url = try arguments[file]
        let written = arguments.text(of: file) ?? url.path
        let reward = try RewardsFailure.reading(written, at: arguments.span(of: file)) { try Reward.load(from: url, mdp: object.mdp) }
        return .object(RewardObject(reward: reward, mdp: object.mdp, mdpName: arguments.text(of: owner) ?? "?", mdpOrigin: object.origin, origin: "loaded from \(written)"))
    }
}
