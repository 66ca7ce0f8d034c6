/// Average absolute deviation from the window mean, `Σ|x − mean| / period` over the last
/// `period` inputs (`TA_AVGDEV`). Like TA-Lib, each bar sums its window afresh (newest value
/// first), so a NaN affects only the windows holding it; cost O(period) per bar, batch and
/// stream alike.
enum AVGDEV {
    static func lookback(_ period: Int) -> Int { period - 1 }

    /// The deviation of `value(0..<period)`, index 0 the newest.
    @inline(__always)
    static func deviation(period: Int, _ value: (Int) -> Double) -> Double {
        let divisor = Double(period)
        var sum = 0.0
        for i in 0..<period { sum += value(i) }
        var deviation = 0.0
        for i in 0..<period { deviation += abs(value(i) - sum / divisor) }
        return deviation / divisor
    }

    static func batch(_ x: UnsafeBufferPointer<Double>, period: Int, _ out: UnsafeMutableBufferPointer<Double>) {
        let n = x.count
        guard n >= period else { return }
        var today = period - 1
        while today < n {
            let t = today
            out[today] = deviation(period: period) { x[t - $0] }
            today += 1
        }
    }

    struct Stream: ScalarFeatureStream {
        let period: Int
        var window: RingBuffer

        init(period: Int) {
            self.period = period
            self.window = RingBuffer(capacity: period)
        }

        mutating func next(_ x: Double) -> Double {
            window.append(x)
            guard window.isFull else { return .nan }
            let w = window
            return AVGDEV.deviation(period: period) { w.back($0) }
        }
    }
}
