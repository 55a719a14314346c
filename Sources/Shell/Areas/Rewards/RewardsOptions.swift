import Foundation
import Formats
import Rewards

/// Options shared by the Rewards commands, and the conversions of their values (variant names
/// with did-you-mean, variant lists with `*` wildcards, the C_VAL policy).
enum RewardsOptions {
    /// γ ∈ [0, 1).
    static let discountBounds = Bounds<Double>(lower: (0, true), upper: (1, false))

    /// `seed=` for commands that draw random numbers.
    static func seed(_ what: String) -> Parameter<Int?> {
        Option.int("seed", range: .atLeast(0), help: "seed for \(what) (default: drawn from the session's random streams)")
    }

    /// The seed a command uses: the one written, else 31 bits drawn from the session's next
    /// random stream — small enough to print, type back as `seed=` and store exactly in JSON.
    static func seed(_ given: Int?, context: CommandContext) -> UInt64 {
        if let given { return UInt64(given) }
        var stream = context.makeRNG()
        return stream.next() >> 33
    }

    /// `variant=canon-norm-metric` (nil when not given).
    static let variant = Option.custom(
        "variant", valueLabel: "CANON-NORM-METRIC", expected: "a variant name such as val-l2-l2", default: Variant?.none,
        defaultText: "made from canon=, norm= and metric=", completion: .words(Variant.all.map(\.name)),
        help: "the whole variant at once, e.g. val-l1-l1 or epic-none-pearson (EPIC)"
    ) { value in
        try variant(value, label: "variant=")
    }

    /// `variants=[...]`: names with `*` for any part, or `all`.
    static func variants(default value: [Variant], defaultText: String) -> Parameter<[Variant]> {
        Option.custom("variants", valueLabel: "[CANON-NORM-METRIC,...]|all", expected: "a list of variant names or all",
                      default: value, defaultText: defaultText,
                      help: "variants to compute: names such as val-l2-l2, * for any part (val-*-*, *-l2-l2), or all") { written in
            try variants(written)
        }
    }

    /// `policy=uniform|FILE`: the policy C_VAL and C_VALpotential evaluate.
    static let policy = Option.custom(
        "policy", valueLabel: "uniform|FILE", expected: "uniform or a .npz/.safetensors file holding policy [S, A]",
        default: PolicyChoice.uniform, defaultText: "uniform", completion: .paths(extensions: ["npz", "safetensors"]),
        help: "the policy π of C_VAL: uniform, or a file with a tensor policy [S, A] whose rows sum to 1"
    ) { value in
        if value.kind == .word("uniform") { return PolicyChoice.uniform }
        let url = try Convert.path(value, label: "policy=", mustExist: true, extensions: ["npz", "safetensors"])
        return PolicyChoice.file(url, written: value.text ?? url.path)
    }

    /// One variant from its written name.
    static func variant(_ value: SyntaxValue, label: String) throws -> Variant {
        guard let text = value.text else {
            throw ShellError(.wrongType(parameter: label, expected: "a variant name such as val-l2-l2", found: value.description), at: value.span)
        }
        let names = Variant.all.map(\.name)
        let suggestion = Suggestions.closest(to: text, among: names).map { "; did you mean '\($0)'?" } ?? ""
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3 else {
            throw ShellError(.invalidArgument(parameter: label, reason: "'\(text)' is not canon-norm-metric (e.g. val-l2-l2, epic-none-pearson)\(suggestion)"),
                             at: value.span)
        }
        func part<Choice: ChoiceValue>(_ word: String, _ type: Choice.Type, _ what: String) throws -> Choice {
            if let choice = Choice(rawValue: word.lowercased()) { return choice }
            let known = Choice.allCases.map(\.rawValue)
            let near = suggestion.isEmpty ? (Suggestions.closest(to: word, among: known).map { "; did you mean '\($0)'?" } ?? "") : suggestion
            throw ShellError(.invalidArgument(parameter: label, reason: "has an unknown \(what) '\(word)' (known: \(known.joined(separator: ", ")))\(near)"),
                             at: value.span)
        }
        return Variant(try part(parts[0], Canonicalisation.self, "canonicalisation"), try part(parts[1], Norm.self, "norm"),
                       try part(parts[2], Metric.self, "metric"))
    }

    /// A list of variant names (or one name, or `all`); `*` matches any part. Repeats are dropped.
    static func variants(_ value: SyntaxValue) throws -> [Variant] {
        if value.kind == .word("all") { return Variant.all }
        let items: [SyntaxValue]
        if case let .list(list) = value.kind { items = list } else { items = [value] }
        guard !items.isEmpty else {
            throw ShellError(.invalidArgument(parameter: "variants=", reason: "is empty; name at least one variant, or all"), at: value.span)
        }
        var chosen: [Variant] = []
        for item in items {
            for variant in try matching(item) where !chosen.contains(variant) { chosen.append(variant) }
        }
        return chosen
    }

    /// The variants of `Variant.all` a pattern such as `val-*-*` names, or the one variant named.
    private static func matching(_ item: SyntaxValue) throws -> [Variant] {
        guard let text = item.text, text.contains("*") else { return [try variant(item, label: "variants=")] }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3 else {
            throw ShellError(.invalidArgument(parameter: "variants=", reason: "'\(text)' is not canon-norm-metric with * for any part (e.g. val-*-*)"),
                             at: item.span)
        }
        let found = Variant.all.filter { variant in
            zip(parts, [variant.canonicalisation.rawValue, variant.norm.rawValue, variant.metric.rawValue]).allSatisfy { $0 == "*" || $0.lowercased() == $1 }
        }
        guard !found.isEmpty else {
            throw ShellError(.invalidArgument(parameter: "variants=", reason: "'\(text)' matches no variant"), at: item.span)
        }
        return found
    }
}

/// The policy C_VAL evaluates: uniform, or read from a file.
enum PolicyChoice: Sendable {
    case uniform
    case file(URL, written: String)

    /// `uniform` or `from FILE`.
    var description: String {
        switch self {
        case .uniform: return "uniform"
        case let .file(_, written): return "from \(written)"
        }
    }

    /// Canonicalisation options for an MDP of `states` × `actions`.
    /// - Throws: `FormatError` for an unreadable file or a missing `policy` tensor, `ShellError`
    ///   for a shape other than [S, A]; rows not summing to 1 are caught by the canonicaliser.
    func options(states: Int, actions: Int) throws -> CanonicalisationOptions {
        guard case let .file(url, written) = self else { return CanonicalisationOptions() }
        let (values, shape): ([Double], [Int])
        if url.pathExtension.lowercased() == "npz" {
            let array = try NpzFile(url: url).array(named: "policy")
            (values, shape) = (array.doubles(), array.shape)
        } else {
            let file = try SafetensorsFile(url: url)
            (values, shape) = (try file.doubles(named: "policy"), try file.info(named: "policy").shape)
        }
        guard shape == [states, actions] else {
            throw ShellError(.failed("\(written): policy has shape \(shape) but the MDP needs [\(states), \(actions)]"))
        }
        return CanonicalisationOptions(policy: values)
    }
}
