/// Exponential moving average as TA-Lib computes it (`TA_INT_EMA`, classic seeding): the first
/// value is the plain average of the first `period` inputs, then
/// `ema = (x - ema) * k + ema` with `k = 2 / (period + 1)`.
enum EMA {
    static func lookback(_ period: Int) -> Int { period - 1 }

    static func k(_ period: Int) -> Double { 2.0 / Double(period + 1) }

    /// Writes the EMA of `x` with smoothing `k` into `out` from index `period - 1` on.
    static func batch(_ x: UnsafeBufferPointer<Double>, period: Int, k: Double, _ out: UnsafeMutableBufferPointer<Double>) {
        let n = x.count
        guard n >= period else { return }
        var seed = 0.0
        for i in 0..<period { seed += x[i] }
        var ema = seed / Double(period)
        out[period - 1] = ema
        var i = period
        while i < n {
            ema = (x[i] - ema) * k + ema
            out[i] = ema
            i += 1
        }
    }

    struct Stream: ScalarFeatureStream {
        let period: Int
        let k: Double
        var seen = 0
        var ema = 0.0

        init(period: Int, k: Double) {
            self.period = period
            self.k = k
        }

            mutating func next(_ x: Double) -> Double {
            if seen >= period {
                ema = (x - ema) * k + ema
                return ema
            }
            ema += x
            seen += 1
            guard seen == period else { return .nan }
            ema /= Double(period)
            return ema
        }
    }
}
