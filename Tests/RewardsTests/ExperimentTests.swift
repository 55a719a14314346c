import Testing
import Foundation
import Synchronization
import Formats
import Tensors
@testable import Rewards

/// The experiment runner: agreement with the one-off distance and regret, independence of the
/// thread count, progress and cancellation, and the exports.
@Suite(.serialized) struct ExperimentTests {
    static func smallSettings() -> ExperimentSettings {
        var settings = ExperimentSettings()
        settings.environments = 3
        settings.pairs = 2
        settings.steps = 4
        settings.states = 6
        settings.actions = 3
        settings.seed = 7
        return settings
    }

    @Test func comparisonsAgreeWithOneOffDistanceAndRegret() throws {
        let settings = Self.smallSettings()
        let result = try STARCExperiment.run(settings)
        #expect(result.completed && result.comparisons.count == settings.comparisonCount)
        for comparison in result.comparisons where comparison.step % 2 == 0 {
            let mdp = try STARCExperiment.environment(comparison.environment, settings: settings)
            let (r1, r2) = STARCExperiment.rewardPair(environment: comparison.environment, pair: comparison.pair, settings: settings, mdp: mdp)
            let ri = try r1.interpolated(to: r2, t: comparison.t)
            let canonicaliser = try Canonicaliser(mdp: mdp)
            let expected = try canonicaliser.distances(r1, ri, variants: settings.variants)
            for (index, variant) in settings.variants.enumerated() {
                #expect(abs(comparison.distances[index] - expected[index]) < 1e-9, "\(variant) at \(comparison.environment)/\(comparison.pair)/\(comparison.step)")
            }
            let regret = try Regret(r1, ri, mdp: mdp)
            #expect(abs(comparison.regret.symmetric - regret.symmetric) < 1e-9)
            #expect(comparison.regret.forward.degenerate == regret.forward.degenerate)
        }
    }

    @Test func resultsDoNotDependOnTheThreadCount() throws {
        let settings = Self.smallSettings()
        let original = Parallel.threadCount
        defer { Parallel.setThreadCount(original) }
        Parallel.setThreadCount(1)
        let serial = try STARCExperiment.run(settings)
        Parallel.setThreadCount(2)
        let parallel = try STARCExperiment.run(settings)
        #expect(serial.comparisons == parallel.comparisons)
        #expect(serial.comparisons.map(\.environment) == (0..<settings.environments).flatMap { [Int](repeating: $0, count: 8) })
    }

    @Test func progressIsReportedAndCancellationKeepsWhatIsDone() throws {
        var base = Self.smallSettings()
        base.environments = 4
        let settings = base
        let reports = Mutex<[Int]>([])
        let full = try STARCExperiment.run(settings, progress: { done, total in
            reports.withLock { $0.append(done) }
            #expect(total == settings.comparisonCount)
        })
        let seen = reports.withLock { $0 }
        #expect(seen == Array(stride(from: settings.steps, through: settings.comparisonCount, by: settings.steps)))

        let calls = Atomic<Int>(0)
        let cancelled = try STARCExperiment.run(settings, isCancelled: { calls.add(1, ordering: .relaxed).newValue > 3 })
        #expect(!cancelled.completed)
        #expect(cancelled.comparisons.count > 0 && cancelled.comparisons.count < settings.comparisonCount)
        #expect(cancelled.comparisons.count % settings.steps == 0, "whole pairs are kept")
        for comparison in cancelled.comparisons {
            let index = ((comparison.environment * settings.pairs) + comparison.pair) * settings.steps + comparison.step - 1
            #expect(full.comparisons[index] == comparison, "a kept comparison equals the full run's")
        }
    }

    @Test func exportsHaveTheDocumentedShape() throws {
        var settings = Self.smallSettings()
        settings.variants = [Variant(.val, .l1, .l1), .epicPearson, Variant(.minimal, .l2, .l2)]
        let result = try STARCExperiment.run(settings)
        let data = try JSONEncoder().encode(result.summary)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let variants = try #require(object["variants"] as? [String: Any])
        #expect(Set(variants.keys) == ["val-l1-l1", "epic-none-pearson", "minimal-l2-l2"])
        let entry = try #require(variants["val-l1-l1"] as? [String: Any])
        #expect(abs((entry["pearson"] as? Double ?? .nan) - result.correlation(of: Variant(.val, .l1, .l1))!) < 1e-12)
        let savedSettings = try #require(object["settings"] as? [String: Any])
        #expect(savedSettings["environments"] as? Int == 3 && savedSettings["seed"] as? Int == 7)
        #expect(try JSONDecoder().decode(ExperimentSummary.self, from: data) == result.summary)
        let table = try result.comparisonTable()
        #expect(table.names.count == 9 + 3 && table.rowCount == settings.comparisonCount)
        #expect(try table.column(named: "minimal-l2-l2") == .numbers(result.comparisons.map { $0.distances[2] }))
        #expect(try table.column(named: "regret_symmetric") == .numbers(result.comparisons.map(\.regret.symmetric)))
        let correlations = try result.correlationTable()
        #expect(try correlations.column(named: "variant") == .strings(result.ranked.map(\.variant.name)))
        let ranked = result.ranked.map(\.pearson)
        #expect(ranked == ranked.sorted(by: >))
        let distance = try JSONEncoder().encode(DistanceExport(variant: Variant(.val, .l1, .l1), distance: 0.5))
        #expect(String(decoding: distance, as: UTF8.self).contains("\"variant\":\"val-l1-l1\""))
    }

    @Test func soundnessBoundsAreLargestRegretPerDistance() throws {
        var settings = Self.smallSettings()
        settings.variants = [Variant(.val, .l2, .l2), Variant(.none, .none, .l2)]
        let result = try STARCExperiment.run(settings)
        for (index, bound) in result.soundnessBounds().enumerated() {
            let ratios = result.comparisons.filter { $0.regret.symmetric > 0 }.map { $0.regret.symmetric / $0.distances[index] }
            #expect(bound.largestRatio == ratios.max())
            if let at = bound.comparisonIndex { #expect(result.comparisons[at].regret.symmetric / result.comparisons[at].distances[index] == bound.largestRatio) }
        }
    }
}
