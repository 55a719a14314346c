import Foundation
import Formats
import Rewards
import Shell
import Testing

/// `experiment starc`, `experiment starc-bounds`, `experiment ranking` and the figures.
@Suite("Rewards shell: experiments")
struct RewardsExperimentCommandTests {
    static let small = "e = experiment starc envs=3 pairs=2 steps=4 states=6 actions=2 gamma=0.9 seed=7"

    static func settings(variants: [Variant] = Variant.all) -> ExperimentSettings {
        var settings = ExperimentSettings()
        (settings.environments, settings.pairs, settings.steps, settings.states, settings.actions, settings.discount, settings.seed) = (3, 2, 4, 6, 2, 0.9, 7)
        settings.variants = variants
        return settings
    }

    @Test func reportAndJSONExportMatchTheLibrary() throws {
        let script = RewardsScript()
        let output = try script.output([Self.small, "export e to e.json"])
        let result = try STARCExperiment.run(Self.settings())
        let ranked = result.ranked
        #expect(output.hasPrefix("24 comparisons (3 MDPs × 2 pairs × 4 steps; 6 states, 2 actions, γ = 0.9, seed 7) × 301 variants in "))
        #expect(output.contains("top 15 of 301 variants by Pearson correlation ρ between distance and symmetric regret:\n"))
        #expect(output.contains("     1  \(ranked[0].variant.name)") || close(ranked[0].pearson, ranked[1].pearson), "ties may swap")
        #expect(output.contains("by canonicalisation (ρ over its variants):\n") && output.contains("by normalisation:\n") && output.contains("by metric:\n"))
        #expect(output.contains("e (experiment): 24 comparisons × 301 variants; best \(ranked[0].variant.name) (ρ = \(Format.number(ranked[0].pearson)))\n"))
        let json = try script.json("e.json")
        #expect(json.keys == ["comparisons", "completed", "degenerateComparisons", "settings", "variants"])
        #expect(json["comparisons"]?.number == 24 && json["completed"] == .bool(true))
        #expect(json["variants"]?.keys.count == 301)
        for correlation in result.correlations {
            let entry = json["variants"]?[correlation.variant.name]
            #expect(entry?.keys == ["pearson"], "\(correlation.variant.name)")
            if correlation.pearson.isNaN {
                #expect(entry?["pearson"] == .null, "\(correlation.variant.name)")
            } else {
                #expect(close(entry?["pearson"]?.number, correlation.pearson), "\(correlation.variant.name) \(result.comparisons.map(\.regret.symmetric))")
            }
        }
        let settings = try #require(json["settings"])
        #expect(settings["environments"]?.number == 3 && settings["pairs"]?.number == 2 && settings["steps"]?.number == 4)
        #expect(settings["states"]?.number == 6 && settings["actions"]?.number == 2 && settings["discount"]?.number == 0.9 && settings["seed"]?.number == 7)
    }

    @Test func csvExportHasEveryComparison() throws {
        let script = RewardsScript()
        _ = try script.output([Self.small + " variants=[val-*-l2, epic-none-pearson]", "export e to e.csv"])
        let table = try script.table("e.csv")
        let variants = Norm.allCases.map { "val-\($0.rawValue)-l2" } + ["epic-none-pearson"]
        #expect(table.names == ["environment", "pair", "step", "t", "regret_forward", "regret_backward", "regret_symmetric",
                                "degenerate_forward", "degenerate_backward"] + variants)
        #expect(table.rowCount == 24)
        let result = try STARCExperiment.run(Self.settings(variants: try variants.map(Variant.init(parsing:))))
        #expect(close(try table.numbers(named: "regret_symmetric"), result.comparisons.map(\.regret.symmetric)))
        #expect(close(try table.numbers(named: "val-l2-l2"), result.comparisons.map { $0.distances[2] }))
        #expect(try table.numbers(named: "t") == result.comparisons.map(\.t))
    }

    @Test func resultsDoNotDependOnTheThreadCount() throws {
        let script = RewardsScript()
        _ = try script.output(["set threads=1", Self.small, "export e to one.json", "set threads=2", Self.small, "export e to two.json"])
        #expect(try script.json("one.json") == script.json("two.json"))
    }

    @Test func boundsFromNewPairsAndFromAnExperiment() throws {
        let script = RewardsScript()
        let output = try script.output([
            "b = experiment starc-bounds envs=2 pairs=3 states=6 actions=2 gamma=0.9 seed=3", "export b to b.csv",
            Self.small, "c = experiment starc-bounds from=e", "r = experiment ranking e", "export r to r.csv",
        ])
        #expect(output.hasPrefix("largest symmetric regret / distance over 6 comparisons ("))
        #expect(output.contains("by canonicalisation (rows) at one normalisation and metric (columns); inf: positive regret at distance 0:\n"))
        #expect(output.contains("  canon          l1-l1   l2-l2  linf-linf  wl1-wl1  wl2-wl2  none-pearson\n"))
        #expect(output.contains("42 variants without normalisation (norm none, metric not pearson) are left out"))
        #expect(output.contains("b (table): largest regret / distance per variant over 6 comparisons (301 rows × 11 columns)\n"))
        #expect(output.contains("c (table): largest regret / distance per variant over 24 comparisons (301 rows × 11 columns)\n"))
        var settings = ExperimentSettings()
        (settings.environments, settings.pairs, settings.steps, settings.states, settings.actions, settings.discount, settings.seed) = (2, 3, 1, 6, 2, 0.9, 3)
        let bounds = try STARCExperiment.run(settings).soundnessBounds()
        let table = try script.table("b.csv")
        let names = try table.strings(named: "variant"), ratios = try table.numbers(named: "largest_ratio")
        for bound in bounds {
            let row = try #require(names.firstIndex(of: bound.variant.name))
            #expect(close(ratios[row], bound.comparisonIndex == nil ? .nan : bound.largestRatio), "\(bound.variant.name)")
        }
        let ranking = try script.table("r.csv")
        #expect(ranking.names == ["rank", "variant", "canonicalisation", "norm", "metric", "pearson"] && ranking.rowCount == 301)
    }

    @Test func figuresOfExperimentsMDPsAndRewards() throws {
        let script = RewardsScript()
        let output = try script.output([
            Self.small, "plot correlation e", "plot correlation e y=[median, l2-l2]", "plot heatmap e x=pearson", "plot scatter e x=val-l2-l2 color=pair",
            "g = mdp grid 4x3 slip=0.1", "r = reward random g seed=1", "plot transitions g", "plot expected r", "plot map r", "plot hist r to r.png",
        ])
        for name in ["rewards-1-correlation", "rewards-2-correlation", "rewards-3-heatmap", "rewards-4-scatter", "rewards-5-transitions",
                     "rewards-6-expected", "rewards-7-map"] {
            #expect(FileManager.default.fileExists(atPath: script.url("plots/\(name).png").path), "\(name)")
            #expect(output.contains("wrote plots/\(name).png ("), "\(name)")
        }
        #expect(FileManager.default.fileExists(atPath: script.url("r.png").path))
    }

    @Test func figureOptionsAreChecked() throws {
        let script = RewardsScript()
        let scatter = try script.failure([Self.small, "plot scatter e x=val-l2-l3"])
        #expect(scatter.contains("x= names no variant 'val-l2-l3' of the experiment; did you mean 'val-l2-l1'? (experiment ranking lists its 301)\n"))
        let bars = try script.failure([Self.small, "plot correlation e y=[bets]"])
        #expect(bars.contains("y= names no bar series (norm-metric pair, best or median) 'bets'; did you mean 'best'?"))
        let map = try script.failure(["m = mdp random states=4 seed=1", "r = reward random m", "plot map r"])
        #expect(map.contains("'map' is not a plot of r (a reward); did you mean 'hist'? (r offers expected, hist)") || map.contains("'map' is not a plot of r"))
    }
}
