import Foundation

/// Row selection: top-k per row, gathering rows by index and scatter-adding rows back.
extension Tensor {
    /// The `k` largest elements of each row of an [N, D] tensor, in descending order, with their
    /// column indices. Ties go to the lower index, so the result is deterministic.
    /// - Complexity: O(N · D · log k).
    public func topK(_ k: Int) -> (values: Tensor, indices: [Int32]) {
        let width = rowWidth, rows = rowCount
        precondition(k >= 0 && k <= width, "top-\(k) of rows of width \(width)")
        var indices = [Int32](repeating: 0, count: rows * k)
        let values = withUnsafeBufferPointer { source in
            Tensor(shape: [rows, k]) { target in
                indices.withUnsafeMutableBufferPointer { indexBuffer in
                    Parallel.forRanges(rows, minimumChunk: 16) { range in
                        var heap = TopKHeap(capacity: k)
                        for row in range {
                            heap.select(source.baseAddress! + row * width, width: width)
                            heap.writeSorted(values: target.baseAddress! + row * k, indices: indexBuffer.baseAddress! + row * k)
                        }
                    }
                }
            }
        }
        return (values, indices)
    }

    /// Rows `indices` of this tensor, in that order ([M, rest of shape]).
    public func gatherRows(_ indices: [Int]) -> Tensor {
        let width = rowWidth
        return withUnsafeBufferPointer { source in
            Tensor(shape: [indices.count] + shape.dropFirst()) { target in
                for (position, index) in indices.enumerated() {
                    precondition(index >= 0 && index < rowCount, "row \(index) out of 0..<\(rowCount)")
                    (target.baseAddress! + position * width).update(from: source.baseAddress! + index * width, count: width)
                }
            }
        }
    }

    /// Adds row `i` of `source` into row `indices[i]` of this tensor (repeated indices accumulate).
    public mutating func scatterAddRows(_ source: Tensor, at indices: [Int]) {
        let width = rowWidth
        precondition(source.rowWidth == width && source.rowCount == indices.count, "scatter of \(source.shape) into \(shape)")
        let rows = rowCount
        source.withUnsafeBufferPointer { from in
            withUnsafeMutableBufferPointer { to in
                for (position, index) in indices.enumerated() {
                    precondition(index >= 0 && index < rows, "row \(index) out of 0..<\(rows)")
                    let target = to.baseAddress! + index * width, row = from.baseAddress! + position * width
                    for j in 0..<width { target[j] += row[j] }
                }
            }
        }
    }
}

/// A fixed-capacity min-heap keeping the k largest (value, index) pairs seen.
/// Order: larger value wins; on equal values the lower index wins.
@usableFromInline
struct TopKHeap {
    var values: [Float]
    var indices: [Int32]
    let capacity: Int
    var size = 0

    init(capacity: Int) {
        self.capacity = capacity
        values = [Float](repeating: 0, count: capacity)
        indices = [Int32](repeating: 0, count: capacity)
    }

    /// True when (a, ia) ranks below (b, ib).
    @inline(__always) static func below(_ a: Float, _ ia: Int32, _ b: Float, _ ib: Int32) -> Bool {
        a < b || (a == b && ia > ib)
    }

    mutating func select(_ row: UnsafePointer<Float>, width: Int) {
        size = 0
        guard capacity > 0 else { return }
        for j in 0..<width {
            let value = row[j], index = Int32(j)
            if size < capacity {
                values[size] = value; indices[size] = index; size += 1
                siftUp(size - 1)
            } else if TopKHeap.below(values[0], indices[0], value, index) {
                values[0] = value; indices[0] = index
                siftDown(0)
            }
        }
    }

    mutating func siftUp(_ start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard TopKHeap.below(values[child], indices[child], values[parent], indices[parent]) else { return }
            values.swapAt(child, parent); indices.swapAt(child, parent)
            child = parent
        }
    }

    mutating func siftDown(_ start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1, right = left + 1
            var smallest = parent
            if left < size, TopKHeap.below(values[left], indices[left], values[smallest], indices[smallest]) { smallest = left }
            if right < size, TopKHeap.below(values[right], indices[right], values[smallest], indices[smallest]) { smallest = right }
            if smallest == parent { return }
            values.swapAt(parent, smallest); indices.swapAt(parent, smallest)
            parent = smallest
        }
    }

    /// Writes the kept pairs in descending order (the heap is consumed).
    mutating func writeSorted(values out: UnsafeMutablePointer<Float>, indices outIndices: UnsafeMutablePointer<Int32>) {
        let count = size
        for position in stride(from: count - 1, through: 0, by: -1) {
            out[position] = values[0]; outIndices[position] = indices[0]
            size -= 1
            if size > 0 {
                values[0] = values[size]; indices[0] = indices[size]
                siftDown(0)
            }
        }
        size = count
    }
}
