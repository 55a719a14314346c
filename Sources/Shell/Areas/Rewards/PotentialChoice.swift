import Formats

/// The potential Φ of `reward shaped`: drawn at random, written as a list, or a table's column.
enum PotentialChoice: Sendable {
    /// The STARC reference's random potential.
    case random
    /// Φ as written: `potential=[0, 1, 2]`.
    case values([Double])
    /// Φ from the one numeric column of a workspace table (e.g. from `load table`).
    case table(String)

    /// Reads the written value: `random`, a list of numbers, or a table's name.
    init(_ value: SyntaxValue) throws {
        switch value.kind {
        case .word("random"): self = .random
        case .list: self = .values(try Convert.list(value) { try Convert.number($0, label: "potential=", bounds: nil) })
        case let .word(name): self = .table(name)
        default:
            throw ShellError(.wrongType(parameter: "potential=", expected: "random, the name of a table, or a list of numbers",
                                        found: value.description), at: value.span)
        }
    }

    /// `the potential [0, 1, 2]`, `the potential in table phi`.
    var description: String {
        switch self {
        case .random: return "a random potential"
        case let .values(values): return "the potential [" + values.map { Format.number($0) }.joined(separator: ", ") + "]"
        case let .table(name): return "the potential in table \(name)"
        }
    }

    /// Φ as S numbers.
    /// - Throws: `ShellError` when the table is missing, is not a table, has no single numeric
    ///   column (or one named `potential`), or the count is not S.
    func values(states: Int, workspace: Workspace, span: SourceSpan?) throws -> [Double] {
        let phi: [Double]
        switch self {
        case .random: throw ShellError(.internalError("a random potential has no fixed values"))
        case let .values(values): phi = values
        case let .table(name):
            let named = try Convert.namedObject(SyntaxValue(.word(name), span ?? SourceSpan(0, 0)), label: "potential=",
                                                kinds: [TableObject.kind.name], in: workspace)
            guard let table = (named.object as? TableObject)?.table else { throw ShellError(.internalError("table kind mismatch")) }
            phi = try PotentialChoice.column(of: table, name: name, span: span)
        }
        guard phi.count == states else {
            throw ShellError(.invalidArgument(parameter: "potential=", reason: "has \(phi.count) values but the MDP has \(states) states"), at: span)
        }
        return phi
    }

    /// The column named `potential`, else the only numeric column.
    private static func column(of table: Table, name: String, span: SourceSpan?) throws -> [Double] {
        let numeric = zip(table.names, table.columns).compactMap { pair -> (String, [Double])? in
            guard case let .numbers(values) = pair.1 else { return nil }
            return (pair.0, values)
        }
        if let named = numeric.first(where: { $0.0 == "potential" }) { return named.1 }
        guard numeric.count == 1 else {
            throw ShellError(.invalidArgument(parameter: "potential=", reason: "needs table \(name) to have one numeric column or one named potential; "
                                              + "it has \(numeric.count) numeric columns"), at: span)
        }
        return numeric[0].1
    }
}
