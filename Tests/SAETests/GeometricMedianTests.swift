import Foundation
import Testing
import Tensors
@testable import SAE

/// The geometric median on point sets whose median is known.
@Suite struct GeometricMedianTests {
    func median(_ points: [[Float]]) -> [Float] { GeometricMedian.compute(Tensor(rows: points)) }

    func distanceSum(_ points: [[Float]], _ y: [Double]) -> Double {
        var total = 0.0
        for point in points {
            var squares = 0.0
            for (value, centre) in zip(point, y) { squares += (Double(value) - centre) * (Double(value) - centre) }
            total += squares.squareRoot()
        }
        return total
    }

    @Test func equilateralTriangleGivesItsCentre() {
        let h = Float(3).squareRoot() / 2
        let m = median([[0, 0], [1, 0], [0.5, h]])
        #expect(abs(m[0] - 0.5) < 1e-5 && abs(m[1] - h / 3) < 1e-5)
    }

    @Test func obtuseTriangleGivesTheWideVertex() {
        // The angle at (0, 0) exceeds 120°, so the Fermat point is that vertex.
        let m = median([[0, 0], [1, 0], [-1, 0.2]])
        #expect(abs(m[0]) < 1e-3 && abs(m[1]) < 1e-3)
    }

    @Test func startingOnTheMedianPointStops() {
        // The mean (2, 2) is a data point and the median; the Vardi–Zhang test recognises it.
        let m = median([[0, 0], [4, 0], [0, 4], [4, 4], [2, 2]])
        #expect(m == [2, 2])
    }

    @Test func collinearPointsGiveTheOrdinaryMedian() {
        let m = median([[0, 0, 0], [1, 1, 1], [5, 5, 5]])
        for value in m { #expect(abs(value - 1) < 1e-3) }
    }

    @Test func randomPointsAreALocalMinimumOfTheDistanceSum() {
        var rng = SeededRNG(seed: 12)
        let points = (0..<200).map { _ in (0..<4).map { _ in Float(rng.normal()) * 3 + 1 } }
        let m = median(points).map(Double.init)
        let best = distanceSum(points, m)
        for axis in 0..<4 {
            for step in [-0.01, 0.01] {
                var moved = m
                moved[axis] += step
                #expect(distanceSum(points, moved) >= best - 1e-6)
            }
        }
    }
}
