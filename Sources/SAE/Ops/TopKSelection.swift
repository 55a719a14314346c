import Foundation

/// Top-k selection of one row: the k largest values with their column indices, in descending
/// order, ties to the lower index (the same order as `Tensor.topK`).
///
/// The fast path keeps a min-heap of the k best so far and scans the row 16 values at a time,
/// comparing the whole vector with the current k-th value: for k = 32 of F = 6144 almost every
/// vector fails at once, so the scan costs about one vector compare per 16 values. A later value
/// equal to the k-th never displaces it (it has a higher index), so a strict `>` keeps ties right.
/// NaN never enters the heap except among the first k values; inputs must be finite.
struct TopKSelector {
    private let capacity: Int
    private let heapValues: UnsafeMutablePointer<Float>
    private let heapIndices: UnsafeMutablePointer<Int32>
    private var size = 0

    /// A selector for up to `capacity` values; reuse it for many rows.
    init(capacity: Int) {
        self.capacity = capacity
        heapValues = .allocate(capacity: Swift.max(capacity, 1))
        heapIndices = .allocate(capacity: Swift.max(capacity, 1))
    }

    /// Frees the heap; the selector must not be used afterwards.
    func deallocate() {
        heapValues.deallocate()
        heapIndices.deallocate()
    }

    /// The definition: sort (value descending, index ascending) and keep the first k.
    /// - Complexity: O(W log W).
    static func reference(_ row: UnsafePointer<Float>, width: Int, k: Int,
                          values: UnsafeMutablePointer<Float>, indices: UnsafeMutablePointer<Int32>) {
        let order = (0..<width).sorted { row[$0] > row[$1] || (row[$0] == row[$1] && $0 < $1) }
        for position in 0..<k {
            values[position] = row[order[position]]
            indices[position] = Int32(order[position])
        }
    }

    /// Selects the top `k` (≤ capacity) of `row[0..<width]` into `values`/`indices` (k each).
    /// `indexMap`, when given, relabels column j as `indexMap[j]` in the output (for selections
    /// among a subset of latents gathered into a row); it must be increasing so ties still go to
    /// the lower label.
    /// - Complexity: O(W + m·log k) for m heap replacements (few for k ≪ W).
    mutating func select(_ row: UnsafePointer<Float>, width: Int, k: Int, values: UnsafeMutablePointer<Float>,
                         indices: UnsafeMutablePointer<Int32>, indexMap: UnsafePointer<Int32>? = nil) {
        precondition(k <= capacity && k <= width, "top-\(k) of \(width) with capacity \(capacity)")
        size = 0
        guard k > 0 else { return }
        for j in 0..<k { push(row[j], Int32(j)) }
        var threshold = heapValues[0]
        var j = k
        // Scalar until aligned to a 16-value block, then vector blocks, then the scalar tail.
        while j < width && j % 16 != 0 {
            if row[j] > threshold { replaceMinimum(row[j], Int32(j)); threshold = heapValues[0] }
            j += 1
        }
        let raw = UnsafeRawPointer(row)
        // Splats hoisted out of the loop: built inside it, they compile to per-lane stores.
        let none = SIMDMask<SIMD16<Int32>>(repeating: false)
        var thresholds = SIMD16<Float>(repeating: threshold)
        while j + 16 <= width {
            let block = raw.loadUnaligned(fromByteOffset: j * 4, as: SIMD16<Float>.self)
            // `mask != none` compiles to one vector test; `any(mask)` is several times slower.
            if (block .> thresholds) != none {
                for lane in 0..<16 where block[lane] > threshold {
                    replaceMinimum(block[lane], Int32(j + lane))
                    threshold = heapValues[0]
                }
                thresholds = SIMD16(repeating: threshold)
            }
            j += 16
        }
        while j < width {
            if row[j] > threshold { replaceMinimum(row[j], Int32(j)); threshold = heapValues[0] }
            j += 1
        }
        writeDescending(k: k, values: values, indices: indices, indexMap: indexMap)
    }

    /// Rearranges the first `count` (value, index) pairs so that the first k are the k best, in
    /// no particular (but deterministic) order: quickselect with a median-of-three pivot, for
    /// selections where k is a large part of the row and a heap would do most of the work.
    /// - Complexity: O(count) expected.
    static func partitionBest(_ values: UnsafeMutablePointer<Float>, _ indices: UnsafeMutablePointer<Int32>, count: Int, k: Int) {
        guard k > 0 && k < count else { return }
        @inline(__always) func better(_ i: Int, _ j: Int) -> Bool { below(values[j], indices[j], values[i], indices[i]) }
        @inline(__always) func swapAt(_ i: Int, _ j: Int) {
            (values[i], values[j]) = (values[j], values[i]); (indices[i], indices[j]) = (indices[j], indices[i])
        }
        let rank = k - 1
        var low = 0, high = count - 1
        while low < high {
            let middle = (low + high) / 2
            // Median of three to `high`, as the pivot.
            if better(middle, low) { swapAt(middle, low) }
            if better(high, low) { swapAt(high, low) }
            if better(middle, high) { swapAt(middle, high) }
            var store = low
            for i in low..<high where better(i, high) { swapAt(i, store); store += 1 }
            swapAt(store, high)
            if store == rank { return }
            if store > rank { high = store - 1 } else { low = store + 1 }
        }
    }

    /// True when (a, ia) ranks below (b, ib): smaller value, or equal value and higher index.
    @inline(__always) private static func below(_ a: Float, _ ia: Int32, _ b: Float, _ ib: Int32) -> Bool {
        a < b || (a == b && ia > ib)
    }

    private mutating func push(_ value: Float, _ index: Int32) {
        var child = size
        size += 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard Self.below(value, index, heapValues[parent], heapIndices[parent]) else { break }
            heapValues[child] = heapValues[parent]; heapIndices[child] = heapIndices[parent]
            child = parent
        }
        heapValues[child] = value; heapIndices[child] = index
    }

    private mutating func replaceMinimum(_ value: Float, _ index: Int32) {
        siftDown(from: 0, value, index)
    }

    private func siftDown(from start: Int, _ value: Float, _ index: Int32) {
        var parent = start
        while true {
            let left = 2 * parent + 1
            if left >= size { break }
            var child = left
            if left + 1 < size, Self.below(heapValues[left + 1], heapIndices[left + 1], heapValues[left], heapIndices[left]) {
                child = left + 1
            }
            guard Self.below(heapValues[child], heapIndices[child], value, index) else { break }
            heapValues[parent] = heapValues[child]; heapIndices[parent] = heapIndices[child]
            parent = child
        }
        heapValues[parent] = value; heapIndices[parent] = index
    }

    /// Pops the heap into the outputs from the last position to the first (descending order).
    private mutating func writeDescending(k: Int, values: UnsafeMutablePointer<Float>, indices: UnsafeMutablePointer<Int32>,
                                          indexMap: UnsafePointer<Int32>?) {
        for position in stride(from: k - 1, through: 0, by: -1) {
            values[position] = heapValues[0]
            indices[position] = indexMap.map { $0[Int(heapIndices[0])] } ?? heapIndices[0]
            size -= 1
            if size > 0 { siftDown(from: 0, heapValues[size], heapIndices[size]) }
        }
    }
}
