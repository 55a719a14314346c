import Plot
import Rewards

/// `plot transitions M`: τ as a heatmap, one row per (state, action), one column per next state.
extension MDPObject {
    var plotForms: [PlotForm] {
        let mdp = self.mdp
        let actionNames = self.actionNames
        return [PlotForm(kind: "transitions", summary: "τ(s′ | s, a) as a heatmap: rows (s, a), columns s′") {
            let (states, actions) = (mdp.stateCount, mdp.actionCount)
            let rowLabels = (0..<(states * actions)).map { "\($0 / actions), \(actionNames[$0 % actions])" }
            var heatmap = Heatmap(rows: states * actions, columns: states, values: mdp.transition,
                                  rowLabels: rowLabels, columnLabels: (0..<states).map(String.init))
            heatmap.valueRange = 0...1
            // Beyond 40 rows the heatmap numbers its rows, so the label says how a row maps to (s, a).
            let rowsLabel = states * actions > 40 ? "row s·\(actions) + a (state s, action a)" : "state s, action a"
            var chart = Chart(.heatmap(heatmap), title: "Transition probabilities τ(s′ | s, a)", xLabel: "next state s′", yLabel: rowsLabel)
            chart.colormap = .magma
            chart.colorbarLabel = "τ"
            return chart
        }]
    }

    /// `up, right, down, left` for a grid, else the action numbers.
    var actionNames: [String] {
        if case .grid = origin { return ["up", "right", "down", "left"] }
        return (0..<mdp.actionCount).map(String.init)
    }
}

/// `plot expected R` (E[R(s, a, S′)] as a states × actions heatmap), `plot map R` (for a
/// gridworld, the best action's expected reward laid out on the grid) and `plot hist R`.
extension RewardObject {
    var plotForms: [PlotForm] {
        let (reward, mdp, origin) = (self.reward, self.mdp, self.origin)
        let actionNames = MDPObject(mdp: mdp, origin: mdpOrigin).actionNames
        var forms = [
            PlotForm(kind: "expected", summary: "r(s, a) = E[R(s, a, S′)] as a heatmap: rows states, columns actions") {
                let expected = try reward.expectedImmediate(mdp: mdp)
                let heatmap = Heatmap(rows: mdp.stateCount, columns: mdp.actionCount, values: expected,
                                      rowLabels: (0..<mdp.stateCount).map(String.init), columnLabels: actionNames)
                var chart = Chart(.heatmap(heatmap), title: "Expected reward E[R(s, a, S′)]: \(origin)", xLabel: "action a", yLabel: "state s")
                chart.colormap = .coolwarm
                chart.colorbarLabel = "E[R]"
                return chart
            },
            PlotForm(kind: "hist", summary: "the distribution of the values R(s, a, s′)") {
                Chart(.histogram(Histogram(values: reward.values)), title: "Reward values: \(origin)", xLabel: "R(s, a, s′)", yLabel: "count")
            },
        ]
        if case let .grid(width, height, _) = mdpOrigin {
            forms.append(PlotForm(kind: "map", summary: "on the grid: each cell's largest expected reward over actions") {
                let expected = try reward.expectedImmediate(mdp: mdp)
                let best = (0..<mdp.stateCount).map { s in (0..<mdp.actionCount).map { expected[s * mdp.actionCount + $0] }.max() ?? .nan }
                let heatmap = Heatmap(rows: height, columns: width, values: best,
                                      rowLabels: (0..<height).map(String.init), columnLabels: (0..<width).map(String.init))
                var chart = Chart(.heatmap(heatmap), title: "Best expected reward per cell: \(origin)", xLabel: "column x", yLabel: "row y")
                chart.colormap = .coolwarm
                chart.colorbarLabel = "max over a of E[R]"
                return chart
            })
        }
        return forms
    }
}
