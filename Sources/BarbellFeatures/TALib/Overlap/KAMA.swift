/// Kaufman adaptive moving average (Kaufman, *Smarter Trading*, 1995) as `TA_KAMA` computes it:
/// an EMA whose factor is `(ER·(2/3 − 2/31) + 2/31)²`, with the efficiency ratio
/// `ER = |x[t] − x[t−period]| / Σ|x[i] − x[i−1]|` over the window (1 when the net change is at
/// least the path length or the path is ~0). The average starts from the previous input.
enum KAMA {
    static func lookback(_ period: Int) -> Int { period }

    static let slowest = 2.0 / (30.0 + 1.0)
    static let range = 2.0 / (2.0 + 1.0) - slowest

    /// The squared smoothing constant for a net change `periodROC` over a path `pathLength`.
    /// The comparison uses the signed change, exactly as TA-Lib does.
    @inline(__always)
    static func smoothing(periodROC: Double, pathLength: Double) -> Double {
        // The quotient is taken either way so the choice compiles to a select, not a branch.
        let quotient = abs(periodROC / pathLength)
        let saturated = pathLength <= periodROC || (-1e-14 < pathLength && pathLength < 1e-14)
        var ratio = saturated ? 1.0 : quotient
        ratio = ratio * range + slowest
        return ratio * ratio
    }

    static func batch(_ x: UnsafeBufferPointer<Double>, period: Int, _ out: UnsafeMutableBufferPointer<Double>) {
        let n = x.count
        guard n > period else { return }
        var pathLength = 0.0
        for i in 0..<period { pathLength += abs(x[i] - x[i + 1]) }
        var today = period
        var kama = x[today - 1]
        var trailingValue = x[0]
        kama = (x[today] - kama) * smoothing(periodROC: x[today] - x[0], pathLength: pathLength) + kama
        out[today] = kama
        today += 1
        while today < n {
            let value = x[today]
            let trailing = x[today - period]
            pathLength -= abs(trailingValue - trailing)
            pathLength += abs(value - x[today - 1])
            trailingValue = trailing
            kama = (value - kama) * smoothing(periodROC: value - trailing, pathLength: pathLength) + kama
            out[today] = kama
            today += 1
        }
    }

    struct Stream: ScalarFeatureStream {
        let period: Int
        /// The last `period + 2` inputs, enough to drop the oldest one-bar change.
        var window: RingBuffer
        var pathLength = 0.0
        var kama = 0.0

        init(period: Int) {
            self.period = period
            self.window = RingBuffer(capacity: period + 2)
        }

        mutating func next(_ x: Double) -> Double {
            let count = window.count
            if count > 0 && count <= period {
                // The first window's path, one change per arriving value, oldest first.
                pathLength += abs(window.newest - x)
            }
            window.append(x)
            if count < period { return .nan }
            if count == period {
                kama = window[period - 1]
                kama = (x - kama) * KAMA.smoothing(periodROC: x - window[0], pathLength: pathLength) + kama
                return kama
            }
            // window holds x[t-period-1 ... t].
            let trailing = window[1]
            pathLength -= abs(window[0] - trailing)
            pathLength += abs(x - window[period])
            kama = (x - kama) * KAMA.smoothing(periodROC: x - trailing, pathLength: pathLength) + kama
            return kama
        }
    }
}
