/// Triple exponential moving average (Mulloy, 1994):
/// `3·EMA(x) − 3·EMA(EMA(x)) + EMA(EMA(EMA(x)))`, each EMA with `k = 2 / (period + 1)` and
/// TA-Lib's classic seeding, combined in `TA_TEMA`'s order.
enum TEMA {
    static func lookback(_ period: Int) -> Int { 3 * (period - 1) }

    /// Runs the EMAs one after the other over whole columns; the arithmetic is the stream's.
    static func batch(_ x: UnsafeBufferPointer<Double>, period: Int, _ out: UnsafeMutableBufferPointer<Double>) {
        let n = x.count
        let lookback = lookback(period)
        guard n > lookback else { return }
        let k = EMA.k(period)
        let first = UnsafeMutableBufferPointer<Double>.allocate(capacity: n)
        let second = UnsafeMutableBufferPointer<Double>.allocate(capacity: n)
        defer {
            first.deallocate()
            second.deallocate()
        }
        EMA.batch(x, period: period, k: k, first)
        let start1 = period - 1, start2 = 2 * (period - 1)
        EMA.batch(UnsafeBufferPointer(rebasing: first[start1...]), period: period, k: k,
                  UnsafeMutableBufferPointer(rebasing: second[start1...]))
        EMA.batch(UnsafeBufferPointer(rebasing: second[start2...]), period: period, k: k,
                  UnsafeMutableBufferPointer(rebasing: out[start2...]))
        for i in lookback..<n { out[i] = out[i] + ((3.0 * first[i]) - (3.0 * second[i])) }
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
