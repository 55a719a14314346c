import Foundation
import Testing
import Tensors
import TestSupport
@testable import Formats

@Suite(".npz archives")
struct NpzTests {
    static let rows: [Double] = (0..<6).map { Double($0) * 0.5 - 1 }

    @Test func readsNumpySavez() throws {
        let npz = try NpzFile(url: Fixtures.url("formats/stored.npz"))
        #expect(npz.names == ["rows", "ids", "mask"])
        #expect(try npz.array(named: "rows").tensor() == Tensor(Self.rows.map(Float.init), shape: [2, 3]))
        #expect(try npz.array(named: "ids").int64s() == [3, 1, 4, 1, 5])
        #expect(try npz.array(named: "mask").bools() == [true, false])
    }

    @Test func readsNumpySavezCompressed() throws {
        let npz = try NpzFile(url: Fixtures.url("formats/deflated.npz"))
        #expect(npz.names == ["rows", "cube", "ids"])
        #expect(try npz.array(named: "rows").doubles() == Self.rows)
        let cube = try npz.array(named: "cube")
        #expect(cube.shape == [2, 3, 4] && cube.tensor().scalars == (0..<24).map { Float($0) / 8 })
        #expect(try npz.array(named: "ids").values == .int32((0..<100).map(Int32.init)))
        let error = #expect(throws: FormatError.self) { try npz.array(named: "cubes") }
        #expect(error?.description.hasSuffix("no array named 'cubes'; did you mean 'cube'? (available: rows, cube, ids)") == true)
    }

    static let arrays: [(name: String, array: NpyArray)] = [
        ("weights", NpyArray(Tensor((0..<1000).map { Float($0 % 17) * 0.25 }, shape: [10, 100]))),
        ("labels", NpyArray(.int64((0..<50).map { Int64($0 * $0) }), shape: [50])),
        ("flags", NpyArray(.bool([true, false, true]), shape: [3])),
        ("empty", NpyArray(.float64([]), shape: [0, 2])),
    ]

    @Test(arguments: [(false, false), (true, false), (false, true), (true, true)])
    func roundTrips(compressed: Bool, zip64: Bool) throws {
        let url = Scratch().url("out/arrays.npz")
        try NpzFile.write(Self.arrays, to: url, compressed: compressed, forceZip64: zip64)
        let npz = try NpzFile(url: url)
        #expect(npz.names == Self.arrays.map(\.name))
        for (name, array) in Self.arrays { #expect(try npz.array(named: name) == array, "\(name)") }
        let size = try Data(contentsOf: url).count
        let raw = Self.arrays.reduce(0) { $0 + Npy.encode($1.array).count }
        if compressed { #expect(size < raw) } else { #expect(size > raw) }
    }

    @Test func outputIsDeterministic() throws {
        let scratch = Scratch()
        try NpzFile.write(Self.arrays, to: scratch.url("1.npz"), compressed: true)
        try NpzFile.write(Self.arrays, to: scratch.url("2.npz"), compressed: true)
        #expect(try Data(contentsOf: scratch.url("1.npz")) == Data(contentsOf: scratch.url("2.npz")))
    }

    @Test func writerRefusesDuplicateAndEmptyNames() throws {
        let url = Scratch().url("bad.npz")
        let one = NpyArray(.int32([1]), shape: [1])
        #expect(throws: FormatError.duplicateName(path: url.relativePath, kind: .member, name: "a.npy")) {
            try NpzFile.write([("a", one), ("a", one)], to: url)
        }
        #expect(throws: FormatError.invalidArgument(path: url.relativePath, reason: "an array name is empty")) {
            try NpzFile.write([("", one)], to: url)
        }
        #expect(!FileManager.default.fileExists(atPath: url.path))
    }
}
