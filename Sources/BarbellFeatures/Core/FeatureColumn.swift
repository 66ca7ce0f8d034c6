/// One computed column of a ``FeatureFrame``: a read-only view of `count` values, one per bar.
///
/// It indexes like an array (`frame.columns[2][t]`) and shares the frame's storage, so taking
/// columns copies nothing; use `Array(column)` for an independent copy.
public struct FeatureColumn: RandomAccessCollection, Sendable {
    let storage: FeatureFrameStorage
    let index: Int

    public var startIndex: Int { 0 }
    public var endIndex: Int { storage.rows }

    public subscript(row: Int) -> Double {
        precondition(row >= 0 && row < storage.rows, "row \(row) outside 0..<\(storage.rows)")
        return storage.column(index)[row]
    }

    /// The values as a contiguous buffer, valid for the duration of `body`.
    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Double>) throws -> R) rethrows -> R {
        try withExtendedLifetime(storage) {
            try body(UnsafeBufferPointer(start: storage.column(index), count: storage.rows))
        }
    }
}
