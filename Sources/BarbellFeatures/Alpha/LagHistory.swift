/// The last 64 values of a series, read by lag: the window state the Alpha kernels share.
///
/// Qlib's longest look-back is 60 bars (`Ref($close, 60)` leaves a 60-bar window), so a fixed
/// power-of-two ring is enough and indexing is a mask, not a division. Unfilled slots read as NaN,
/// which is what `Ref` yields before the series has that many bars.
struct LagHistory: Sendable {
    static let capacity = 64
    private var storage = [Double](repeating: .nan, count: LagHistory.capacity)
    private var head = 0

    /// Appends the newest value.
    mutating func push(_ x: Double) {
        head = (head + 1) & (LagHistory.capacity - 1)
        storage[head] = x
    }

    /// The value `k` bars back, 0 the newest; NaN before the series reached it.
    func lag(_ k: Int) -> Double {
        storage[(head - k) & (LagHistory.capacity - 1)]
    }
}

/// A read-only view of one series inside ``Alpha158Engine``'s flat history block: 64 slots,
/// newest at `head`.
struct HistoryView: LagSource {
    let base: UnsafePointer<Double>
    let head: Int

    @inline(__always)
    func lag(_ k: Int) -> Double { base[(head - k) & (LagHistory.capacity - 1)] }
}

/// Anything read by lag (0 the newest): the ring ``HistoryView`` of the streaming engine or the
/// contiguous ``ColumnView`` of the batch engine, so the rolling primitives run the same code on both.
protocol LagSource {
    func lag(_ k: Int) -> Double
}

/// A contiguous column read at one bar: lag `k` is `base[-k]`. The caller only reads lags that
/// exist (the primitives never look further back than the bars seen).
struct ColumnView: LagSource {
    let base: UnsafePointer<Double>

    @inline(__always)
    func lag(_ k: Int) -> Double { base[-k] }
}
