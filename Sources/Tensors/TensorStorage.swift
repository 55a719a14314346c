import Foundation

/// The memory behind one or more tensors: either an allocation this object owns or a region
/// owned by someone else (a memory-mapped file) that `owner` keeps alive.
///
/// Storage is shared between a tensor and its row-range views; `Tensor` copies it before the
/// first write when it is shared (copy-on-write), so views are cheap and values stay values.
public final class TensorStorage: @unchecked Sendable {
    /// First element.
    public let base: UnsafeMutablePointer<Float>
    /// Number of elements available from `base`.
    public let capacity: Int
    private let owner: AnyObject?

    /// Allocates `capacity` elements, zero-filled.
    public init(zeroedCapacity capacity: Int) {
        precondition(capacity >= 0, "negative capacity")
        let pointer = UnsafeMutablePointer<Float>.allocate(capacity: max(capacity, 1))
        pointer.initialize(repeating: 0, count: max(capacity, 1))
        self.base = pointer
        self.capacity = capacity
        self.owner = nil
    }

    /// Allocates `capacity` elements without initialising them; the caller writes every one.
    public init(uninitializedCapacity capacity: Int) {
        precondition(capacity >= 0, "negative capacity")
        self.base = UnsafeMutablePointer<Float>.allocate(capacity: max(capacity, 1))
        self.capacity = capacity
        self.owner = nil
    }

    /// Wraps memory owned by `owner` (for example a memory-mapped file); nothing is copied.
    /// The memory must stay valid and writable (e.g. a private mapping) while `owner` lives.
    public init(borrowing base: UnsafeMutablePointer<Float>, capacity: Int, owner: AnyObject) {
        self.base = base
        self.capacity = capacity
        self.owner = owner
    }

    deinit {
        if owner == nil { base.deallocate() }
    }
}
