import Foundation
import Tensors

/// Representational similarity analysis: the dissimilarity of every pair of stimuli in the model
/// and in the brain, compared by rank correlation.
public struct RSAScore: Sendable, Equatable {
    /// Spearman ρ between the upper triangles of the two RDMs.
    public var score: Double
    /// Model RDM, upper triangle row by row (S·(S−1)/2 values).
    public var modelRDM: [Double]
    /// Brain RDM, upper triangle row by row.
    public var brainRDM: [Double]

    /// A condensed RDM as a full symmetric [S, S] matrix with a zero diagonal (for heatmaps).
    public static func square(_ condensed: [Double]) -> Dense<Double> {
        let discriminant: Double = 1 + 8 * Double(condensed.count)
        let s = Int(((1 + discriminant.squareRoot()) / 2).rounded())
        var matrix = Dense<Double>(zeros: s, s)
        var index = 0
        for i in 0..<s { for j in (i + 1)..<max(i + 1, s) {
            matrix[i, j] = condensed[index]; matrix[j, i] = condensed[index]; index += 1
        } }
        return matrix
    }
}

/// RDMs as 1 − Pearson r between stimulus patterns (rows), and their Spearman comparison.
public enum RepresentationalSimilarity {
    /// The condensed RDM (upper triangle, row by row, without the diagonal) of the rows of m [S, D].
    /// A constant row has no correlation: its dissimilarities are NaN.
    /// - Complexity: O(S² · D) through one product of the row-standardised matrix with itself.
    public static func rdm(_ m: Dense<Double>, backend: some LinearAlgebraBackend) -> [Double] {
        let (s, d) = (m.rows, m.columns)
        var standardized = m
        var constant = [Bool](repeating: false, count: s)
        for i in 0..<s {
            var mean = 0.0
            for j in 0..<d { mean += m[i, j] }
            mean /= Double(d)
            var norm = 0.0
            for j in 0..<d { let v = m[i, j] - mean; standardized[i, j] = v; norm += v * v }
            constant[i] = norm == 0
            let scale = norm > 0 ? 1 / norm.squareRoot() : 0
            for j in 0..<d { standardized[i, j] *= scale }
        }
        let correlations = backend.product(standardized, standardized, transposeB: true)
        var condensed: [Double] = []
        condensed.reserveCapacity(s * (s - 1) / 2)
        for i in 0..<s { for j in (i + 1)..<max(i + 1, s) {
            condensed.append(constant[i] || constant[j] ? .nan : 1 - min(1, max(-1, correlations[i, j])))
        } }
        return condensed
    }

    /// RSA of features x [S, F] against responses y [S, T].
    /// - Throws: `BrainError.tooFewStimuli` below 3 stimuli (one pair has no rank correlation).
    public static func score(x: Dense<Double>, y: Dense<Double>, backend: some LinearAlgebraBackend) throws -> RSAScore {
        guard x.rows == y.rows else { throw BrainError.stimulusCountMismatch(features: x.rows, responses: y.rows) }
        guard x.rows >= 3 else { throw BrainError.tooFewStimuli(have: x.rows, need: 3, purpose: "RSA") }
        let model = rdm(x, backend: backend), brain = rdm(y, backend: backend)
        let usable = model.indices.filter { !model[$0].isNaN && !brain[$0].isNaN }
        let rho = Correlation.spearman(usable.map { model[$0] }, usable.map { brain[$0] })
        return RSAScore(score: rho, modelRDM: model, brainRDM: brain)
    }
}

/// Linear centred kernel alignment (Kornblith et al. 2019):
/// CKA(X, Y) = ‖XcᵀYc‖²_F / (‖XcᵀXc‖_F · ‖YcᵀYc‖_F) with column-centred X, Y.
public enum LinearCKA {
    /// CKA of features x [S, F] and responses y [S, T]; 0 ≤ CKA ≤ 1.
    /// - Complexity: O(S · (F + T)²) through three products.
    public static func score(x: Dense<Double>, y: Dense<Double>, backend: some LinearAlgebraBackend) throws -> Double {
        guard x.rows == y.rows else { throw BrainError.stimulusCountMismatch(features: x.rows, responses: y.rows) }
        guard x.rows >= 2 else { throw BrainError.tooFewStimuli(have: x.rows, need: 2, purpose: "CKA") }
        let xc = x.centered(by: x.columnMeans()), yc = y.centered(by: y.columnMeans())
        func squaredNorm(_ m: Dense<Double>) -> Double { m.values.reduce(0) { $0 + $1 * $1 } }
        let cross = squaredNorm(backend.product(xc, yc, transposeA: true))
        let xx = squaredNorm(backend.product(xc, xc, transposeA: true)).squareRoot()
        let yy = squaredNorm(backend.product(yc, yc, transposeA: true)).squareRoot()
        return xx > 0 && yy > 0 ? cross / (xx * yy) : .nan
    }
}
