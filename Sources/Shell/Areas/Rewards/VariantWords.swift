import Rewards

// The choice words of the Rewards options: strings become the library's enums at the edge.
extension Canonicalisation: ChoiceValue {}
extension Norm: ChoiceValue {}
extension Metric: ChoiceValue {}

/// Each part of a variant in words, for `show` and `help`.
enum VariantWords {
    /// What a canonicalisation does.
    static func canonicalisation(_ canonicalisation: Canonicalisation, policy: String) -> String {
        switch canonicalisation {
        case .none: return "none: the reward itself"
        case .epic: return "epic: C_EPIC, expectations over uniform D_S, D_A"
        case .dard: return "dard: C_DARD, expectations over successors S′ ∼ τ(s, A), S″ ∼ τ(s′, A)"
        case .val: return "val: C_VAL, E_{S′∼τ(s,a)}[R − V^π(s) + γV^π(S′)] with π \(policy)"
        case .valpotential: return "valpotential: R − V^π(s) + γV^π(s′) with π \(policy)"
        case .minimal: return "minimal: exact L2 projection off the shaping and S′-redistribution directions"
        case .wminimal: return "wminimal: the same projection in the τ-weighted inner product"
        }
    }

    /// What a normalisation does (ignored by the Pearson metric).
    static func norm(_ norm: Norm, metric: Metric) -> String {
        if metric == .pearson { return "none (the Pearson distance does not depend on scale)" }
        switch norm {
        case .none: return "none: canonical rewards compared as they are"
        case .wl1, .wl2, .wlinf: return "\(norm.rawValue): divide by the τ-weighted \(norm.rawValue.dropFirst()) norm"
        default: return "\(norm.rawValue): divide by the \(norm.rawValue) norm of the flattened [S, A, S′] array"
        }
    }

    /// What a metric measures.
    static func metric(_ metric: Metric) -> String {
        switch metric {
        case .pearson: return "pearson: √((1 − ρ)/2) of the canonical rewards"
        case .wl1, .wl2, .wlinf: return "\(metric.rawValue): τ-weighted \(metric.rawValue.dropFirst()) norm of the difference"
        default: return "\(metric.rawValue): \(metric.rawValue) norm of the difference"
        }
    }
}
