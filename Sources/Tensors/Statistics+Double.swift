import Foundation

extension Statistics {
    /// Pearson correlation of two equally long `Double` arrays; NaN when either is constant.
    ///
    /// The same two-pass computation as the generic `pearson(_:_:)`, written for contiguous
    /// `Double` storage so that callers in other modules get a specialised loop (the generic one
    /// goes through protocol witnesses per element there).
    /// - Complexity: O(n).
    public static func pearson(_ x: [Double], _ y: [Double]) -> Double {
        precondition(x.count == y.count, "correlation of \(x.count) and \(y.count) values")
        guard !x.isEmpty else { return .nan }
        return x.withUnsafeBufferPointer { px in y.withUnsafeBufferPointer { py in
            let n = Double(px.count)
            var mx = 0.0, my = 0.0
            for i in px.indices { mx += px[i]; my += py[i] }
            mx /= n; my /= n
            var sxy = 0.0, sxx = 0.0, syy = 0.0
            for i in px.indices {
                let dx = px[i] - mx, dy = py[i] - my
                sxy += dx * dy; sxx += dx * dx; syy += dy * dy
            }
            guard sxx > 0, syy > 0 else { return .nan }
            return sxy / (sxx * syy).squareRoot()
        } }
    }
}
