/// Double exponential moving average (Mulloy, 1994): `2·EMA(x) − EMA(EMA(x))`, both EMAs with
/// `k = 2 / (period + 1)` and TA-Lib's classic seeding (the first value of each EMA is the plain
/// average of its first `period` inputs), as `TA_DEMA` computes it.
enum DEMA {
    static func lookback(_ period: Int) -> Int { 2 * (period - 1) }

    /// Runs the EMAs one after the other over whole columns; the arithmetic is the stream's.
    static func batch(_ x: UnsafeBufferPointer<Double>, period: Int, _ out: UnsafeMutableBufferPointer<Double>) {
        let n = x.count
        let lookback = lookback(period)
        guard n > lookback else { return }
        let k = EMA.k(period)
        let first = UnsafeMutableBufferPointer<Double>.allocate(capacity: n)
        defer { first.deallocate() }
        EMA.batch(x, period: period, k: k, first)
        // The second EMA reads the first from its first value on, writing at the same bars.
        let start = period - 1
        EMA.batch(UnsafeBufferPointer(rebasing: first[start...]), period: period, k: k,
                  UnsafeMutableBufferPointer(rebasing: out[start...]))
        for i in lookback..<n { out[i] = (2.0 * first[i]) - out[i] }
    }

    /// The two chained EMAs; the second is fed only once the first has produced a value, so a
    /// NaN in the data (which the EMAs carry for ever, as TA-Lib's do) is never mistaken for
    /// warm-up.
    struct Stream: ScalarFeatureStream {
        var first: EMA.Seeded
        var second: EMA.Seeded

        init(period: Int) {
            first = EMA.Seeded(period: period)
            second = EMA.Seeded(period: period)
        }

        @inline(__always)
        mutating func next(_ x: Double) -> Double {
            guard let e1 = first.next(x), let e2 = second.next(e1) else { return .nan }
            return (2.0 * e1) - e2
        }
    }
}

extension EMA {
    /// TA-Lib's `TA_INT_EMA` as a step function: accumulates the first `period` inputs, seeds
    /// with their mean, then `ema = (x − ema)·k + ema`. Returns nil while warming up (a NaN
    /// result is a real value: the data had a NaN).
    struct Seeded: Sendable {
        let period: Int
        let k: Double
        var seen = 0
        var ema = 0.0

        init(period: Int, k: Double? = nil) {
            self.period = period
            self.k = k ?? EMA.k(period)
        }

        @inline(__always)
        mutating func next(_ x: Double) -> Double? {
            if seen >= period {
                ema = (x - ema) * k + ema
                return ema
            }
            ema += x
            seen += 1
            guard seen == period else { return nil }
            ema /= Double(period)
            return ema
        }
    }
}
