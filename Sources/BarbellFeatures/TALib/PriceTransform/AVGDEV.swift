/// Average absolute deviation from the window mean, `Σ|x − mean| / period` over the last
/// `period` inputs (`TA_AVGDEV`). Like TA-Lib, each bar sums its window afresh, so a NaN
/// affects only the windows holding it; cost O(period) per bar, batch and stream alike. Both
/// sums run in four interleaved partial sums (newest value first), which keeps the adds off one
/// long dependency chain; batch and stream share that order exactly, and it differs from
/// TA-Lib's left-to-right sums only in the last bits.
enum AVGDEV {
    static func lookback(_ period: Int) -> Int { period - 1 }

    /// The deviation of `value(0..<period)`, index 0 the newest.
    @inline(__always)
    static func deviation(period: Int, _ value: (Int) -> Double) -> Double {
        let divisor = Double(period)
        var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
        var i = 0
        while i + 4 <= period {
            s0 += value(i)
            s1 += value(i + 1)
            s2 += value(i + 2)
            s3 += value(i + 3)
            i += 4
        }
        while i < period {
            s0 += value(i)
            i += 1
        }
        let mean = ((s0 + s1) + (s2 + s3)) / divisor
        var d0 = 0.0, d1 = 0.0, d2 = 0.0, d3 = 0.0
        i = 0
        while i + 4 <= period {
            d0 += abs(value(i) - mean)
            d1 += abs(value(i + 1) - mean)
            d2 += abs(value(i + 2) - mean)
            d3 += abs(value(i + 3) - mean)
            i += 4
        }
        while i < period {
            d0 += abs(value(i) - mean)
            i += 1
        }
        return ((d0 + d1) + (d2 + d3)) / divisor
    }

    static func batch(_ x: UnsafeBufferPointer<Double>, period: Int, _ out: UnsafeMutableBufferPointer<Double>) {
        let n = x.count
        guard n >= period else { return }
        let xp = x.baseAddress!, o = out.baseAddress!
        var today = period - 1
        while today < n {
            let newest = xp + today
            o[today] = deviation(period: period) { newest[-$0] }
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
