/// Average true range (Wilder, 1978) as `TA_ATR` / `TA_NATR` compute it: the mean of the
/// first `period` true ranges, then Wilder's smoothing `atr = atr·(period − 1)/period + tr/period`
/// with precomputed weights, as TA-Lib 0.8 evaluates it. NATR divides by the bar's close and multiplies by 100 (0 when the
/// close is ~0). Lookback `period`.
///
/// TA-Lib 0.8 runs a period of 1 through the same smoothing (`atr·0 + tr`), not through
/// TRANGE: the values equal the true range, but a NaN high or low turns ATR NaN for good
/// (`NaN·0`), and NATR(1) returns that ATR without normalising. Both quirks are reproduced.
enum ATR {
    static func lookback(_ period: Int) -> Int { period }

    struct State: Sendable {
        let period: Int
        let divisor: Double
        /// TA-Lib 0.8's smoothing weights: `atr = atr·keep + tr·gain`, `keep = (period − 1) / period`,
        /// `gain = 1 − keep` (it evaluates this as one fused multiply-add, so no division per bar).
        let keep: Double
        let gain: Double
        let normalized: Bool
        var previousClose = 0.0
        var seen = 0
        var atr = 0.0

        init(period: Int, normalized: Bool) {
            self.period = period
            self.divisor = Double(period)
            self.keep = Double(period - 1) / Double(period)
            self.gain = 1.0 - keep
            self.normalized = normalized
        }

        @inline(__always)
        mutating func next(high: Double, low: Double, close: Double) -> Double {
            let bar = seen
            seen += 1
            defer { previousClose = close }
            if bar == 0 { return .nan }
            let tr = TRANGE.value(high: high, low: low, previousClose: previousClose)
            if bar < period {
                // Seeding: the first period true ranges are summed from 0, oldest first.
                atr += tr
                return .nan
            }
            if bar == period {
                atr += tr
                atr = atr / divisor
            } else {
                atr = atr * keep + tr * gain
            }
            // TA-Lib 0.8 leaves a period-1 NATR unnormalised.
            guard normalized, period > 1 else { return atr }
            return ATR.normalize(atr, close: close)
        }
    }

    @inline(__always)
    static func normalize(_ atr: Double, close: Double) -> Double {
        -1e-14 < close && close < 1e-14 ? 0.0 : atr / close * 100.0
    }

    /// The batch kernel writes every slot from `period` on. The smoothing is a linear recurrence,
    /// so it advances four bars per step: `atr[t+j] = keep^j·atr[t] + Σ keep^(j−m)·gain·tr[t+m]`,
    /// which leaves one multiply-add on the critical path per four bars. The sums differ from the
    /// stream's bar-by-bar evaluation only by rounding (all terms are non-negative, so the relative
    /// difference stays at a few ulps) and NaN propagates exactly as there.
    static func batch(high: UnsafeBufferPointer<Double>, low: UnsafeBufferPointer<Double>, close: UnsafeBufferPointer<Double>,
                      period: Int, normalized: Bool, _ out: UnsafeMutableBufferPointer<Double>) {
        let n = close.count
        guard n > period else { return }
        let h = high.baseAddress!, l = low.baseAddress!, c = close.baseAddress!, o = out.baseAddress!
        let divisor = Double(period)
        let keep = Double(period - 1) / divisor, gain = 1.0 - keep
        let keep2 = keep * keep, keep3 = keep2 * keep, keep4 = keep2 * keep2
        var atr = 0.0
        for i in 1...period {
            atr += TRANGE.value(high: h[i], low: l[i], previousClose: c[i - 1])
        }
        atr = atr / divisor
        // TA-Lib 0.8 leaves a period-1 NATR unnormalised.
        let normalizes = normalized && period > 1
        o[period] = normalizes ? normalize(atr, close: c[period]) : atr
        var i = period + 1
        if period > 1 {
            while i + 4 <= n {
                let x0 = TRANGE.value(high: h[i], low: l[i], previousClose: c[i - 1]) * gain
                let x1 = TRANGE.value(high: h[i + 1], low: l[i + 1], previousClose: c[i]) * gain
                let x2 = TRANGE.value(high: h[i + 2], low: l[i + 2], previousClose: c[i + 1]) * gain
                let x3 = TRANGE.value(high: h[i + 3], low: l[i + 3], previousClose: c[i + 2]) * gain
                let s1 = keep * x0 + x1
                let s2 = keep * s1 + x2
                let s3 = keep * s2 + x3
                let y0 = atr * keep + x0
                let y1 = atr * keep2 + s1
                let y2 = atr * keep3 + s2
                atr = atr * keep4 + s3
                if normalizes {
                    normalizePair(SIMD2(y0, y1), c + i, o + i)
                    normalizePair(SIMD2(y2, atr), c + i + 2, o + i + 2)
                } else {
                    o[i] = y0
                    o[i + 1] = y1
                    o[i + 2] = y2
                    o[i + 3] = atr
                }
                i += 4
            }
        }
        while i < n {
            atr = atr * keep + TRANGE.value(high: h[i], low: l[i], previousClose: c[i - 1]) * gain
            o[i] = normalizes ? normalize(atr, close: c[i]) : atr
            i += 1
        }
    }

    /// `normalize` for two consecutive bars, two lanes (the same IEEE quotient in each).
    @inline(__always)
    static func normalizePair(_ atrs: SIMD2<Double>, _ c: UnsafePointer<Double>, _ o: UnsafeMutablePointer<Double>) {
        let closes = UnsafeRawPointer(c).loadUnaligned(as: SIMD2<Double>.self)
        let values = atrs / closes * SIMD2(repeating: 100.0)
        let nearZero = (closes .> SIMD2(repeating: -1e-14)) .& (closes .< SIMD2(repeating: 1e-14))
        UnsafeMutableRawPointer(o).storeBytes(of: values.replacing(with: 0.0, where: nearZero), as: SIMD2<Double>.self)
    }

    struct Stream: FeatureStream {
        var state: State
        init(period: Int, normalized: Bool) { state = State(period: period, normalized: normalized) }
        mutating func update(_ inputs: UnsafeBufferPointer<Double>, _ outputs: UnsafeMutableBufferPointer<Double>) {
            outputs[0] = state.next(high: inputs[0], low: inputs[1], close: inputs[2])
        }
    }
}
