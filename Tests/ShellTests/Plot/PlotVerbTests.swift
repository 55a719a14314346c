import Foundation
import Formats
import Plot
@testable import Shell
import Testing
import TestSupport

/// `plot` and `load table` in process: what they print, the files they write, and one clear
/// error for each kind of mistake, leaving the workspace and the plots directory untouched.
@Suite("The plot verb and load table")
struct PlotVerbTests {
    static let csv = "step,loss,acc,label\n1,2.5,0.1,a\n2,1.7,0.2,b\n3,1.2,nan,a\n4,NA,0.4,b\n5,0.8,inf,a\n"

    /// A session over the standard areas with the test commands, its plots in a fresh
    /// directory, and `t` loaded from `csv`.
    static func session() throws -> (TestSession, URL) {
        let directory = Fixtures.temporaryDirectory("mindscope-plot")
        try Data(csv.utf8).write(to: directory.appendingPathComponent("t.csv"))
        let test = TestSession(registry: .standard(testing: true), name: "p")
        test.session.settings.plotsDirectory = directory.appendingPathComponent("plots").path
        #expect(test.run("t = load table \(directory.path)/t.csv") == .completed)
        return (test, directory)
    }

    static func plots(in directory: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("plots").path)) ?? []).sorted()
    }

    @Test func loadTablePrintsTheColumns() throws {
        let (test, directory) = try Self.session()
        let printed = test.printed("u = load table \(directory.path)/t.csv text=[step]")
        #expect(printed == """
            read \(directory.path)/t.csv: 5 rows × 4 columns
            column  type    missing  min  max
            ------  ------  -------  ---  ---
            step    text          0          
            loss    number        1  0.8  2.5
            acc     number        1  0.1  inf
            label   text          0          
            u (table): t.csv (5 rows × 4 columns)

            """)
        let headerless = test.printed("v = load table \(directory.path)/t.csv header=no")
        #expect(headerless.contains("column1  text ") && headerless.contains("v (table): t.csv (6 rows × 4 columns)"))
        #expect(test.errors("w = load table \(directory.path)/t.csv text=[stpe]").hasPrefix(
            "error: text= names no column 'stpe' of \(directory.path)/t.csv; did you mean 'step'? (the columns are step, loss, acc, label)\n"))
        #expect(test.errors("w = load table \(directory.path)/none.csv") .hasPrefix("error: no such file: \(directory.path)/none.csv\n"))
        #expect(test.errors("w = load table \(directory.path)/t.txt").hasPrefix("error: FILE '\(directory.path)/t.txt' should end in .csv or .tsv\n"))
        #expect(test.session.workspace.names == ["t", "u", "v"])
    }

    @Test func showPrintsTheHeadOfLongTablesAndExportWritesAll() throws {
        let (test, directory) = try Self.session()
        let rows = (1...25).map { "\($0),\(Double($0) / 4)" }.joined(separator: "\n")
        try Data("n,quarter\n\(rows)\n".utf8).write(to: directory.appendingPathComponent("long.csv"))
        test.run("long = load table \(directory.path)/long.csv")
        let shown = test.printed("show long")
        #expect(shown.hasSuffix("\n10      2.5\n… 15 more rows (export NAME to FILE.csv writes them all)\nplots: line, scatter, hist, bar, heatmap (plot KIND long)\n"))
        #expect(!shown.contains("\n11 "))
        #expect(test.run("export long to \(directory.path)/out.csv") == .completed)
        let exported = try Table.read(directory.appendingPathComponent("out.csv"))
        #expect(exported.rowCount == 25 && exported.names == ["n", "quarter"])
    }

    @Test func plotWritesTheDefaultFileWithItsStatement() throws {
        let (test, directory) = try Self.session()
        let printed = test.printed("plot line t x=step y=loss title=\"Loss\"")
        #expect(printed == "wrote \(directory.path)/plots/p-1-line.png (line of t, 640 × 480 px)\nskipped 1 NaN/infinite value\n")
        let image = try PNGImage(contentsOf: directory.appendingPathComponent("plots/p-1-line.png"))
        #expect(image.width == 640 && image.height == 480)
        #expect(image.metadata["Software"] == "mindscope \(MindscopeVersion.current)")
        #expect(image.metadata["Description"] == "plot line t x=step y=loss title=\"Loss\"")
        let second = test.printed("plot scatter t x=step y=acc width=320 height=240 scale=2")
        #expect(second == "wrote \(directory.path)/plots/p-2-scatter.png (scatter of t, 640 × 480 px)\nskipped 2 NaN/infinite values\n")
        #expect(test.printed("plot hist t y=[loss, acc] density=true bins=[0, 1, 2, 3]").hasSuffix("skipped 3 NaN/infinite values\n"))
        #expect(Self.plots(in: directory) == ["p-1-line.png", "p-2-scatter.png", "p-3-hist.png"])
    }

    @Test func plotToAnExplicitFile() throws {
        let (test, directory) = try Self.session()
        #expect(test.run("plot bar t x=label y=loss to \(directory.path)/bars.png legend=hidden") == .completed)
        let image = try PNGImage(contentsOf: directory.appendingPathComponent("bars.png"))
        #expect(image.metadata["Description"] == "plot bar t x=label y=loss to \(directory.path)/bars.png legend=hidden")
        #expect(Self.plots(in: directory).isEmpty)
    }

    @Test("each mistake gives one error pointing at it, and writes nothing", arguments: [
        ("plot lne t", "KIND 'lne' is not a plot of t (a table); did you mean 'line'? (t offers line, scatter, hist, bar, heatmap)", "     ^~~"),
        ("plot histogram t", "KIND 'histogram' is not a plot of t (a table); did you mean 'hist'? (t offers line, scatter, hist, bar, heatmap)", "     ^~~~~~~~~"),
        ("plot line t y=lss", "y= names no column 'lss'; did you mean 'loss'? (the columns are step, loss, acc, label)", "            ^~~~~"),
        ("plot line t y=[loss, label]", "y= 'label' is a text column; y= needs numbers (the numeric columns are step, loss, acc)", "            ^~~~~~~~~~~~~~~"),
        ("plot line t color=acc", "color= does not apply to 'plot line'; it takes x=, y=, group=, error=", "            ^~~~~~~~~"),
        ("plot line t cmap=magma", "cmap= applies to heatmaps and to scatters coloured by value (color=); this line chart has no colour-mapped data", "            ^~~~~~~~~~"),
        ("plot heatmap t cmap=virdis", "cmap=virdis: unknown colormap 'virdis' (did you mean viridis?); known: viridis, magma, coolwarm", "               ^~~~~~~~~~~"),
        ("plot line t clabel=r", "clabel= applies to heatmaps and to scatters coloured by value (color=); this line chart has no colorbar", "            ^~~~~~~~"),
        ("plot line t bins=3", "bins= applies to histograms only; this is a line chart", "            ^~~~~~"),
        ("plot hist t bins=[3, 1]", "bins= edges must be at least two strictly increasing numbers", "                 ^~~~~~"),
        ("plot hist t bins=many", "bins= expects auto, a number of bins or a list of bin edges, found 'many'", "                 ^~~~"),
        ("plot line t log=z", "log= must be one of x, y, xy, none, found 'z'; did you mean 'x'?", "                ^"),
        ("plot heatmap t log=y", "log=y is not accepted: heatmap axes hold rows and columns", "               ^~~~~"),
        ("plot line t width=100", "width= must be between 160 and 10000, found 100", "                  ^~~"),
        ("plot line t width=10000 height=10000 scale=8", "scale=8 is not accepted: 80000×80000 pixels is more than 100 megapixels", "                                     ^~~~~~~"),
        ("plot line t to /nonexistent-dir/x.png", "FILE cannot be written: there is no directory /nonexistent-dir", "               ^~~~~~~~~~~~~~~~~~~~~~"),
        ("plot line t to x.svg", "FILE 'x.svg' should end in .png", "               ^~~~~"),
        ("plot line nothing", "no object named 'nothing' in the workspace; ls lists them", "          ^~~~~~~"),
        ("plot bar t group=label", "group= needs x= naming the category column (the table has no text column to take by default)", "           ^~~~~~~~~~~"),
        ("plot bar t x=label y=loss group=label", "group= leaves rows 1 and 3 in the same bar (a, a): a grouped bar chart needs one row per category and group",
         "                          ^~~~~~~~~~~"),
    ])
    func mistakes(statement: String, message: String, caret: String) throws {
        let (test, directory) = try Self.session()
        #expect(test.errors(statement) == "error: \(message)\n  \(statement)\n  \(caret)\n")
        #expect(test.session.workspace.names == ["t"])
        #expect(Self.plots(in: directory).isEmpty)
    }

    @Test func objectsWithoutPlotsAndEmptyTables() throws {
        let (test, directory) = try Self.session()
        test.session.workspace.store(TinySAE(k: 1, steps: 0), as: "sae")
        #expect(test.errors("plot line sae").hasPrefix("error: NAME sae (a sae) has nothing to plot\n"))
        try Data("a,b\n".utf8).write(to: directory.appendingPathComponent("empty.csv"))
        test.run("e = load table \(directory.path)/empty.csv")
        #expect(test.errors("plot line e").hasPrefix("error: the table has no rows to plot (0 rows × 2 columns)\n"))
        try Data("a,b\nnan,1\ninf,2\n".utf8).write(to: directory.appendingPathComponent("bad.csv"))
        test.run("bad = load table \(directory.path)/bad.csv")
        #expect(test.errors("plot hist bad x=a").hasPrefix("error: histogram series 1 has no finite values to plot"))
        #expect(Self.plots(in: directory).isEmpty)
    }

    @Test func completionOffersTheKindsAndTheObjectsThatHaveThem() throws {
        let (test, _) = try Self.session()
        test.session.workspace.store(TinySAE(k: 1, steps: 0), as: "sae")
        let completer = Completer(registry: test.session.registry, workspace: test.session.workspace)
        let kinds = completer.complete("plot ").map(\.text)
        #expect(["bar", "heatmap", "hist", "line", "scatter"].allSatisfy(kinds.contains))
        #expect(completer.complete("plot he").map(\.text) == ["heatmap", "height"])
        #expect(completer.complete("plot line ").map(\.text).contains("t"))
        #expect(!completer.complete("plot line ").map(\.text).contains("sae"))
        #expect(completer.complete("plot line t cm").map(\.text) == ["cmap"])
        #expect(completer.complete("plot line t log=").map(\.text) == ["none", "x", "xy", "y"])
    }
}
