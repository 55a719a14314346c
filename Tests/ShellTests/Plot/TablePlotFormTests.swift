import Formats
import Plot
@testable import Shell
import Testing

/// The table plot forms: which columns each picks by default and from x=, y=, group=, error=,
/// color=, and the errors for columns that do not exist or do not fit.
@Suite("Table plot forms")
struct TablePlotFormTests {
    static let table = try! Table(
        names: ["step", "loss", "acc", "label"],
        columns: [.numbers([1, 2, 3, 4]), .numbers([2.5, 1.7, 1.2, 0.8]), .numbers([0.1, 0.2, 0.3, 0.4]), .strings(["a", "b", "a", "b"])])

    static func chart(_ kind: String, _ selection: PlotSelection = PlotSelection(), table: Table = table) throws -> Chart {
        let form = try #require(TableObject(table, title: "runs").plotForms.first { $0.kind == kind })
        return try form.chart(for: selection)
    }

    @Test func formsAndTheirSelectors() {
        let forms = TableObject(Self.table, title: "runs").plotForms
        #expect(forms.map(\.kind) == ["line", "scatter", "hist", "bar", "heatmap"])
        #expect(forms.map(\.selectors) == [[.x, .y, .group, .error], [.x, .y, .group, .color], [.x, .y, .group], [.x, .y, .group, .error], [.x, .y]])
    }

    @Test func lineDefaultsToNumericColumnsAgainstTheFirst() throws {
        let chart = try Self.chart("line")
        guard case let .line(series) = chart.content else { Issue.record("not a line chart"); return }
        #expect(series.map(\.label) == ["loss", "acc"])
        #expect(series[0].x == [1, 2, 3, 4] && series[0].y == [2.5, 1.7, 1.2, 0.8])
        #expect(series[0].lower == nil)
        #expect(chart.title == "runs" && chart.xLabel == "step" && chart.yLabel == nil)
    }

    @Test func lineWithGroupsAndBands() throws {
        let chart = try Self.chart("line", PlotSelection(x: "step", y: ["loss"], group: "label", error: ["acc"]))
        guard case let .line(series) = chart.content else { Issue.record("not a line chart"); return }
        #expect(series.map(\.label) == ["a", "b"])
        #expect(series[0].x == [1, 3] && series[0].y == [2.5, 1.2])
        #expect(series[1].lower == [1.7 - 0.2, 0.8 - 0.4] && series[1].upper == [1.7 + 0.2, 0.8 + 0.4])
        #expect(chart.yLabel == "loss")
    }

    @Test func lineWithoutANumericFirstColumnUsesTheRowIndex() throws {
        let table = try Table(names: ["name", "v"], columns: [.strings(["x", "y"]), .numbers([3, 4])])
        let chart = try Self.chart("line", table: table)
        guard case let .line(series) = chart.content else { Issue.record("not a line chart"); return }
        #expect(series.count == 1 && series[0].x == [0, 1] && chart.xLabel == "row index" && chart.yLabel == "v")
    }

    @Test func scatterColouredByValue() throws {
        let chart = try Self.chart("scatter", PlotSelection(color: "acc"))
        guard case let .scatter(series) = chart.content else { Issue.record("not a scatter chart"); return }
        #expect(series.count == 1 && series[0].x == [1, 2, 3, 4] && series[0].y == [2.5, 1.7, 1.2, 0.8])
        #expect(series[0].values == [0.1, 0.2, 0.3, 0.4] && chart.colorbarLabel == "acc")
        #expect(chart.xLabel == "step" && chart.yLabel == "loss")
    }

    @Test func numericGroupsAreLabelledWithTheirColumn() throws {
        let table = try Table(names: ["x", "y", "seed"], columns: [.numbers([1, 2, 3]), .numbers([4, 5, 6]), .numbers([0, 1, .nan])])
        let chart = try Self.chart("scatter", PlotSelection(group: "seed"), table: table)
        guard case let .scatter(series) = chart.content else { Issue.record("not a scatter chart"); return }
        #expect(series.map(\.label) == ["seed=0", "seed=1", "seed=nan"])
    }

    @Test func histogramOfXOrY() throws {
        let byX = try Self.chart("hist", PlotSelection(x: "loss", group: "label"))
        guard case let .histogram(histogram) = byX.content else { Issue.record("not a histogram"); return }
        #expect(histogram.series.map(\.label) == ["a", "b"] && histogram.series[0].values == [2.5, 1.2])
        #expect(byX.xLabel == "loss" && byX.yLabel == "count")
        let byY = try Self.chart("hist", PlotSelection(y: ["loss", "acc"]))
        guard case let .histogram(two) = byY.content else { Issue.record("not a histogram"); return }
        #expect(two.series.map(\.label) == ["loss", "acc"] && byY.xLabel == "value")
        let byDefault = try Self.chart("hist")
        guard case let .histogram(first) = byDefault.content else { Issue.record("not a histogram"); return }
        #expect(first.series.count == 1 && first.series[0].values == [1, 2, 3, 4])
    }

    @Test func barsByRowAndInLongForm() throws {
        let wide = try Self.chart("bar", PlotSelection(y: ["loss"], error: ["acc"]))
        guard case let .bar(data) = wide.content else { Issue.record("not a bar chart"); return }
        #expect(data.categories == ["a", "b", "a", "b"] && data.series.count == 1 && data.series[0].errors == [0.1, 0.2, 0.3, 0.4])
        #expect(wide.xLabel == "label" && wide.yLabel == "loss")
        let long = try Table(names: ["model", "layer", "score", "se"],
                             columns: [.strings(["m1", "m1", "m2", "m2", "m2"]), .strings(["early", "late", "early", "late", "mid"]),
                                       .numbers([0.1, 0.2, 0.3, 0.4, 0.5]), .numbers([0.01, 0.02, 0.03, 0.04, 0.05])])
        let grouped = try Self.chart("bar", PlotSelection(x: "layer", y: ["score"], group: "model", error: ["se"]), table: long)
        guard case let .bar(bars) = grouped.content else { Issue.record("not a bar chart"); return }
        #expect(bars.categories == ["early", "late", "mid"])
        #expect(bars.series.map(\.label) == ["m1", "m2"])
        #expect(bars.series[0].values[0] == 0.1 && bars.series[0].values[1] == 0.2 && bars.series[0].values[2].isNaN)
        #expect(bars.series[1].values == [0.3, 0.4, 0.5] && bars.series[1].errors == [0.03, 0.04, 0.05])
    }

    @Test func heatmapLabelsAndColormap() throws {
        let table = try Table(names: ["name", "a", "b"], columns: [.strings(["a", "b"]), .numbers([1, -0.5]), .numbers([-0.5, 1])])
        let signed = try Self.chart("heatmap", table: table)
        guard case let .heatmap(heatmap) = signed.content else { Issue.record("not a heatmap"); return }
        #expect(heatmap.rows == 2 && heatmap.columns == 2 && heatmap.values == [1, -0.5, -0.5, 1])
        #expect(heatmap.rowLabels == ["a", "b"] && heatmap.columnLabels == ["a", "b"])
        #expect(signed.colormap == .coolwarm && signed.yLabel == "name")
        let positive = try Self.chart("heatmap", PlotSelection(y: ["loss", "acc"]))
        #expect(positive.colormap == .viridis)
    }

    @Test("bad selections name the option, the column and the alternatives", arguments: [
        ("line", PlotSelection(y: ["lss"]), "y= names no column 'lss'; did you mean 'loss'? (the columns are step, loss, acc, label)"),
        ("scatter", PlotSelection(x: "label"), "x= 'label' is a text column; x= needs numbers (the numeric columns are step, loss, acc)"),
        ("line", PlotSelection(group: "nothing"), "group= names no column 'nothing' (the columns are step, loss, acc, label)"),
        ("bar", PlotSelection(y: ["loss", "acc"], error: ["acc"]), "error= names 1 column for 2 y= columns; give one error column per y column"),
        ("hist", PlotSelection(x: "loss", y: ["acc"]), "y= cannot be given with x= for a histogram: name the columns to count with one of them"),
        ("bar", PlotSelection(x: "label", y: ["loss"], group: "label"),
         "group= leaves rows 1 and 3 in the same bar (a, a): a grouped bar chart needs one row per category and group"),
    ])
    func badSelections(kind: String, selection: PlotSelection, message: String) throws {
        #expect(throws: PlotSelectionError.self) { try Self.chart(kind, selection) }
        do {
            _ = try Self.chart(kind, selection)
        } catch let error as PlotSelectionError {
            #expect(error.description == message)
        }
    }

    @Test func emptyTablesSayWhy() throws {
        let empty = try Table(names: ["a"], columns: [.numbers([])])
        for kind in ["line", "scatter", "hist", "bar", "heatmap"] {
            #expect(throws: ShellError(.failed("the table has no rows to plot (0 rows × 1 column)"))) { try Self.chart(kind, table: empty) }
        }
        let textOnly = try Table(names: ["a"], columns: [.strings(["x"])])
        #expect(throws: PlotSelectionError(.y, .invalid(reason: "the table has no numeric column to plot"))) { try Self.chart("line", table: textOnly) }
    }
}
