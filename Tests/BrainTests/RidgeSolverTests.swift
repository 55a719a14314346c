import Foundation
import Testing
import Tensors
@testable import Brain

/// The factored ridge solver against scikit-learn's RidgeCV and against explicit refits.
@Suite struct RidgeSolverTests {
    static let backends: [any LinearAlgebraBackend] = [OpenBLASBackend(), NaiveBackend()]

    @Test(arguments: ["tall", "wide"], [FactorizationRoute.gram, .svd])
    func leaveOneOutMatchesRidgeCV(problem: String, route: FactorizationRoute) throws {
        let fixture = try FixtureValues("ridge_loo.json", case: problem)
        for backend in Self.backends {
            let solver = RidgeSolver<Double, AnyBackend>(alphas: try fixture.vector("alphas"), route: route, backend: AnyBackend(backend))
            let fit = try solver.fit(x: try fixture.dense("x"), y: try fixture.dense("y"))
            #expect(fit.chosenAlphas == (try fixture.vector("chosen_alphas")), "\(problem) \(route) on \(backend.name)")
            let best = (0..<fit.chosenAlphaIndex.count).map { fit.selectionScores[fit.chosenAlphaIndex[$0]][$0] }
            let expectedBest = try fixture.vector("best_score")
            for (ours, theirs) in zip(best, expectedBest) { #expect(abs(ours - theirs) <= 1e-8 * max(1, abs(theirs))) }
            let prediction = fit.predict(try fixture.dense("x_test"), backend: solver.backend)
            let expected = try fixture.rows("prediction").flatMap { $0 }
            #expect(maxDifference(prediction.values, expected) < 1e-7, "\(problem) \(route) on \(backend.name)")
            let weights = fit.weights(backend: solver.backend)
            let coefficients = try fixture.rows("coef").flatMap { $0 }
            #expect(maxDifference(weights.values, coefficients) < 1e-7)
        }
    }

    @Test func floatPrecisionStaysWithinTolerance() throws {
        let fixture = try FixtureValues("ridge_loo.json", case: "tall")
        let solver = RidgeSolver<Float, OpenBLASBackend>(alphas: try fixture.vector("alphas"), backend: OpenBLASBackend())
        let fit = try solver.fit(x: try fixture.dense("x"), y: try fixture.dense("y"))
        #expect(fit.chosenAlphas == (try fixture.vector("chosen_alphas")))
        let prediction = fit.predict(try fixture.dense("x_test"), backend: solver.backend).values.map(Double.init)
        let expected = try fixture.rows("prediction").flatMap { $0 }
        let scale = expected.map(abs).max() ?? 1
        #expect(maxDifference(prediction, expected) / scale < 1e-5)
    }

    @Test func leaveOneOutErrorsMatchExplicitRefits() throws {
        let fixture = try FixtureValues("ridge_loo.json", case: "tall")
        let x = try fixture.rows("x"), y = try fixture.rows("y")
        let alphas = [0.01, 1.0, 100.0]
        let solver = RidgeSolver<Double, OpenBLASBackend>(alphas: alphas, backend: OpenBLASBackend())
        let fit = try solver.fit(x: try fixture.dense("x"), y: try fixture.dense("y"))
        for target in [0, 3] {
            let column = y.map { $0[target] }
            for (a, alpha) in alphas.enumerated() {
                let explicit = try ClosedFormRidge.leaveOneOutError(x: x, y: column, alpha: alpha)
                #expect(abs(-fit.selectionScores[a][target] - explicit) <= 1e-9 * max(1, explicit), "target \(target) alpha \(alpha)")
            }
        }
    }

    @Test func batchingDoesNotChangeResults() throws {
        let fixture = try FixtureValues("ridge_loo.json", case: "wide")
        let whole = RidgeSolver<Double, OpenBLASBackend>(backend: OpenBLASBackend())
        let batched = RidgeSolver<Double, OpenBLASBackend>(targetBatch: 2, alphaBatch: 3, backend: OpenBLASBackend())
        let a = try whole.fit(x: try fixture.dense("x"), y: try fixture.dense("y"))
        let b = try batched.fit(x: try fixture.dense("x"), y: try fixture.dense("y"))
        #expect(a.chosenAlphaIndex == b.chosenAlphaIndex)
        for (rowA, rowB) in zip(a.selectionScores, b.selectionScores) { #expect(maxDifference(rowA, rowB) < 1e-12) }
    }

    @Test func innerFoldsPickTheBestAverageValidationError() throws {
        let fixture = try FixtureValues("ridge_loo.json", case: "tall")
        let x = try fixture.rows("x"), y = try fixture.rows("y")
        let alphas = [0.1, 10.0, 1000.0]
        let solver = RidgeSolver<Double, OpenBLASBackend>(alphas: alphas, selection: .innerFolds(3), backend: OpenBLASBackend())
        let fit = try solver.fit(x: try fixture.dense("x"), y: try fixture.dense("y"))
        let splits = try KFold(folds: 3).splits(count: x.count)
        for target in 0..<y[0].count {
            let errors = try alphas.map { alpha in
                try splits.reduce(0.0) { total, split in
                    let model = try ClosedFormRidge.fit(x: split.train.map { x[$0] }, y: split.train.map { y[$0][target] }, alpha: alpha)
                    let squared = split.test.reduce(0.0) { sum, i in
                        let e = y[i][target] - ClosedFormRidge.predict(x[i], weights: model.weights, intercept: model.intercept)
                        return sum + e * e
                    }
                    return total + squared / Double(split.test.count) / Double(splits.count)
                }
            }
            for (a, error) in errors.enumerated() { #expect(abs(-fit.selectionScores[a][target] - error) <= 1e-9 * max(1, error)) }
            #expect(fit.chosenAlphaIndex[target] == errors.indices.min { errors[$0] < errors[$1] })
        }
    }

    @Test func badPenaltiesAreRejected() throws {
        let solver = RidgeSolver<Double, OpenBLASBackend>(alphas: [1, -1], backend: OpenBLASBackend())
        let x = Dense<Double>(rows: 3, columns: 1, values: [1, 2, 3])
        #expect(throws: BrainError.self) { try solver.fit(x: x, y: x) }
        let mismatch = Dense<Double>(rows: 2, columns: 1, values: [1, 2])
        #expect(throws: BrainError.stimulusCountMismatch(features: 3, responses: 2)) {
            try RidgeSolver<Double, OpenBLASBackend>(backend: OpenBLASBackend()).fit(x: x, y: mismatch)
        }
    }
}

/// A type-erased backend so parameterised tests can loop over backends.
struct AnyBackend: LinearAlgebraBackend {
    let base: any LinearAlgebraBackend
    init(_ base: any LinearAlgebraBackend) { self.base = base }
    var name: String { base.name }
    func gemm<S: BackendScalar>(transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: S, a: UnsafePointer<S>, lda: Int,
                                b: UnsafePointer<S>, ldb: Int, beta: S, c: UnsafeMutablePointer<S>, ldc: Int) {
        base.gemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
    }
    func gram<S: BackendScalar>(_ a: Dense<S>, transposeFirst: Bool) -> Dense<S> { base.gram(a, transposeFirst: transposeFirst) }
    func symmetricEigen<S: BackendScalar>(_ a: [S], n: Int) throws -> (values: [S], vectors: [S]) { try base.symmetricEigen(a, n: n) }
    func thinSVD<S: BackendScalar>(_ a: [S], rows: Int, columns: Int) throws -> (u: [S], s: [S], vt: [S]) { try base.thinSVD(a, rows: rows, columns: columns) }
}
