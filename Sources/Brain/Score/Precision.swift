import Tensors

/// The floating-point precision of the bulk products of a solver. Factorizations always run in
/// Double; `single` makes the large products (leave-one-out residuals, predictions) Float, twice
/// as fast, with per-target r within ~1e-6 of `double` on well-conditioned data.
public enum Precision: String, Sendable, Codable, CaseIterable {
    /// Float products.
    case single
    /// Double products.
    case double
}

/// Non-generic entry points for the encoding metrics. They pick the concrete precision and the
/// OpenBLAS backend here, inside the module, so the optimiser specialises the generic solvers
/// (a generic call from another module would run unspecialised and many times slower).
public enum EncodingScores {
    /// Cross-validated Pearson r per target of features [S, F] against responses [S, T].
    public static func crossValidated(features: Tensor, responses: Tensor, model: EncodingModel, splits: [Split],
                                      aggregate: TargetAggregate = .median, precision: Precision = .single,
                                      control: RunControl = .silent) throws -> CrossValidatedScore {
        try checkShapes(features, responses)
        switch precision {
        case .single:
            return try CrossValidatedEncoding<Float, OpenBLASBackend>(model: model, splits: splits, aggregate: aggregate, backend: OpenBLASBackend())
                .score(x: Dense(features), y: Dense(responses), control: control)
        case .double:
            return try CrossValidatedEncoding<Double, OpenBLASBackend>(model: model, splits: splits, aggregate: aggregate, backend: OpenBLASBackend())
                .score(x: Dense(features), y: Dense(responses), control: control)
        }
    }

    /// The seed paper's R² and brain score of features [S, F] against responses [S, T] (Double).
    public static func karpov2024(features: Tensor, responses: Tensor, alphas: [Double] = Karpov2024<Double, OpenBLASBackend>.paperAlphas) throws -> KarpovScore {
        try checkShapes(features, responses)
        return try Karpov2024<Double, OpenBLASBackend>(alphas: alphas, backend: OpenBLASBackend())
            .score(x: Dense(features), y: Dense(responses))
    }

    /// RSA (1 − Pearson RDMs, Spearman of upper triangles) of features against responses (Double).
    public static func rsa(features: Tensor, responses: Tensor) throws -> RSAScore {
        try checkShapes(features, responses)
        return try RepresentationalSimilarity.score(x: Dense(features), y: Dense(responses), backend: OpenBLASBackend())
    }

    /// Linear CKA of features against responses (Double).
    public static func cka(features: Tensor, responses: Tensor) throws -> Double {
        try checkShapes(features, responses)
        return try LinearCKA.score(x: Dense(features), y: Dense(responses), backend: OpenBLASBackend())
    }

    /// Both matrices are [S, ·] with the same S and finite features.
    static func checkShapes(_ features: Tensor, _ responses: Tensor) throws {
        guard features.rank == 2 else { throw BrainError.shape("features must be a [stimuli, features] matrix, got shape \(features.shape)") }
        guard responses.rank == 2 else { throw BrainError.shape("responses must be a [stimuli, targets] matrix, got shape \(responses.shape)") }
        guard features.shape[0] == responses.shape[0] else {
            throw BrainError.stimulusCountMismatch(features: features.shape[0], responses: responses.shape[0])
        }
        guard features.isFinite else { throw BrainError.shape("features contain NaN or infinite values") }
    }
}
