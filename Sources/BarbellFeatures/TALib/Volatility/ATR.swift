/// Average true range (Wilder, 1978) as `TA_ATR` / `TA_NATR` compute it: the mean of the
/// first `period` true ranges, then Wilder's smoothing `atr = atr·(period − 1)/period + tr/period`
/// with precomputed weights, as TA-Lib 0.8 evaluates it. NATR divides by the bar's close and multiplies by 100 (0 when the
/// close is ~0). Lookback `period`.
///
/// TA-Lib 0.8 runs a period of 1 through the same smoothing (`atr·0 + tr`), not through
/// TRANGE: the values equal the true range, but a NaN high or low turns ATR NaN for good
/// (`NaN·0`), and NATR(1) returns that ATR without normalising. Both quirks are reproduced
/// (the blocked evaluation below keeps them: a NaN reaches every later partial sum and block start).
///
/// The smoothing is a linear recurrence, so batch and stream both advance it in blocks of four
/// bars, aligned on the first smoothed bar (`period + 1`): with `a` the value at the block's
/// start, `x = tr·gain` and `s₀ = x₀`, `sⱼ = keep·sⱼ₋₁ + xⱼ`, bar `j` of the block is
/// `a·keep^(j+1) + sⱼ`, and the block's last value becomes the next `a`. That leaves one
/// multiply-add on the critical path per four bars, and since both sides evaluate exactly these
/// operations with the same constants (also in a final partial block), batch equals stream bit
/// for bit. The result differs from TA-Lib's bar-by-bar fused multiply-add only by rounding (all
/// terms are non-negative, so the relative difference stays at a few ulps).
enum ATR {
    static func lookback(_ period: Int) -> Int { period }

    /// The smoothing constants, computed once the same way for batch and stream.
    struct Weights: Sendable {
        /// TA-Lib 0.8's smoothing weights: `atr = atr·keep + tr·gain`, `keep = (period − 1) / period`,
        /// `gain = 1 − keep`.
        let keep: Double, gain: Double
        /// `keep²`, `keep³`, `keep⁴` for the positions of a block.
        let keep2: Double, keep3: Double, keep4: Double

        init(period: Int) {
            keep = Double(period - 1) / Double(period)
            gain = 1.0 - keep
            keep2 = keep * keep
            keep3 = keep2 * keep
            keep4 = keep2 * keep2
        }

        /// `keep^(position + 1)`.
        @inline(__always)
        func power(_ position: Int) -> Double {
            position == 0 ? keep : position == 1 ? keep2 : position == 2 ? keep3 : keep4
        }
    }

    struct State: Sendable {
        let period: Int
        let divisor: Double
        let w: Weights
        let normalized: Bool
        var previousClose = 0.0
        var seen = 0
        /// The seeding sum, then the value at the start of the current block.
        var atr = 0.0
        /// The block's partial sum `sⱼ` and the position of the next bar in the block.
        var partial = 0.0
        var position = 0

        init(period: Int, normalized: Bool) {
            self.period = period
            self.divisor = Double(period)
            self.w = Weights(period: period)
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
            let value: Double
            if bar == period {
                atr += tr
                atr = atr / divisor
                value = atr
            } else {
                let x = tr * w.gain
                partial = position == 0 ? x : w.keep * partial + x
                value = atr * w.power(position) + partial
                if position == 3 {
                    atr = value
                    position = 0
                } else {
                    position += 1
                }
            }
            // TA-Lib 0.8 leaves a period-1 NATR unnormalised.
            guard normalized, period > 1 else { return value }
            return ATR.normalize(value, close: close)
        }
    }

    @inline(__always)
    static func normalize(_ atr: Double, close: Double) -> Double {
        -1e-14 < close && close < 1e-14 ? 0.0 : atr / close * 100.0
    }

    /// `normalize` for two consecutive bars in two SIMD lanes (the same IEEE operations per
    /// lane; `|close| < 1e-14` is the same test as `-1e-14 < close < 1e-14`, also for NaN).
    @inline(__always)
    static func normalizePair(_ atrs: SIMD2<Double>, _ c: UnsafePointer<Double>) -> SIMD2<Double> {
        let closes = Lanes.load(c)
        let values = atrs / closes * SIMD2(repeating: 100.0)
        let nearZero = (Lanes.magnitude(closes) .< SIMD2(repeating: 1e-14))._storage
        return unsafeBitCast(unsafeBitCast(values, to: SIMD2<Int64>.self) & ~nearZero, to: SIMD2<Double>.self)
    }

    /// How many bars ahead of the recurrence the batch kernel computes `tr·gain`.
    static let ahead = 32

    /// The batch kernel writes every slot from `period` on. Software-pipelined: each step
    /// computes `tr·gain` of the four bars `ahead` bars on (two SIMD pairs) into the output, and
    /// advances the recurrence by one block over the four stored that far back, overwriting them
    /// with the (for NATR normalised) values. The loads run far ahead of the short dependency
    /// chain. The last bars go one at a time with the same per-position formulas.
    static func batch(high: UnsafeBufferPointer<Double>, low: UnsafeBufferPointer<Double>, close: UnsafeBufferPointer<Double>,
                      period: Int, normalized: Bool, _ out: UnsafeMutableBufferPointer<Double>) {
        let n = close.count
        guard n > period else { return }
        let h = high.baseAddress!, l = low.baseAddress!, c = close.baseAddress!, o = out.baseAddress!
        let previous = c - 1
        let w = Weights(period: period)
        let keep = w.keep, gain = w.gain, keep2 = w.keep2, keep3 = w.keep3, keep4 = w.keep4
        var atr = 0.0
        for i in 1...period {
            atr += TRANGE.value(high: h[i], low: l[i], previousClose: c[i - 1])
        }
        atr = atr / Double(period)
        // TA-Lib 0.8 leaves a period-1 NATR unnormalised.
        let normalizes = normalized && period > 1
        o[period] = normalizes ? normalize(atr, close: c[period]) : atr
        let ahead = ATR.ahead
        let first = period + 1
        for i in first..<min(first + ahead, n) {
            o[i] = TRANGE.value(high: h[i], low: l[i], previousClose: previous[i]) * gain
        }
        let gains = SIMD2(repeating: gain)
        var i = first
        while i &+ ahead &+ 4 <= n {
            let j = i &+ ahead
            store(TRANGE.pair(h + j, l + j, previous + j) * gains, o + j)
            store(TRANGE.pair(h + (j &+ 2), l + (j &+ 2), previous + (j &+ 2)) * gains, o + (j &+ 2))
            let x0 = o[i], x1 = o[i &+ 1], x2 = o[i &+ 2], x3 = o[i &+ 3]
            let s1 = keep * x0 + x1
            let s2 = keep * s1 + x2
            let s3 = keep * s2 + x3
            let y0 = atr * keep + x0
            let y1 = atr * keep2 + s1
            let y2 = atr * keep3 + s2
            atr = atr * keep4 + s3
            if normalizes {
                store(normalizePair(SIMD2(y0, y1), c + i), o + i)
                store(normalizePair(SIMD2(y2, atr), c + (i &+ 2)), o + (i &+ 2))
            } else {
                o[i] = y0
                o[i &+ 1] = y1
                o[i &+ 2] = y2
                o[i &+ 3] = atr
            }
            i &+= 4
        }
        // Slots before `written` hold `tr·gain`; the loop above stops at a block boundary.
        let written = min(i &+ ahead, n)
        var s = 0.0
        var position = 0
        while i < n {
            let x = i < written ? o[i] : TRANGE.value(high: h[i], low: l[i], previousClose: previous[i]) * gain
            s = position == 0 ? x : keep * s + x
            let value = atr * w.power(position) + s
            o[i] = normalizes ? normalize(value, close: c[i]) : value
            if position == 3 {
                atr = value
                position = 0
            } else {
                position += 1
            }
            i &+= 1
        }
    }

    @inline(__always)
    static func store(_ v: SIMD2<Double>, _ o: UnsafeMutablePointer<Double>) {
        Lanes.store(v, o)
    }

    struct Stream: FeatureStream {
        var state: State
        init(period: Int, normalized: Bool) { state = State(period: period, normalized: normalized) }
        mutating func update(_ inputs: UnsafeBufferPointer<Double>, _ outputs: UnsafeMutableBufferPointer<Double>) {
            outputs[0] = state.next(high: inputs[0], low: inputs[1], close: inputs[2])
        }
    }
}
