import Brain

/// Options shared by the brain verbs, and conversions no standard factory covers.
enum BrainOptions {
    /// `text=scenario` or `text=[background, action, outcome]`.
    static func words(_ name: String, help: String) -> Parameter<[String]?> {
        Option.custom(name, valueLabel: "WORD|[WORD,...]", expected: "a column name or a list of them", default: nil, defaultText: "none",
                      help: help) { value in
            let items: [SyntaxValue]
            if case let .list(list) = value.kind { items = list } else { items = [value] }
            return try items.map { item in try Convert.string(item, label: "\(name)=") }
        }
    }

    /// `layers=all` or `layers=[0, 3, 6]` (layer indices; nil means all).
    static let layers = Option.custom(
        "layers", valueLabel: "all|[INT,...]", expected: "all or a list of layer indices", default: [Int]?.none, defaultText: "all",
        completion: .words(["all"]), help: "layers to score, by index (activation sets)"
    ) { value -> [Int]? in
        if case .word("all") = value.kind { return nil }
        let items: [SyntaxValue]
        if case let .list(list) = value.kind { items = list } else { items = [value] }
        guard !items.isEmpty else { throw ShellError(.wrongType(parameter: "layers=", expected: "all or a list of layer indices", found: value.description), at: value.span) }
        return try items.map { item in
            try Convert.integer(item, label: "layers=", bounds: .atLeast(0))
        }
    }

    /// `alphas=[0.1, 1, 10]`; nil keeps the metric's grid.
    static let alphas = Option.custom(
        "alphas", valueLabel: "[NUMBER,...]", expected: "a list of positive numbers", default: [Double]?.none,
        defaultText: "ridge logspace(-3, 3, 7), karpov2024 [0.001, 0.01, 0.1, 1]", help: "ridge penalties to choose from, per target"
    ) { value -> [Double]? in
        let items: [SyntaxValue]
        if case let .list(list) = value.kind { items = list } else { items = [value] }
        guard !items.isEmpty else { throw ShellError(.wrongType(parameter: "alphas=", expected: "a list of positive numbers", found: value.description), at: value.span) }
        return try items.map { try Convert.number($0, label: "alphas=", bounds: .greaterThan(0)) }
    }

    /// `alpha_cv=loo` (efficient leave-one-out, scikit-learn's RidgeCV) or `alpha_cv=K` (K inner folds, himalaya).
    static let alphaSelection = Option.custom(
        "alpha_cv", valueLabel: "loo|INT", expected: "loo or a number of inner folds ≥ 2", default: AlphaSelection.leaveOneOut, defaultText: "loo",
        completion: .words(["loo"]), help: "how ridge picks each target's penalty on a training fold: leave-one-out, or K inner folds"
    ) { value -> AlphaSelection in
        if case .word("loo") = value.kind { return .leaveOneOut }
        if case .number = value.kind { return .innerFolds(try Convert.integer(value, label: "alpha_cv=", bounds: .atLeast(2))) }
        throw ShellError(.wrongType(parameter: "alpha_cv=", expected: "loo or a number of inner folds ≥ 2", found: value.description), at: value.span)
    }
}
