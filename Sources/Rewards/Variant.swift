import Foundation

/// How a reward is canonicalised before it is normalised and compared; the only place where
/// canonicalisation names become values.
public enum Canonicalisation: String, CaseIterable, Sendable, Codable {
    /// The reward itself.
    case none
    /// C_EPIC: R + E[γR(s′, A, S′) − R(s, A, S′) − γR(S, A, S′)], S, S′ ∼ D_S, A ∼ D_A.
    case epic
    /// C_DARD: the same with S′ ∼ τ(s, A) and S″ ∼ τ(s′, A) in the expectations.
    case dard
    /// C_VAL: E_{S′∼τ(s,a)}[R(s, a, S′) − V^π(s) + γV^π(S′)], V^π of the chosen policy under R.
    case val
    /// C_VAL without the expectation over S′: R(s, a, s′) − V^π(s) + γV^π(s′).
    case valpotential
    /// The minimal canonicalisation for the L2 norm: the orthogonal projection onto the
    /// complement of the potential-shaping and S′-redistribution directions.
    case minimal
    /// The minimal canonicalisation for the τ-weighted L2 norm (projection in that inner product).
    case wminimal

    /// Parses a canonicalisation name.
    /// - Throws: `RewardsError.unknownName` listing the valid names.
    public static func parse(_ name: String) throws -> Canonicalisation {
        guard let value = Canonicalisation(rawValue: name.lowercased()) else {
            throw RewardsError.unknownName(kind: "canonicalisation", name: name, valid: allCases.map(\.rawValue))
        }
        return value
    }

    /// True for the canonicalisations that are invariant to S′-redistribution as well as to
    /// potential shaping (the STARC canonicalisation functions).
    public var removesRedistribution: Bool { self == .val || self == .minimal || self == .wminimal }
}

/// A norm for normalising a canonicalised reward; `none` leaves it as it is.
public enum Norm: String, CaseIterable, Sendable, Codable {
    case none, l1, l2, linf, wl1, wl2, wlinf

    /// Parses a norm name.
    /// - Throws: `RewardsError.unknownName` listing the valid names.
    public static func parse(_ name: String) throws -> Norm {
        guard let value = Norm(rawValue: name.lowercased()) else {
            throw RewardsError.unknownName(kind: "norm", name: name, valid: allCases.map(\.rawValue))
        }
        return value
    }

    /// The measurement this norm takes (nil for `none`).
    var measure: LpMeasure? {
        switch self {
        case .none: return nil
        case .l1: return .l1
        case .l2: return .l2
        case .linf: return .linf
        case .wl1: return .wl1
        case .wl2: return .wl2
        case .wlinf: return .wlinf
        }
    }
}

/// The metric between two standardised rewards: a norm of their difference, or the Pearson
/// distance √((1 − ρ)/2) (EPIC's and DARD's original metric).
public enum Metric: String, CaseIterable, Sendable, Codable {
    case l1, l2, linf, wl1, wl2, wlinf, pearson

    /// Parses a metric name.
    /// - Throws: `RewardsError.unknownName` listing the valid names.
    public static func parse(_ name: String) throws -> Metric {
        guard let value = Metric(rawValue: name.lowercased()) else {
            throw RewardsError.unknownName(kind: "metric", name: name, valid: allCases.map(\.rawValue))
        }
        return value
    }

    /// The norm of the difference this metric takes (nil for `pearson`).
    var measure: LpMeasure? {
        switch self {
        case .l1: return .l1
        case .l2: return .l2
        case .linf: return .linf
        case .wl1: return .wl1
        case .wl2: return .wl2
        case .wlinf: return .wlinf
        case .pearson: return nil
        }
    }
}

/// One way of comparing rewards: canonicalisation, normalisation and metric, named
/// `canon-norm-metric` (e.g. `val-l1-l1`, `epic-l2-l2`, `none-none-l2`, `epic-none-pearson`).
public struct Variant: Hashable, Sendable, CustomStringConvertible, Codable {
    public let canonicalisation: Canonicalisation
    public let norm: Norm
    public let metric: Metric

    /// A variant from its three parts.
    public init(_ canonicalisation: Canonicalisation, _ norm: Norm, _ metric: Metric) {
        self.canonicalisation = canonicalisation
        self.norm = norm
        self.metric = metric
    }

    /// Parses `canon-norm-metric`.
    /// - Throws: `RewardsError.malformedVariant` unless there are three parts, `.unknownName` for a
    ///   part that is not a valid name (listing the valid ones).
    public init(parsing name: String) throws {
        let parts = name.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3 else { throw RewardsError.malformedVariant(name) }
        self.init(try Canonicalisation.parse(parts[0]), try Norm.parse(parts[1]), try Metric.parse(parts[2]))
    }

    /// `canon-norm-metric`.
    public var name: String { "\(canonicalisation.rawValue)-\(norm.rawValue)-\(metric.rawValue)" }
    public var description: String { name }

    /// The original EPIC pseudometric: Pearson distance of EPIC-canonicalised rewards.
    public static let epicPearson = Variant(.epic, .none, .pearson)

    /// Every canonicalisation × norm × norm-metric, plus each canonicalisation with the Pearson
    /// distance (which ignores the normalisation, so only `none` is listed): 7 × 7 × 6 + 7 = 301.
    public static var all: [Variant] {
        var variants: [Variant] = []
        for c in Canonicalisation.allCases {
            for n in Norm.allCases { for m in Metric.allCases where m != .pearson { variants.append(Variant(c, n, m)) } }
            variants.append(Variant(c, .none, .pearson))
        }
        return variants
    }

    // Codable as the name string.
    public init(from decoder: Decoder) throws { try self.init(parsing: try decoder.singleValueContainer().decode(String.self)) }
    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(name)
    }
}
