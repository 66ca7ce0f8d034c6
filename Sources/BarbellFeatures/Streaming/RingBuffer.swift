/// A fixed-capacity FIFO of the most recent values, the window state of streaming kernels.
///
/// `append` overwrites the oldest value once full; `oldest` is the value that will be
/// overwritten next, i.e. the one leaving the window; `self[0]` is the oldest value still held
/// and `self[count - 1]` the newest.
public struct RingBuffer: Sendable {
    @usableFromInline var storage: [Double]
    @usableFromInline var head = 0
    @usableFromInline var _count = 0
    @inlinable public var count: Int { _count }

    public init(capacity: Int) {
        precondition(capacity > 0, "ring buffer needs capacity ≥ 1")
        storage = [Double](repeating: 0, count: capacity)
    }

    @inlinable public var capacity: Int { storage.count }
    @inlinable public var isFull: Bool { count == storage.count }

    @inlinable
    public mutating func append(_ x: Double) {
        storage[head] = x
        head += 1
        if head == storage.count { head = 0 }
        if _count < storage.count { _count += 1 }
    }

    /// The oldest value held (the next to be overwritten when full).
    @inlinable
    public var oldest: Double {
        isFull ? storage[head] : storage[0]
    }

    /// The newest value.
    @inlinable
    public var newest: Double {
        storage[head == 0 ? storage.count - 1 : head - 1]
    }

    /// Value `i` of the window, 0 the oldest.
    @inlinable
    public subscript(i: Int) -> Double {
        let start = isFull ? head : 0
        var j = start + i
        if j >= storage.count { j -= storage.count }
        return storage[j]
    }

    /// Value `lag` steps back, 0 the newest.
    @inlinable
    public func back(_ lag: Int) -> Double {
        self[count - 1 - lag]
    }
}
