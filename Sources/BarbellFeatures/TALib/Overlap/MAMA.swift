import Foundation

/// MESA adaptive moving average and its following average FAMA (Ehlers, "MAMA – The Mother of
/// Adaptive Moving Averages", *Stocks & Commodities*, 2001), as `TA_MAMA` computes them.
///
/// The price is smoothed by a 4-bar WMA, a Hilbert transform (run separately on even and odd
/// bars, as TA-Lib does) measures the phase, and the alpha `fastLimit / Δphase`, clamped to
/// `[slowLimit, fastLimit]`, drives `mama = α·x + (1 − α)·mama` and
/// `fama = α/2·mama + (1 − α/2)·fama`. Lookback 32 (12 bars to fill the smoother, 20 for the
/// transform). TA-Lib alternates the transform between even and odd bars of its input; which
/// bars count as even turns out not to change the output (checked against TA-Lib 0.8.1 with the
/// series started at an odd offset), so a slice of a series may be passed as is.
enum MAMA {
    static func lookback(fastLimit: Double, slowLimit: Double) -> Int { 32 }

    /// Writes MAMA into `mama` and FAMA into `fama` from index 32 on.
    static func batch(_ x: UnsafeBufferPointer<Double>, fastLimit: Double, slowLimit: Double,
                      mama: UnsafeMutableBufferPointer<Double>, fama: UnsafeMutableBufferPointer<Double>) {
        var state = Stream(fastLimit: fastLimit, slowLimit: slowLimit)
        for i in 0..<x.count {
            let (m, f) = state.step(x[i])
            mama[i] = m
            fama[i] = f
        }
    }

    /// MAMA alone, the average `TA_MA` returns for matype 7.
    static func batchMAMAOnly(_ x: UnsafeBufferPointer<Double>, fastLimit: Double, slowLimit: Double,
                              _ out: UnsafeMutableBufferPointer<Double>) {
        var state = Stream(fastLimit: fastLimit, slowLimit: slowLimit)
        for i in 0..<x.count { out[i] = state.step(x[i]).mama }
    }

    /// `atan(y / x)` for `x ≠ 0`, inline and branch-free: Cephes' `atan` (reduction to
    /// |t| ≤ 0.66 by selects, then a degree 4/5 rational approximation, evaluated here in
    /// Estrin's scheme), with the reduction taken straight from `|y|` and `|x|` so one division
    /// replaces two. Within about 1 ulp of libm's `atan(y / x)`. libm's `atan` is an opaque call
    /// that spills the whole state around it and branches on the argument's range; MAMA's
    /// period recurrence runs through it every bar.
    @inline(__always)
    static func arctan(_ y: Double, over x: Double) -> Double {
        let (rzp, q, r, base) = arctanParts(y, over: x)
        let v = (rzp / q + r) + base
        return (y.sign == x.sign) ? v : 0 - v
    }

    /// `2π / atan(y / x)`, the dominant cycle period for the phase step `atan(im / re)`, as one
    /// division: `2π·q / (r·z·p + (r + base)·q)`.
    @inline(__always)
    static func cyclePeriod(_ y: Double, over x: Double, twoPi: Double) -> Double {
        let (rzp, q, r, base) = arctanParts(y, over: x)
        let numerator = (y.sign == x.sign) ? twoPi * q : 0 - twoPi * q
        return numerator / (rzp + (r + base) * q)
    }

    /// Cephes' reduction and rational approximation: `atan(y / x) = ±((r·z·p) / q + r + base)`.
    @inline(__always)
    static func arctanParts(_ y: Double, over x: Double) -> (rzp: Double, q: Double, r: Double, base: Double) {
        let ay = abs(y), ax = abs(x)
        let big = ay > 2.41421356237309504880 * ax
        let mid = ay > 0.66 * ax
        let numerator = big ? 0 - ax : (mid ? ay - ax : ay)
        let denominator = big ? ay : (mid ? ay + ax : ax)
        let r = numerator / denominator
        // π/2, π/4 or 0, with Cephes' extra bits folded in (off the path through r).
        let base = big ? 1.57079632679489661923 + 6.123233995736765886130e-17
            : (mid ? 0.78539816339744830962 + 3.061616997868382943065e-17 : 0.0)
        let z = r * r
        let z2 = z * z
        let z4 = z2 * z2
        let p = ((-1.228866684490136173410e2 * z - 6.485021904942025371773e1)
            + z2 * (-1.615753718733365076637e1 * z - 7.500855792314704667340e1)) + z4 * -8.750608600031904122785e-1
        let q = ((4.853903996359136964868e2 * z + 1.945506571482613964425e2)
            + z2 * (1.650270098316988542046e2 * z + 4.328810604912902668951e2)) + z4 * (z + 2.485846490142306297962e1)
        return (r * z * p, q, r, base)
    }

    /// One leg (detrender, Q1, jI or jQ) of TA-Lib's Hilbert transform for one parity of bars:
    /// `(a·v − a·v[−3 legs] + b·prevInput' − ...)·(0.075·period + 0.54)`, with a 3-slot history.
    /// The terms from earlier bars are summed first, so the new input is one multiply, one add
    /// and the final multiply away from the result (the legs chain within a bar).
    struct HilbertLeg: Sendable {
        var history = (0.0, 0.0, 0.0)
        var previous = 0.0
        var previousInput = 0.0

        @inline(__always)
        mutating func apply(_ input: Double, slot: Int, adjustedPeriod: Double) -> Double {
            apply(input, scaled: 0.0962 * input, slot: slot, adjustedPeriod: adjustedPeriod)
        }

        /// `apply` with `0.0962·input` supplied (computed by the caller off the critical path).
        @inline(__always)
        mutating func apply(_ input: Double, scaled: Double, slot: Int, adjustedPeriod: Double) -> Double {
            (scaled + push(input, scaled: scaled, slot: slot)) * adjustedPeriod
        }

        /// Records `input` and returns the terms from earlier bars, `result / ap − scaled`.
        @inline(__always)
        mutating func push(_ input: Double, scaled: Double, slot: Int) -> Double {
            let old: Double
            switch slot {
            case 0: old = history.0; history.0 = scaled
            case 1: old = history.1; history.1 = scaled
            default: old = history.2; history.2 = scaled
            }
            let next = 0.5769 * previousInput
            let carried = (next - old) - previous
            previous = next
            previousInput = input
            return carried
        }
    }

    /// The four legs for one parity of bars.
    ///
    /// The detrender's result is `A·ap` with `A` known before the adjusted period `ap`, so Q1's
    /// scaled input is taken as `(0.0962·A)·ap`, in parallel with the detrender itself.
    struct HilbertSet: Sendable {
        var detrender = HilbertLeg()
        var q1 = HilbertLeg()
        var jI = HilbertLeg()
        var jQ = HilbertLeg()
    }

    struct Stream: FeatureStream {
        let fastLimit: Double
        let slowLimit: Double
        /// Held per stream rather than as a static, whose lazy initialisation would be
        /// checked on every bar.
        let rad2Deg = 180.0 / (4.0 * atan(1.0))
        let twoPi = 2.0 * (4.0 * atan(1.0))

        /// Bars consumed so far; its parity selects the even or odd transform.
        var index = 0
        // The 4-bar WMA price smoother.
        var wmaSub = 0.0
        var wmaSum = 0.0
        var trailingWMAValue = 0.0
        var recent = (0.0, 0.0, 0.0)  // x[t-1], x[t-2], x[t-3]
        // Hilbert transform state.
        var even = HilbertSet()
        var odd = HilbertSet()
        var slot = 0
        var i1EvenPrev2 = 0.0, i1EvenPrev3 = 0.0
        var i1OddPrev2 = 0.0, i1OddPrev3 = 0.0
        var prevQ2 = 0.0, prevI2 = 0.0
        var re = 0.0, im = 0.0
        var period = 0.0
        /// `0.075·period + 0.54`, kept up to date with `period`.
        var adjustedPeriod = 0.54
        var prevPhase = 0.0
        var mama = 0.0
        var fama = 0.0

        init(fastLimit: Double, slowLimit: Double) {
            self.fastLimit = fastLimit
            self.slowLimit = slowLimit
        }

        mutating func update(_ inputs: UnsafeBufferPointer<Double>, _ outputs: UnsafeMutableBufferPointer<Double>) {
            let (m, f) = step(inputs[0])
            outputs[0] = m
            outputs[1] = f
        }

        /// Consumes one value; NaN pair until 32 bars have been seen.
        @inline(__always)
        mutating func step(_ x: Double) -> (mama: Double, fama: Double) {
            let today = index
            let seen = today
            index += 1
            if seen < 3 {
                // WMA seed, weights 1, 2, 3.
                wmaSub += x
                wmaSum += x * Double(seen + 1)
                recent = (x, recent.0, recent.1)
                return (.nan, .nan)
            }
            let adjustedPeriod = self.adjustedPeriod
            let adjustedPeriodFifth = 0.2 * adjustedPeriod
            let jQFactor = 0.0962 * adjustedPeriodFifth
            wmaSub += x
            wmaSub -= trailingWMAValue
            wmaSum += x * 4.0
            trailingWMAValue = recent.2
            recent = (x, recent.0, recent.1)
            let smoothed = wmaSum * 0.1
            wmaSum -= wmaSub
            if seen < 12 { return (.nan, .nan) }

            let q1: Double, q2: Double, i2: Double, phase: Double
            if today % 2 == 0 {
                let unscaled = even.detrender.apply(smoothed, slot: slot, adjustedPeriod: 1.0)
                let detrender = unscaled * adjustedPeriod
                q1 = even.q1.apply(detrender, scaled: (0.0962 * unscaled) * adjustedPeriod, slot: slot,
                                    adjustedPeriod: adjustedPeriod)
                let jI = even.jI.apply(i1EvenPrev3, slot: slot, adjustedPeriod: adjustedPeriod)
                // jQ enters I2 only as 0.2·jQ = (0.0962·q1 + carried)·(0.2·ap); distributed,
                // q1 is one multiply from it.
                let carriedJQ = even.jQ.push(q1, scaled: 0.0962 * q1, slot: slot)
                slot += 1
                if slot == 3 { slot = 0 }
                q2 = (0.2 * jI + 0.8 * prevQ2) + 0.2 * q1
                i2 = ((0.2 * i1EvenPrev3 + 0.8 * prevI2) - carriedJQ * adjustedPeriodFifth) - jQFactor * q1
                i1OddPrev3 = i1OddPrev2
                i1OddPrev2 = detrender
                phase = i1EvenPrev3 != 0.0 ? MAMA.arctan(q1, over: i1EvenPrev3) * rad2Deg : 0.0
            } else {
                let unscaled = odd.detrender.apply(smoothed, slot: slot, adjustedPeriod: 1.0)
                let detrender = unscaled * adjustedPeriod
                q1 = odd.q1.apply(detrender, scaled: (0.0962 * unscaled) * adjustedPeriod, slot: slot,
                                    adjustedPeriod: adjustedPeriod)
                let jI = odd.jI.apply(i1OddPrev3, slot: slot, adjustedPeriod: adjustedPeriod)
                // jQ enters I2 only as 0.2·jQ = (0.0962·q1 + carried)·(0.2·ap); distributed,
                // q1 is one multiply from it.
                let carriedJQ = odd.jQ.push(q1, scaled: 0.0962 * q1, slot: slot)
                q2 = (0.2 * jI + 0.8 * prevQ2) + 0.2 * q1
                i2 = ((0.2 * i1OddPrev3 + 0.8 * prevI2) - carriedJQ * adjustedPeriodFifth) - jQFactor * q1
                i1EvenPrev3 = i1EvenPrev2
                i1EvenPrev2 = detrender
                phase = i1OddPrev3 != 0.0 ? MAMA.arctan(q1, over: i1OddPrev3) * rad2Deg : 0.0
            }

            var deltaPhase = prevPhase - phase
            prevPhase = phase
            // Selects rather than branches: whether the phase advanced by more than a degree is
            // a coin flip, and a mispredicted branch here discards the next bar's work.
            deltaPhase = deltaPhase < 1.0 ? 1.0 : deltaPhase
            let limited = fastLimit / deltaPhase
            var alpha = limited < slowLimit ? slowLimit : limited
            alpha = deltaPhase > 1.0 ? alpha : fastLimit
            mama = alpha * x + (1 - alpha) * mama
            alpha *= 0.5
            fama = alpha * mama + (1 - alpha) * fama
            let result = seen >= 32 ? (mama, fama) : (Double.nan, Double.nan)

            // The dominant cycle period for the next bar.
            // Grouped so that i2, the last to be ready, is one multiply-add from re and im.
            let i2Weight = 0.2 * prevI2, q2Weight = 0.2 * prevQ2
            re = i2Weight * i2 + (q2Weight * q2 + 0.8 * re)
            im = q2Weight * i2 + (0.8 * im - i2Weight * q2)
            prevQ2 = q2
            prevI2 = i2
            let previousPeriod = period
            if im != 0.0 && re != 0.0 {
                // 360° over the phase step in degrees: 2π over it in radians.
                period = MAMA.cyclePeriod(im, over: re, twoPi: twoPi)
            }
            // The clamps as selects; each mispredicted branch would stall the recurrence.
            // TA-Lib clamps to [0.67, 1.5]·previous and then to [6, 50]; as the first interval
            // is never empty, that is one clamp to the second applied to the first's ends.
            var upper = 1.5 * previousPeriod
            upper = upper < 6 ? 6 : (upper > 50 ? 50 : upper)
            var lower = 0.67 * previousPeriod
            lower = lower < 6 ? 6 : (lower > 50 ? 50 : lower)
            var clamped = period > upper ? upper : period
            clamped = clamped < lower ? lower : clamped
            period = 0.2 * clamped + 0.8 * previousPeriod
            // 0.075·period + 0.54 straight from the clamped value, one multiply-add after it.
            self.adjustedPeriod = 0.015 * clamped + (0.06 * previousPeriod + 0.54)
            return result
        }
    }
}
