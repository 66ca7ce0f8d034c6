/// Double exponential moving average (Mulloy, 1994): `2·EMA(x) − EMA(EMA(x))`, both EMAs with
/// `k = 2 / (period + 1)` and TA-Lib's classic seeding (the first value of each EMA is the plain
/// average of its first `period` inputs), as `TA_DEMA` computes it.
enum DEMA {
    static func lookback(_ period: Int) -> Int { 2 * (period - 1) }

    /// One pass: the stream seeds both EMAs over the first `lookback + 1` bars, then a tight
    /// loop carries them side by side (the same operations, and the two recurrences overlap in
    /// the pipeline instead of running one after the other).
    static func batch(_ x: UnsafeBufferPointer<Double>, period: Int, _ out: UnsafeMutableBufferPointer<Double>) {
        let n = x.count
        let lookback = lookback(period)
        guard n > lookback else { return }
        var state = Stream(period: period)
        for i in 0...lookback { out[i] = state.next(x[i]) }
        let k = state.first.k, a = state.first.a
        var e1 = state.first.ema, e2 = state.second.ema
        var i = lookback + 1
        while i < n {
            e1 = EMA.step(e1, x[i], a: a, k: k)
            e2 = EMA.step(e2, e1, a: a, k: k)
            out[i] = (2.0 * e1) - e2
            i += 1
        }
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
    /// with their mean, then steps with ``EMA/step(_:_:a:k:)``. Returns nil while warming up (a NaN
    /// result is a real value: the data had a NaN).
    struct Seeded: Sendable {
        let period: Int
        let k: Double
        let a: Double
        var seen = 0
        var ema = 0.0

        init(period: Int, k: Double? = nil) {
            self.period = period
            self.k = k ?? EMA.k(period)
            self.a = 1.0 - self.k
        }

        @inline(__always)
        mutating func next(_ x: Double) -> Double? {
            if seen >= period {
                ema = EMA.step(ema, x, a: a, k: k)
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
