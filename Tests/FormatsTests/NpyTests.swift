import Foundation
import Testing
import Tensors
import TestSupport
@testable import Formats

@Suite(".npy reading and writing")
struct NpyTests {
    static func fixture(_ name: String) -> URL { Fixtures.url("formats/\(name)") }
    /// The formulas of make_fixtures.py.
    static let rows: [Double] = (0..<6).map { Double($0) * 0.5 - 1 }
    static let cube: [Float] = (0..<24).map { Float($0) / 8 }
    static let int64s: [Int64] = [-(1 << 40), -1, 0, 7, 1 << 62]

    @Test func readsNumpyFilesOfEveryDType() throws {
        let f4 = try Npy.read(Self.fixture("f4_rows.npy"))
        #expect(f4.dtype == .float32 && f4.shape == [2, 3] && f4.tensor().scalars == Self.rows.map(Float.init))
        let f8 = try Npy.read(Self.fixture("f8_rows.npy"))
        #expect(f8.dtype == .float64 && f8.shape == [2, 3] && f8.doubles() == Self.rows)
        #expect(try Npy.read(Self.fixture("i8_vector.npy")).int64s() == Self.int64s)
        let i4 = try Npy.read(Self.fixture("i4_matrix.npy"))
        #expect(i4.shape == [3, 2] && i4.values == .int32([-3, -2, -1, 0, 1, 2]))
        #expect(try Npy.read(Self.fixture("u1_vector.npy")).values == .uint8([0, 1, 254, 255]))
        let b1 = try Npy.read(Self.fixture("b1_matrix.npy"))
        #expect(try b1.shape == [2, 3] && b1.bools() == [true, false, true, false, false, true])
        let scalar = try Npy.read(Self.fixture("f8_scalar.npy"))
        #expect(scalar.shape == [] && scalar.doubles() == [2.5] && scalar.tensor().item == 2.5)
        let empty = try Npy.read(Self.fixture("f4_empty.npy"))
        #expect(empty.shape == [0, 3] && empty.count == 0)
        let special = try Npy.read(Self.fixture("f4_special.npy")).tensor().scalars
        #expect(special[0].isNaN && special[1] == .infinity && special[2] == -.infinity)
        #expect(special[3].bitPattern == (-0.0 as Float).bitPattern)
        #expect(special[4] == .leastNonzeroMagnitude && special[5] == .greatestFiniteMagnitude)
    }

    @Test func readsFortranOrderBigEndianAndLaterVersions() throws {
        let fortran = try Npy.read(Self.fixture("f4_cube_fortran.npy"))
        #expect(fortran.shape == [2, 3, 4] && fortran.tensor().scalars == Self.cube)
        let bigCube = try Npy.read(Self.fixture("f4_cube_big_endian.npy"))
        #expect(bigCube.shape == [2, 3, 4] && bigCube.tensor().scalars == Self.cube)
        #expect(try Npy.read(Self.fixture("f8_rows_big_endian.npy")).doubles() == Self.rows)
        #expect(try Npy.read(Self.fixture("i8_vector_big_endian.npy")).int64s() == Self.int64s)
        for version in [2, 3] {
            #expect(try Npy.read(Self.fixture("f4_rows_v\(version).npy")).tensor().scalars == Self.rows.map(Float.init))
        }
    }

    @Test(arguments: ["f4_rows", "f8_rows", "i8_vector", "i4_matrix", "u1_vector", "b1_matrix", "f8_scalar", "f4_empty", "f4_special"])
    func encodingMatchesNumpyByteForByte(_ name: String) throws {
        let url = Self.fixture("\(name).npy")
        #expect(Npy.encode(try Npy.read(url)) == (try Data(contentsOf: url)))
    }

    @Test func roundTripsEveryDType() throws {
        let scratch = Scratch()
        let arrays: [NpyArray] = [
            NpyArray(Tensor(Self.cube, shape: [2, 3, 4])),
            NpyArray(.float64([0.1, -1e300, .pi]), shape: [3]),
            NpyArray(.int64(Self.int64s), shape: [5, 1]),
            NpyArray(.int32([.min, .max]), shape: [2]),
            NpyArray(.uint8([9]), shape: []),
            NpyArray(.bool([true, false, false, true]), shape: [2, 2]),
            NpyArray(.float64([]), shape: [0]),
        ]
        for (index, array) in arrays.enumerated() {
            let url = scratch.url("a\(index).npy")
            try Npy.write(array, to: url)
            #expect(try Npy.read(url) == array, "array \(index) (\(array.dtype))")
            #expect(try Npy.decode(Npy.encode(array), path: "memory") == array)
        }
    }

    @Test func fortranReorderingMatchesTheDefinition() {
        // Column-major data of a [2, 3] matrix [[1, 2, 3], [4, 5, 6]] is 1 4 2 5 3 6.
        #expect(StridedOrder.rowMajor(fromReversed: [1, 4, 2, 5, 3, 6], shape: [2, 3]) == [1, 2, 3, 4, 5, 6])
        // 3-D: element (i, j, k) sits at i + 2j + 6k in column-major order.
        let shape = [2, 3, 4]
        var columnMajor = [Int](repeating: 0, count: 24)
        for i in 0..<2 { for j in 0..<3 { for k in 0..<4 { columnMajor[i + 2 * j + 6 * k] = i * 12 + j * 4 + k } } }
        #expect(StridedOrder.rowMajor(fromReversed: columnMajor, shape: shape) == Array(0..<24))
    }

    @Test func typeAccessorsRefuseLossyRequests() throws {
        let floats = try Npy.read(Self.fixture("f4_rows.npy"))
        #expect(throws: FormatError.wrongElementType(path: floats.source, name: "array", stored: "<f4", requested: "Int64")) { try floats.int64s() }
        #expect(throws: FormatError.self) { try floats.bools() }
        #expect(try Npy.read(Self.fixture("b1_matrix.npy")).int64s() == [1, 0, 1, 0, 0, 1])
        #expect(try Npy.read(Self.fixture("i4_matrix.npy")).tensor().scalars == [-3, -2, -1, 0, 1, 2])
    }
}
