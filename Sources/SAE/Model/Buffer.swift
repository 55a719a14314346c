/// A fixed-size heap allocation of trivial elements with a stable address, for the scratch and
/// parameter buffers of the training loop (no copy-on-write checks in hot loops).
final class Buffer<Element: BitwiseCopyable>: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Element>
    let count: Int

    /// `count` elements, each set to `value`.
    init(repeating value: Element, count: Int) {
        precondition(count >= 0, "negative buffer size")
        pointer = .allocate(capacity: Swift.max(count, 1))
        pointer.initialize(repeating: value, count: Swift.max(count, 1))
        self.count = count
    }

    /// A copy of `values`.
    convenience init(_ values: UnsafeBufferPointer<Element>, placeholder: Element) {
        self.init(repeating: placeholder, count: values.count)
        if let source = values.baseAddress { pointer.update(from: source, count: values.count) }
    }

    deinit { pointer.deallocate() }

    var buffer: UnsafeMutableBufferPointer<Element> { UnsafeMutableBufferPointer(start: pointer, count: count) }

    /// Sets every element to `value`.
    func fill(_ value: Element) { pointer.update(repeating: value, count: count) }

    /// The elements as an array.
    var array: [Element] { Array(UnsafeBufferPointer(start: pointer, count: count)) }
}

extension Buffer where Element == Float {
    /// A zero-filled float buffer.
    convenience init(zeros count: Int) { self.init(repeating: 0, count: count) }
}
