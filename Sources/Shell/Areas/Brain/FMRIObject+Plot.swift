import Brain
import Foundation
import Plot

extension FMRIObject {
    /// `rdm` (the subject average's RDM) and, for synthetic responses, `reliability`.
    public var plotForms: [PlotForm] {
        var forms = [PlotForm(kind: "rdm", summary: "RDM of the subject-average responses (1 − Pearson r between stimuli)") { try self.rdmChart() }]
        if truth != nil {
            forms.append(PlotForm(kind: "reliability", summary: "histogram of the known per-target reliabilities (synthetic responses)") { try self.reliabilityChart() })
        }
        return forms
    }

    func rdmChart() throws -> Chart {
        let screening = self.screening
        guard !screening.kept.isEmpty else { throw ShellError(.failed("every target is NaN or constant: there is no RDM to draw")) }
        let average = screening.select(responses.subjectAverage, as: Double.self)
        let condensed = RepresentationalSimilarity.rdm(average, backend: OpenBLASBackend())
        let square = RSAScore.square(condensed)
        var heatmap = Heatmap(rows: square.rows, columns: square.columns, values: square.values)
        heatmap.valueRange = BrainScorePlots.offDiagonalRange(condensed)
        let scope = responses.subjects.count > 1 ? "average of \(responses.subjects.count) subjects" : responses.subjects[0].name
        var chart = Chart(.heatmap(heatmap), title: "RDM of the brain responses (\(scope), \(screening.kept.count) targets)",
                          xLabel: "stimulus", yLabel: "stimulus")
        chart.colormap = .viridis
        chart.colorbarLabel = "1 − Pearson r"
        return chart
    }

    func reliabilityChart() throws -> Chart {
        guard let truth else { throw ShellError(.failed("only synthetic responses have a known reliability")) }
        let settings = truth.synthetic.settings
        let series = [HistogramSeries(label: "one repetition", values: truth.synthetic.singleRepetitionReliability),
                      HistogramSeries(label: "a subject's mean of \(settings.repetitions)", values: truth.synthetic.subjectCeiling),
                      HistogramSeries(label: "average of all \(settings.repetitions * settings.subjects)", values: truth.synthetic.subjectAverageCeiling)]
        return Chart(.histogram(Histogram(series: series)), title: "known reliability of the synthetic targets",
                     xLabel: "reliability (signal variance / total variance)", yLabel: "targets")
    }
}
