import Foundation
import Testing
import Tensors
@testable import Plot

/// Alpha of every pixel of a canvas drawn on a transparent background, in 0...1.
func alphas(_ canvas: Canvas) -> [Float] { stride(from: 3, to: canvas.pixels.count, by: 4).map { canvas.pixels[$0] } }

@Suite("Raster primitives")
struct RasterTests {
    @Test("a 1-pixel horizontal line on a pixel centre covers exactly its pixels")
    func horizontalLineCoversExpectedPixels() {
        var canvas = Canvas(width: 30, height: 20, background: .white)
        canvas.strokeLine(from: Point(2, 10.5), to: Point(20, 10.5), style: StrokeStyle(color: .black, width: 1))
        for y in 0..<20 {
            for x in 0..<30 {
                let expected: RGBA8 = (y == 10 && (2..<20).contains(x)) ? RGBA8(0, 0, 0) : RGBA8(255, 255, 255)
                #expect(canvas[x, y] == expected, "pixel (\(x), \(y))")
            }
        }
    }

    @Test("a line between pixel rows spreads evenly over the two rows")
    func lineBetweenRowsIsHalfCovered() {
        var canvas = Canvas(width: 10, height: 10, background: .clear)
        canvas.strokeLine(from: Point(0, 5), to: Point(10, 5), style: StrokeStyle(color: .black, width: 1))
        for x in 0..<10 {
            #expect(abs(canvas.pixels[4 * (4 * 10 + x) + 3] - 0.5) < 1e-6)
            #expect(abs(canvas.pixels[4 * (5 * 10 + x) + 3] - 0.5) < 1e-6)
        }
        #expect(abs(alphas(canvas).reduce(0, +) - 10) < 1e-4)
    }

    @Test("rectangles with fractional edges get exact partial coverage")
    func fractionalRectangle() {
        var canvas = Canvas(width: 8, height: 8, background: .clear)
        canvas.fill(Rect(x: 1.5, y: 2.25, width: 3, height: 2), color: .black)
        #expect(abs(canvas.pixels[4 * (2 * 8 + 1) + 3] - 0.5 * 0.75) < 1e-6)
        #expect(abs(canvas.pixels[4 * (3 * 8 + 2) + 3] - 1) < 1e-6)
        #expect(abs(alphas(canvas).reduce(0, +) - 6) < 1e-5)
    }

    @Test("filled polygons have their exact area, whatever their orientation")
    func polygonArea() {
        for triangle in [[Point(1.3, 1.1), Point(17.6, 4.2), Point(6.1, 15.7)],
                         [Point(6.1, 15.7), Point(17.6, 4.2), Point(1.3, 1.1)]] {
            var canvas = Canvas(width: 20, height: 20, background: .clear)
            canvas.fill(polygon: triangle, color: .black)
            let (a, b, c) = (triangle[0], triangle[1], triangle[2])
            let area = abs((b.x - a.x) * (c.y - a.y) - (c.x - a.x) * (b.y - a.y)) / 2
            #expect(abs(Double(alphas(canvas).reduce(0, +)) - area) < 1e-3)
        }
    }

    @Test("polygons reaching outside the canvas are clipped exactly")
    func polygonClippedByCanvas() {
        var canvas = Canvas(width: 10, height: 10, background: .clear)
        canvas.fill(polygon: [Point(-50, -50), Point(5.5, -50), Point(5.5, 60), Point(-50, 60)], color: .black)
        for y in 0..<10 {
            for x in 0..<10 {
                let expected: Float = x < 5 ? 1 : (x == 5 ? 0.5 : 0)
                #expect(abs(canvas.pixels[4 * (y * 10 + x) + 3] - expected) < 1e-6, "pixel (\(x), \(y))")
            }
        }
    }

    @Test("nothing is drawn outside the clip rectangle")
    func clipHolds() {
        var canvas = Canvas(width: 40, height: 30, background: .white)
        canvas.clip = PixelRect(minX: 10, minY: 5, maxX: 25, maxY: 20)
        canvas.fill(polygon: [Point(-5, -5), Point(45, 2), Point(30, 40)], color: .black)
        canvas.stroke([Point(0, 0), Point(40, 30), Point(0, 30)], style: StrokeStyle(color: .black, width: 5))
        canvas.fill(Rect(x: 0, y: 0, width: 40, height: 30), color: Color(hex: 0xFF0000, alpha: 0.5))
        canvas.drawMarkers([Point(10, 5), Point(25, 20), Point(0, 0)], shape: .circle, size: 12, colors: .uniform(.black))
        for y in 0..<30 {
            for x in 0..<40 where !(10..<25).contains(x) || !(5..<20).contains(y) {
                #expect(canvas[x, y] == RGBA8(255, 255, 255), "pixel (\(x), \(y)) outside the clip")
            }
        }
        #expect(canvas[17, 12] != RGBA8(255, 255, 255))
    }

    @Test("thick translucent polylines paint joins once")
    func strokeUnionAtJoins() {
        var canvas = Canvas(width: 60, height: 60, background: .clear)
        canvas.stroke([Point(5, 50), Point(30, 8), Point(55, 50), Point(10, 30)],
                      style: StrokeStyle(color: Color(hex: 0x0000FF, alpha: 0.5), width: 9))
        let maximum = alphas(canvas).max() ?? 0
        #expect(abs(maximum - 0.5) < 1e-5, "overlapping pieces blended twice: max alpha \(maximum)")
        // The corner at (30, 8) is inside the round join: fully painted.
        #expect(abs(canvas.pixels[4 * (8 * 60 + 30) + 3] - 0.5) < 1e-5)
    }

    @Test("dashed lines leave gaps in the ratio of their pattern")
    func dashedLine() {
        var canvas = Canvas(width: 400, height: 10, background: .clear)
        canvas.strokeLine(from: Point(0, 5.5), to: Point(400, 5.5),
                          style: StrokeStyle(color: .black, width: 1, dash: DashPattern([6, 4])))
        let row = 5 * 400
        let inked: Float = (0..<400).map { x -> Float in canvas.pixels[4 * (row + x) + 3] }.reduce(0, +)
        #expect(abs(inked - 240) < 1e-3)
        #expect(canvas.pixels[4 * (5 * 400 + 7) + 3] == 0)
    }

    @Test("markers cover their shape's area")
    func markerAreas() {
        let size = 10.0
        let triangleSide: Double = 5 * 1.15 * 3.0.squareRoot()
        let squareSide: Double = size * 0.886
        let expected: [MarkerShape: Double] = [
            .circle: Double.pi * 25, .square: squareSide * squareSide, .diamond: size * size / 2,
            .triangle: 3.0.squareRoot() / 4 * triangleSide * triangleSide,
        ]
        for (shape, area) in expected {
            var canvas = Canvas(width: 30, height: 30, background: .clear)
            canvas.drawMarkers([Point(15.25, 14.5)], shape: shape, size: size, colors: .uniform(.black))
            let drawn = Double(alphas(canvas).reduce(0, +))
            #expect(abs(drawn - area) / area < 0.01, "\(shape): drawn \(drawn), expected \(area)")
        }
    }

    @Test("many markers: the same bytes on 1, 2 and 4 threads")
    func markersDeterministicAcrossThreads() {
        var rng = SeededRNG(seed: 7)
        let points = (0..<20_000).map { _ in Point(rng.uniform(-5, 205), rng.uniform(-5, 155)) }
        let colors = (0..<20_000).map { _ in Color(red: Float(rng.uniform()), green: 0.3, blue: 0.6, alpha: 0.3) }
        func render(threads: Int) -> [UInt8] {
            Parallel.setThreadCount(threads)
            var canvas = Canvas(width: 200, height: 150)
            canvas.drawMarkers(points, shape: .circle, size: 7, colors: .perMarker(colors))
            return canvas.rgba8()
        }
        let one = render(threads: 1), two = render(threads: 2), four = render(threads: 4)
        Parallel.setThreadCount(Parallel.coreCount)
        #expect(one == two)
        #expect(one == four)
    }

    @Test("images scale by area averaging, exact at cell borders")
    func imageResampling() {
        let image = RasterImage(columns: 2, rows: 1) { c, _ in c == 0 ? .black : .white }
        var canvas = Canvas(width: 4, height: 2, background: .clear)
        canvas.draw(image, in: Rect(x: 0, y: 0, width: 4, height: 2))
        #expect(canvas[0, 0] == RGBA8(0, 0, 0) && canvas[1, 1] == RGBA8(0, 0, 0))
        #expect(canvas[2, 0] == RGBA8(255, 255, 255) && canvas[3, 1] == RGBA8(255, 255, 255))
        var shrunk = Canvas(width: 1, height: 1, background: .clear)
        shrunk.draw(image, in: Rect(x: 0, y: 0, width: 1, height: 1))
        #expect(shrunk[0, 0] == RGBA8(128, 128, 128))
    }
}
