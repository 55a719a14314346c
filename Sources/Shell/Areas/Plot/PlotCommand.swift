import Foundation
import Plot

/// `plot KIND NAME [to FILE] [options]`: draws one of the plots an object offers to a PNG file.
enum PlotCommand {
    static let kind = Positional.string("KIND", completion: .plotKinds,
                                        help: "the plot, one of those NAME offers (line, scatter, hist, bar, heatmap for tables)")
    static let plotted = Positional.anyObject("NAME", completion: .plottableObjects, help: "the object to plot")
    static let figure = Positional.optionalPath("FILE", mustExist: false, extensions: ["png"], after: "to",
                                               help: "the PNG file to write (default: PLOTS/<session>-<n>-<kind>.png)")

    static let plot = Command(
        "plot", summary: "Draw one of an object's plots to a PNG file linked from the transcript.",
        parameters: [kind, plotted, figure] + PlotOptions.all,
        examples: ["plot line results x=layer y=[fvu, mse] log=y", "plot heatmap correlations to figures/corr.png cmap=coolwarm",
                   "plot hist draws bins=40 density=true title=\"standard normal draws\""],
        discussion: """
        KIND is one of the plots NAME offers (show NAME lists them; a table offers line, scatter, hist, bar \
        and heatmap). x=, y=, group=, error= and color= choose the data where the plot reads them; the other \
        options change how it looks. NaN and infinite values are skipped and counted. The PNG records the \
        mindscope version and the statement in text chunks.
        """
    ) { arguments, context in
        let named = try arguments[plotted]
        let form = try PlotFormLookup.form(try arguments[kind], of: named, span: arguments.span(of: kind))
        let selection = try PlotOptions.selection(arguments)
        for selector in PlotSelector.allCases where selection.given.contains(selector) && !form.selectors.contains(selector) {
            let takes = form.selectors.isEmpty ? "it takes none of x=, y=, group=, error=, color="
                : "it takes " + PlotSelector.allCases.filter(form.selectors.contains).map { $0.rawValue + "=" }.joined(separator: ", ")
            throw ShellError(.invalidArgument(parameter: selector.rawValue + "=", reason: "does not apply to 'plot \(form.kind)'; \(takes)"),
                             at: PlotOptions.span(of: selector, in: arguments))
        }
        var chart: Chart
        do {
            chart = try form.chart(for: selection)
        } catch let error as PlotSelectionError {
            throw ShellError(.invalidArgument(parameter: error.selector.rawValue + "=", reason: error.reason),
                             at: PlotOptions.span(of: error.selector, in: arguments))
        }
        try PlotStyling.apply(arguments, to: &chart)
        let url = try arguments[figure] ?? context.figureURL(kind: form.kind)
        if arguments.isGiven(figure) {
            var isDirectory: ObjCBool = false
            let directory = url.deletingLastPathComponent()
            guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw arguments.error(figure, "cannot be written: there is no directory \(displayPath(directory))")
            }
        } else {
            try createDirectory(url.deletingLastPathComponent())
        }
        let rendered = try PlotStyling.locating(arguments) { try chart.render() }
        try rendered.writePNG(to: url, metadata: .mindscope(version: MindscopeVersion.current, statement: context.statement))
        context.recordFigure(url)
        let size = "\(chart.size.pixelWidth) × \(chart.size.pixelHeight) px"
        context.output.print("wrote \(arguments.text(of: figure) ?? displayPath(url)) (\(form.kind) of \(named.name), \(size))")
        if let note = rendered.skipped.summary { context.output.print(note) }
        return .done
    }

    /// `url` relative to the working directory when inside it.
    static func displayPath(_ url: URL) -> String {
        let directory = FileManager.default.currentDirectoryPath + "/"
        return url.path.hasPrefix(directory) ? String(url.path.dropFirst(directory.count)) : url.path
    }

    private static func createDirectory(_ url: URL) throws {
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw ShellError(.fileError(path: displayPath(url), reason: "cannot create the figures directory (\(error.localizedDescription))"))
        }
    }
}

/// Finding the form an object offers under the KIND word written.
enum PlotFormLookup {
    /// The form of `named` called `kind`.
    /// - Throws: `ShellError` saying the object has nothing to plot, or naming the nearest kind
    ///   and listing the forms it offers.
    static func form(_ kind: String, of named: NamedObject, span: SourceSpan?) throws -> PlotForm {
        let forms = named.object.plotForms
        let objectKind = named.object.objectKind.name
        let described = "\(named.name) (\(ShellError.Problem.article(objectKind)) \(objectKind))"
        guard !forms.isEmpty else {
            throw ShellError(.invalidArgument(parameter: "NAME", reason: "\(described) has nothing to plot"), at: span)
        }
        if let form = forms.first(where: { $0.kind == kind }) { return form }
        let kinds = forms.map(\.kind)
        let nearest = Suggestions.closest(to: kind, among: kinds) ?? kinds.first { kind.lowercased().hasPrefix($0) }
        let hint = nearest.map { "; did you mean '\($0)'?" } ?? ""
        let offered = "\(named.name) offers \(kinds.joined(separator: ", "))"
        throw ShellError(.invalidArgument(parameter: "KIND", reason: "'\(kind)' is not a plot of \(described)\(hint) (\(offered))"), at: span)
    }
}
