/// Simple moving average with TA-Lib's running-sum recurrence (`TA_INT_SMA`): the window sum is
/// extended by the new value, divided, then the oldest value is subtracted, in that order, so
/// batch and stream round identically to TA-Lib.
enum SMA {
    static func lookback(_ period: Int) -> Int { period - 1 }

    /// Writes the average of `x` into `out` from index `period - 1` on.
    static func batch(_ x: UnsafeBufferPointer<Double>, period: Int, _ out: UnsafeMutableBufferPointer<Double>) {
        let n = x.count
        guard n >= period else { return }
        let divisor = Double(period)
        var total = 0.0
        var i = 0
        while i < period - 1 {
            total += x[i]
            i += 1
        }
        var trailing = 0
        while i < n {
            total += x[i]
            out[i] = total / divisor
            total -= x[trailing]
            trailing += 1
            i += 1
        }
    }

    /// Incremental SMA over a ring buffer of the last `period` values.
    struct Stream: ScalarFeatureStream {
        let period: Int
        let divisor: Double
        var window: RingBuffer
        var total = 0.0

        init(period: Int) {
            self.period = period
            self.divisor = Double(period)
            self.window = RingBuffer(capacity: period)
        }

            mutating func next(_ x: Double) -> Double {
            window.append(x)
            total += x
            guard window.isFull else { return .nan }
            let value = total / divisor
            total -= window.oldest
            return value
        }
    }
}
