import Plot

/// Applies the look options of `plot` to the chart an object suggested: what the user wrote
/// wins, what they left out stays as the object suggested.
enum PlotStyling {
    /// Copies the options written into `chart`.
    /// - Throws: `ShellError` pointing at an option that does not fit the chart (`cmap=` on a
    ///   chart without colour-mapped data, `bins=` on anything but a histogram) or names an
    ///   unknown colormap.
    static func apply(_ arguments: Arguments, to chart: inout Chart) throws {
        if let title = try arguments[PlotOptions.title] { chart.title = title.isEmpty ? nil : title }
        if let label = try arguments[PlotOptions.xLabel] { chart.xLabel = label.isEmpty ? nil : label }
        if let label = try arguments[PlotOptions.yLabel] { chart.yLabel = label.isEmpty ? nil : label }
        if let log = try arguments[PlotOptions.log] { (chart.xScale, chart.yScale) = log.scales }
        if arguments.isGiven(PlotOptions.legend) { chart.legend = try arguments[PlotOptions.legend] }
        if let name = try arguments[PlotOptions.colormap] {
            guard chart.mapsColors else {
                throw arguments.error(PlotOptions.colormap, "applies to heatmaps and to scatters coloured by value (color=); this \(chart.kind.rawValue) chart has no colour-mapped data")
            }
            do {
                chart.colormap = try Colormap(named: name)
            } catch let error as PlotError {
                throw ShellError(.failed("cmap=\(name): \(error.description)"), at: arguments.span(of: PlotOptions.colormap))
            }
        }
        if let label = try arguments[PlotOptions.colorbarLabel] {
            guard chart.mapsColors else {
                throw arguments.error(PlotOptions.colorbarLabel, "applies to heatmaps and to scatters coloured by value (color=); this \(chart.kind.rawValue) chart has no colorbar")
            }
            chart.colorbarLabel = label.isEmpty ? nil : label
        }
        try applyHistogramOptions(arguments, to: &chart)
        chart.size = FigureSize(width: try arguments[PlotOptions.width], height: try arguments[PlotOptions.height],
                                scale: try arguments[PlotOptions.scale])
    }

    private static func applyHistogramOptions(_ arguments: Arguments, to chart: inout Chart) throws {
        let binsGiven = arguments.isGiven(PlotOptions.bins), densityGiven = arguments.isGiven(PlotOptions.density)
        guard binsGiven || densityGiven else { return }
        guard case var .histogram(histogram) = chart.content else {
            let option = binsGiven ? PlotOptions.bins.spec : PlotOptions.density.spec
            throw ShellError(.invalidArgument(parameter: option.label, reason: "applies to histograms only; this is a \(chart.kind.rawValue) chart"),
                             at: binsGiven ? arguments.span(of: PlotOptions.bins) : arguments.span(of: PlotOptions.density))
        }
        if let bins = try arguments[PlotOptions.bins] { histogram.bins = bins }
        if densityGiven {
            histogram.density = try arguments[PlotOptions.density]
            // The y label of a histogram follows what it counts unless the user named it.
            if !arguments.isGiven(PlotOptions.yLabel), chart.yLabel == "count" || chart.yLabel == "density" {
                chart.yLabel = histogram.density ? "density" : "count"
            }
        }
        chart.content = .histogram(histogram)
    }

    /// Runs `body` (rendering), pointing a `PlotError.invalidOption` at the option it names.
    static func locating<Result>(_ arguments: Arguments, _ body: () throws -> Result) throws -> Result {
        do {
            return try body()
        } catch let PlotError.invalidOption(name, value, reason) {
            let options: [String: ParameterSpec] = ["width": PlotOptions.width.spec, "height": PlotOptions.height.spec,
                                                    "scale": PlotOptions.scale.spec, "log": PlotOptions.log.spec, "bins": PlotOptions.bins.spec]
            let option = options[name]
            let span = option.flatMap { arguments.span(ofOptionNamed: $0.name) }
            let written = option.flatMap { arguments.text(ofOptionNamed: $0.name) } ?? value
            throw ShellError(.failed(PlotError.invalidOption(name: name, value: written, reason: reason).description), at: span)
        }
    }
}

extension Chart {
    /// True when the chart maps values to colours (a heatmap, or a scatter series with values).
    var mapsColors: Bool {
        switch content {
        case .heatmap: return true
        case let .scatter(series): return series.contains { $0.values != nil }
        case .line, .histogram, .bar: return false
        }
    }
}
