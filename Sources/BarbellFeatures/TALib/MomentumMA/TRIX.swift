/// TA-Lib's TRIX (`TA_TRIX`): the one-bar rate of change, in percent, of a triple exponential
/// average, `(ema3[t] / ema3[t-1] - 1) * 100` (0 when the previous value is 0).
///
/// Each EMA of `timeperiod` is seeded with the plain mean of its first `timeperiod` inputs (the
/// prices for the first, the previous EMA's values for the others) and then follows
/// `ema = (x - ema) * k + ema` with `k = 2 / (timeperiod + 1)`.
///
/// TA-Lib 0.8.1 evaluates each EMA step as one fused multiply-add, `fma(x - ema, k, ema)`; here
/// each step is `a * ema + k * x` with `a = 1 - k` (see ``FusedEMA``), the three EMAs chained in
/// one loop. Results agree with TA-Lib to about 1e-15 relative.
enum TRIX {
    static func lookback(_ period: Int) -> Int { 3 * EMA.lookback(period) + 1 }

    static func batch(_ x: UnsafeBufferPointer<Double>, period: Int, _ out: UnsafeMutableBufferPointer<Double>) {
        let n = x.count
        let start = lookback(period)
        guard n > start else { return }
        let xp = x.baseAddress!, op = out.baseAddress!
        let k = EMA.k(period), a = 1.0 - k, p = Double(period)
        // EMA1 seed.
        var sum = 0.0
        var today = 0
        while today < period {
            sum += xp[today]
            today += 1
        }
        var ema1 = sum / p
        // EMA2 seed: the first `period` EMA1 values, the seed itself included.
        sum = 0.0
        sum += ema1
        for _ in 1..<period {
            ema1 = FusedEMA.step(ema1, xp[today], a: a, k: k)
            sum += ema1
            today += 1
        }
        var ema2 = sum / p
        // EMA3 seed from the first `period` EMA2 values.
        sum = 0.0
        sum += ema2
        for _ in 1..<period {
            ema1 = FusedEMA.step(ema1, xp[today], a: a, k: k)
            ema2 = FusedEMA.step(ema2, ema1, a: a, k: k)
            sum += ema2
            today += 1
        }
        var ema3 = sum / p
        // The EMAs run ahead and park each bar's EMA3 in `out`; `lag` bars behind, two rates
        // of change at a time replace them with one packed division. `older` keeps the EMA3
        // just before the pair, whose slot already holds its own rate of change.
        let first = today
        var older = ema3
        var rate = first            // next bar whose rate of change is due
        let lag = 8
        while today < n {
            ema1 = FusedEMA.step(ema1, xp[today], a: a, k: k)
            ema2 = FusedEMA.step(ema2, ema1, a: a, k: k)
            ema3 = FusedEMA.step(ema3, ema2, a: a, k: k)
            op[today] = ema3
            today += 1
            if today - rate >= lag + 2 {
                let current = Lanes.load(op + rate)
                let previous = SIMD2(older, current[0])
                older = current[1]
                Lanes.store(rates(current, previous), op + rate)
                rate += 2
            }
        }
        while rate < n {
            let current = op[rate]
            op[rate] = older != 0.0 ? (current / older - 1.0) * 100.0 : 0.0
            older = current
            rate += 1
        }
    }

    /// `(current / previous − 1) · 100` per lane, 0 where `previous` is 0: the scalar formula's
    /// operations lane by lane, so the same bits.
    @inline(__always)
    private static func rates(_ current: SIMD2<Double>, _ previous: SIMD2<Double>) -> SIMD2<Double> {
        var r = (current / previous - 1.0) * 100.0
        r.replace(with: 0, where: previous .== 0)
        return r
    }

    struct Stream: ScalarFeatureStream {
        let period: Int
        var ema1: FusedEMA.Stream
        var ema2: FusedEMA.Stream
        var ema3: FusedEMA.Stream
        var previous = 0.0
        var bar = -1

        init(period: Int) {
            self.period = period
            let k = EMA.k(period)
            ema1 = FusedEMA.Stream(period: period, k: k)
            ema2 = FusedEMA.Stream(period: period, k: k)
            ema3 = FusedEMA.Stream(period: period, k: k)
        }

        mutating func next(_ x: Double) -> Double {
            bar += 1
            let lag = period - 1
            let e1 = ema1.next(x)
            guard bar >= lag else { return .nan }
            let e2 = ema2.next(e1)
            guard bar >= 2 * lag else { return .nan }
            let e3 = ema3.next(e2)
            defer { previous = e3 }
            guard bar > 3 * lag else { return .nan }
            return previous != 0.0 ? (e3 / previous - 1.0) * 100.0 : 0.0
        }
    }
}
