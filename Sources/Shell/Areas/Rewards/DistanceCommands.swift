import Foundation
import Formats
import Rewards

/// `distance R1 R2`, `compare R with R2...`, `regret R1 R2`.
enum DistanceCommands {
    static let first = Positional.object("R1", RewardObject.self, help: "the first reward")
    static let second = Positional.object("R2", RewardObject.self, help: "the second reward, of the same MDP")
    static let canon = Option.choice("canon", default: Canonicalisation.val, help: "canonicalisation c")
    static let norm = Option.choice("norm", default: Norm.l2, help: "normalisation n (none: compare canonical rewards as they are)")
    static let metric = Option.choice("metric", default: Metric.l2, help: "metric m between standardised rewards (pearson: EPIC's √((1 − ρ)/2))")

    static let distance = Command(
        "distance", summary: "The STARC distance m(c(R1)/n(c(R1)), c(R2)/n(c(R2))) under one variant.",
        parameters: [first, second, canon, norm, metric, RewardsOptions.variant, RewardsOptions.policy], result: .object(DistanceObject.kind),
        examples: ["distance r s canon=val norm=l2 metric=l2", "distance r s variant=val-l1-l1", "distance r s canon=epic metric=pearson"],
        discussion: "Variants are named canon-norm-metric. canon: none epic dard val valpotential minimal wminimal; norm: none l1 l2 linf "
            + "wl1 wl2 wlinf (w: weighted by τ); metric: the norms and pearson. EPIC is epic-none-pearson."
    ) { arguments, context in
        let (a, b) = (try arguments[first], try arguments[second])
        let (nameA, nameB) = (arguments.text(of: first) ?? "R1", arguments.text(of: second) ?? "R2")
        try RewardsFailure.checkSameMDP(a, b, firstName: nameA, secondName: nameB, at: arguments.span(of: second))
        let variant = try chosenVariant(arguments, context: context)
        let policy = try arguments[RewardsOptions.policy]
        let canonicaliser = try Canonicaliser(mdp: a.mdp, options: try policy.options(states: a.mdp.stateCount, actions: a.mdp.actionCount))
        let value = try canonicaliser.distance(a.reward, b.reward, variant: variant)
        return .object(DistanceObject(variant: variant, distance: value, first: nameA, second: nameB, policy: policy.description))
    }

    /// The variant from `variant=`, or from `canon=`, `norm=`, `metric=` (the norm is dropped
    /// for the Pearson metric, which does not depend on scale).
    static func chosenVariant(_ arguments: Arguments, context: CommandContext) throws -> Variant {
        if let variant = try arguments[RewardsOptions.variant] {
            if let part = [arguments.span(of: canon), arguments.span(of: norm), arguments.span(of: metric)].compactMap({ $0 }).first {
                throw ShellError(.failed("give either variant= or canon=, norm= and metric=, not both"), at: part)
            }
            return variant
        }
        let chosenMetric = try arguments[metric]
        var chosenNorm = try arguments[norm]
        if chosenMetric == .pearson, chosenNorm != .none {
            if arguments.isGiven(norm) { context.output.print("note: the Pearson distance does not depend on the norm; norm=\(chosenNorm.rawValue) is ignored") }
            chosenNorm = .none
        }
        return Variant(try arguments[canon], chosenNorm, chosenMetric)
    }

    static let reference = Positional.object("R", RewardObject.self, help: "the reward the others are compared with")
    static let others = Parameter<[NamedObject]>(ParameterSpec(
        name: "R2", role: .positional, help: "the rewards compared with R", valueLabel: "R2", expected: "names of rewards",
        isRequired: true, preposition: "with", isVariadic: true, completion: .objects(kinds: [RewardObject.kind.name])
    ) { values, workspace in
        try values.map { try Convert.namedObject($0, label: "R2", kinds: [RewardObject.kind.name], in: workspace) }
    })
    static let compareVariants = RewardsOptions.variants(
        default: [Variant(.val, .l2, .l2), Variant(.minimal, .l2, .l2), Variant(.epic, .l2, .l2), Variant(.dard, .l2, .l2),
                  Variant(.none, .l2, .l2), Variant(.none, .none, .l2), .epicPearson],
        defaultText: "[val-l2-l2, minimal-l2-l2, epic-l2-l2, dard-l2-l2, none-l2-l2, none-none-l2, epic-none-pearson]")

    static let compare = Command(
        "compare", summary: "Distances from R to several rewards under several variants, with the exact regret, as a table.",
        parameters: [reference, others, compareVariants, RewardsOptions.policy], result: .object(TableObject.kind),
        examples: ["compare r with shaped scaled redistributed other", "compare r with s variants=[val-*-l2, epic-none-pearson]"],
        discussion: "One row per reward: how it was made, one column per variant, and the symmetric regret."
    ) { arguments, context in
        let base = try arguments[reference]
        let baseName = arguments.text(of: reference) ?? "R"
        let rows = try arguments[others]
        let variants = try arguments[compareVariants]
        let policy = try arguments[RewardsOptions.policy]
        let canonicaliser = try Canonicaliser(mdp: base.mdp, options: try policy.options(states: base.mdp.stateCount, actions: base.mdp.actionCount))
        var distances = [[Double]](repeating: [], count: variants.count)
        var regrets: [Double] = []
        for row in rows {
            guard let reward = row.object as? RewardObject else { throw ShellError(.internalError("reward kind mismatch")) }
            let span = arguments.statement.items.compactMap { item -> SourceSpan? in
                if case let .positional(value) = item, value.text == row.name { return value.span }
                return nil
            }.last
            try RewardsFailure.checkSameMDP(base, reward, firstName: baseName, secondName: row.name, at: span)
            for (column, value) in try canonicaliser.distances(base.reward, reward.reward, variants: variants).enumerated() {
                distances[column].append(value)
            }
            regrets.append(try Regret(base.reward, reward.reward, mdp: base.mdp).symmetric)
        }
        let table = try Table(names: ["reward", "made"] + variants.map(\.name) + ["regret"],
                              columns: [.strings(rows.map(\.name)), .strings(rows.map { ($0.object as? RewardObject)?.origin ?? "" })]
                                  + distances.map { .numbers($0) } + [.numbers(regrets)])
        context.output.print(table)
        return .object(TableObject(table, title: "distances from \(baseName) (\(policy.description) policy for val)"))
    }

    static let regret = Command(
        "regret", summary: "The exact normalised regret between two rewards: both directions and their mean.",
        parameters: [first, second], result: .object(RegretObject.kind), examples: ["regret r s"],
        discussion: "Optimal and worst policies by policy iteration, returns J from μ0 by linear solves. Under R1, the regret of "
            + "following R2's optimal policy is (J1(π1) − J1(π2)) / (J1(π1) − J1(worst)); the symmetric regret is the mean of both directions."
    ) { arguments, context in
        let (a, b) = (try arguments[first], try arguments[second])
        let (nameA, nameB) = (arguments.text(of: first) ?? "R1", arguments.text(of: second) ?? "R2")
        try RewardsFailure.checkSameMDP(a, b, firstName: nameA, secondName: nameB, at: arguments.span(of: second))
        let result = RegretObject(regret: try Regret(a.reward, b.reward, mdp: a.mdp), first: nameA, second: nameB)
        context.output.print(result.details())
        return .object(result)
    }
}
