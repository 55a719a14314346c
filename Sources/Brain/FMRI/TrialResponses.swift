import Foundation
import Formats
import Tensors

/// Settings of the volume-to-trial preprocessing.
public struct TrialSettings: Sendable, Codable, Equatable {
    /// Seconds added to the trial window for the haemodynamic delay (default 6).
    public var lag: Double = 6
    /// Remove a least-squares line over time from each voxel, run by run.
    public var detrend: Bool = true
    /// Z-score each voxel over time, run by run (after detrending).
    public var zscore: Bool = true
    /// The events column holding stimulus ids.
    public var stimulusColumn: String = "item"

    /// The defaults.
    public init() {}
}

/// Turns one run (BOLD volumes + events) into one response per trial.
///
/// Volume k is taken to be acquired at k·TR. A trial's response is the mean of the volumes whose
/// time lies in [onset + lag, onset + duration + lag]; when no volume falls inside (a window
/// shorter than TR), the volume nearest the window's centre is used.
public enum TrialResponses {
    /// Per-trial target responses of a run, [trials, P], with the trials' stimulus ids.
    /// - Parameters:
    ///   - bold: the run's image (4-D, with a repetition time).
    ///   - events: its trials.
    ///   - parcellation: the mask or atlas reducing voxels to targets.
    /// - Throws: `BrainError.fmri` for a missing TR, a mismatched atlas, or a trial window past the end of the run.
    public static func extract(bold: NIfTIImage, events: [TrialEvent], parcellation: Parcellation, settings: TrialSettings,
                               name: String) throws -> (stimuli: [String], responses: Tensor) {
        try parcellation.checkShape(bold, name: name)
        guard let tr = bold.repetitionTime, tr > 0 else { throw BrainError.fmri("\(name): no repetition time (pixdim[4] is not positive)") }
        var voxels = parcellation.selectVoxels(bold.values)
        if settings.detrend { detrendColumns(&voxels) }
        if settings.zscore { zscoreColumns(&voxels) }
        let targets = parcellation.reduce(selected: voxels)
        let volumes = bold.volumeCount, width = targets.shape[1]
        var rows: [Float] = []
        rows.reserveCapacity(events.count * width)
        for event in events {
            let chosen = try window(event, tr: tr, volumes: volumes, lag: settings.lag, name: name)
            var mean = [Double](repeating: 0, count: width)
            targets.withUnsafeBufferPointer { t in
                for k in chosen { for j in 0..<width { mean[j] += Double(t[k * width + j]) } }
            }
            rows.append(contentsOf: mean.map { Float($0 / Double(chosen.count)) })
        }
        return (events.map(\.stimulus), Tensor(rows, shape: [events.count, width]))
    }

    /// The volumes of a trial window.
    static func window(_ event: TrialEvent, tr: Double, volumes: Int, lag: Double, name: String) throws -> [Int] {
        let start = event.onset + lag, end = event.onset + event.duration + lag
        let first = Int((start / tr - 1e-9).rounded(.up)), last = Int((end / tr + 1e-9).rounded(.down))
        if first <= last {
            guard first >= 0, last < volumes else {
                throw BrainError.fmri("\(name): trial \(event.stimulus) at \(event.onset) s needs volumes \(first)…\(last) (window \(start)–\(end) s with lag \(lag) s), but the run has volumes 0…\(volumes - 1)")
            }
            return Array(first...last)
        }
        let nearest = Int(((start + end) / 2 / tr).rounded())
        guard nearest >= 0, nearest < volumes else {
            throw BrainError.fmri("\(name): trial \(event.stimulus) at \(event.onset) s falls after the last volume (\(volumes - 1)) once lagged by \(lag) s")
        }
        return [nearest]
    }

    /// Removes the least-squares line a + b·k from every column of a [T, V] matrix.
    /// - Complexity: O(T · V), two passes.
    public static func detrendColumns(_ m: inout Tensor) {
        let (t, v) = (m.shape[0], m.shape[1])
        guard t >= 2 else { return }
        let meanK = Double(t - 1) / 2
        let sumKK = (0..<t).reduce(0.0) { $0 + (Double($1) - meanK) * (Double($1) - meanK) }
        m.withUnsafeMutableBufferPointer { x in
            var means = [Double](repeating: 0, count: v), slopes = means
            for k in 0..<t {
                let centredK = Double(k) - meanK
                for j in 0..<v { let value = Double(x[k * v + j]); means[j] += value; slopes[j] += centredK * value }
            }
            for j in 0..<v { means[j] /= Double(t); slopes[j] /= sumKK }
            for k in 0..<t {
                let centredK = Double(k) - meanK
                for j in 0..<v { x[k * v + j] = Float(Double(x[k * v + j]) - means[j] - slopes[j] * centredK) }
            }
        }
    }

    /// Z-scores every column over time (population standard deviation); constant columns become 0.
    public static func zscoreColumns(_ m: inout Tensor) {
        let (t, v) = (m.shape[0], m.shape[1])
        m.withUnsafeMutableBufferPointer { x in
            var sums = [Double](repeating: 0, count: v), squares = sums
            for k in 0..<t { for j in 0..<v { let value = Double(x[k * v + j]); sums[j] += value; squares[j] += value * value } }
            let means = sums.map { $0 / Double(t) }
            let scales = (0..<v).map { j -> Double in
                let variance = squares[j] / Double(t) - means[j] * means[j]
                return variance > 1e-20 * max(1, means[j] * means[j]) ? 1 / variance.squareRoot() : 0
            }
            for k in 0..<t { for j in 0..<v { x[k * v + j] = Float((Double(x[k * v + j]) - means[j]) * scales[j]) } }
        }
    }
}
