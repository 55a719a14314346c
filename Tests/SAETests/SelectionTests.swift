import Foundation
import Testing
import Tensors
@testable import SAE

/// Top-k selection: the vector-scan heap against the sorting definition, ties, and quickselect.
@Suite struct SelectionTests {
    func select(_ row: [Float], k: Int, indexMap: [Int32]? = nil) -> (values: [Float], indices: [Int32]) {
        var selector = TopKSelector(capacity: max(k, 1))
        defer { selector.deallocate() }
        var values = [Float](repeating: 0, count: k), indices = [Int32](repeating: 0, count: k)
        row.withUnsafeBufferPointer { source in
            values.withUnsafeMutableBufferPointer { v in indices.withUnsafeMutableBufferPointer { i in
                if let indexMap {
                    indexMap.withUnsafeBufferPointer { selector.select(source.baseAddress!, width: row.count, k: k, values: v.baseAddress!,
                                                                         indices: i.baseAddress!, indexMap: $0.baseAddress!) }
                } else {
                    selector.select(source.baseAddress!, width: row.count, k: k, values: v.baseAddress!, indices: i.baseAddress!)
                }
            } }
        }
        return (values, indices)
    }

    func reference(_ row: [Float], k: Int) -> (values: [Float], indices: [Int32]) {
        var values = [Float](repeating: 0, count: k), indices = [Int32](repeating: 0, count: k)
        row.withUnsafeBufferPointer { source in values.withUnsafeMutableBufferPointer { v in indices.withUnsafeMutableBufferPointer { i in
            TopKSelector.reference(source.baseAddress!, width: row.count, k: k, values: v.baseAddress!, indices: i.baseAddress!)
        } } }
        return (values, indices)
    }

    @Test func matchesTheSortingDefinitionOnManyShapes() {
        var rng = SeededRNG(seed: 8)
        shapes: for (width, k) in [(1, 1), (7, 3), (16, 16), (17, 1), (33, 32), (100, 5), (6144, 32), (1000, 999)] {
            for trial in 0..<3 {
                // Integer-valued rows make ties common.
                let row = (0..<width).map { _ in trial == 0 ? Float(rng.normal()) : Float(rng.integer(below: 12)) }
                let fast = select(row, k: k), slow = reference(row, k: k)
                #expect(fast.indices == slow.indices, "width \(width), k \(k), trial \(trial)")
                #expect(fast.values == slow.values, "width \(width), k \(k), trial \(trial)")
                if fast.indices != slow.indices { break shapes }
            }
        }
    }

    @Test func tiesGoToTheLowerIndex() {
        let picked = select([1, 3, 3, 2, 3, 3], k: 3)
        #expect(picked.indices == [1, 2, 4])
        #expect(picked.values == [3, 3, 3])
        // A tie at the threshold deep in the vector scan (index 40 equals the current k-th).
        var row = [Float](repeating: 0, count: 64)
        row[2] = 5; row[9] = 4; row[40] = 4; row[50] = 4
        #expect(select(row, k: 2).indices == [2, 9])
        #expect(row.withUnsafeBufferPointer { _ in Tensor(row, shape: [1, 64]).topK(2).indices } == [2, 9])
    }

    @Test func indexMapRelabelsColumns() {
        let picked = select([0.5, 2, 1, 2], k: 2, indexMap: [3, 10, 11, 40])
        #expect(picked.indices == [10, 40])
    }

    @Test func partitionBestKeepsTheSameSetAsTheDefinition() {
        var rng = SeededRNG(seed: 9)
        for (count, k) in [(10, 9), (384, 256), (300, 150), (50, 1), (64, 63)] {
            var values = (0..<count).map { _ in Float(rng.integer(below: 20)) }
            var indices = (0..<count).map { Int32($0) }
            let expected = Set(reference(values, k: k).indices)
            values.withUnsafeMutableBufferPointer { v in indices.withUnsafeMutableBufferPointer { i in
                TopKSelector.partitionBest(v.baseAddress!, i.baseAddress!, count: count, k: k)
            } }
            #expect(Set(indices.prefix(k)) == expected, "count \(count), k \(k)")
        }
    }
}
