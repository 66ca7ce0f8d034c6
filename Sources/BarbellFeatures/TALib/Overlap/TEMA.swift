/// Triple exponential moving average (Mulloy, 1994):
/// `3·EMA(x) − 3·EMA(EMA(x)) + EMA(EMA(EMA(x)))`, each EMA with `k = 2 / (period + 1)` and
/// TA-Lib's classic seeding, combined in `TA_TEMA`'s order.
enum TEMA {
    static func lookback(_ period: Int) -> Int { 3 * (period - 1) }

    /// One pass: the stream seeds the three EMAs over the first `lookback + 1` bars, then a
    /// tight loop carries them side by side with the stream's operations.
    static func batch(_ x: UnsafeBufferPointer<Double>, period: Int, _ out: UnsafeMutableBufferPointer<Double>) {
        let n = x.count
        let lookback = lookback(period)
        guard n > lookback else { return }
        var state = Stream(period: period)
        for i in 0...lookback { out[i] = state.next(x[i]) }
        let k = state.first.k, a = state.first.a
        var e1 = state.first.ema, e2 = state.second.ema, e3 = state.third.ema
        var i = lookback + 1
        while i < n {
            e1 = EMA.step(e1, x[i], a: a, k: k)
            e2 = EMA.step(e2, e1, a: a, k: k)
            e3 = EMA.step(e3, e2, a: a, k: k)
            out[i] = e3 + ((3.0 * e1) - (3.0 * e2))
            i += 1
        }
    }

    struct Stream: ScalarFeatureStream {
        var first: EMA.Seeded
        var second: EMA.Seeded
        var third: EMA.Seeded

        init(period: Int) {
            first = EMA.Seeded(period: period)
            second = EMA.Seeded(period: period)
            third = EMA.Seeded(period: period)
        }

        @inline(__always)
        mutating func next(_ x: Double) -> Double {
            guard let e1 = first.next(x), let e2 = second.next(e1), let e3 = third.next(e2) else { return .nan }
            return e3 + ((3.0 * e1) - (3.0 * e2))
        }
    }
}
