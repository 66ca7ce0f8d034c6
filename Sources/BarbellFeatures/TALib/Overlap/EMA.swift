/// Exponential moving average as TA-Lib computes it (`TA_INT_EMA`, classic seeding): the first
/// value is the plain average of the first `period` inputs, then each step moves the average
/// towards the input by `k = 2 / (period + 1)`.
///
/// TA-Lib 0.8.1 evaluates the step `(x - ema) * k + ema` as one fused multiply-add. Without FMA
/// (baseline x86-64) that is a subtract, a multiply and an add on the loop-carried chain; written
/// as `a * ema + k * x` with `a = 1 - k` the chain is one multiply and one add (`k * x` is off
/// it), about 1.5x faster. Results differ from TA-Lib's in the last bits only, and every batch
/// and stream here uses the same ``step(_:_:a:k:)`` so they stay bit-identical.
enum EMA {
    static func lookback(_ period: Int) -> Int { period - 1 }

    static func k(_ period: Int) -> Double { 2.0 / Double(period + 1) }

    /// One EMA step, shared by every EMA-based batch loop and stream in this folder.
    @inline(__always)
    static func step(_ ema: Double, _ x: Double, a: Double, k: Double) -> Double {
        a * ema + k * x
    }

    /// Writes the EMA of `x` with smoothing `k` into `out` from index `period - 1` on.
    static func batch(_ x: UnsafeBufferPointer<Double>, period: Int, k: Double, _ out: UnsafeMutableBufferPointer<Double>) {
        let n = x.count
        guard n >= period else { return }
        var seed = 0.0
        for i in 0..<period { seed += x[i] }
        var ema = seed / Double(period)
        out[period - 1] = ema
        let a = 1.0 - k
        var i = period
        while i < n {
            ema = step(ema, x[i], a: a, k: k)
            out[i] = ema
            i += 1
        }
    }

    struct Stream: ScalarFeatureStream {
        let period: Int
        let k: Double
        let a: Double
        var seen = 0
        var ema = 0.0

        init(period: Int, k: Double) {
            self.period = period
            self.k = k
            self.a = 1.0 - k
        }

            mutating func next(_ x: Double) -> Double {
            if seen >= period {
                ema = EMA.step(ema, x, a: a, k: k)
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
