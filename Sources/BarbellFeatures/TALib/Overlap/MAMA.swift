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

    /// One leg (detrender, Q1, jI or jQ) of TA-Lib's Hilbert transform for one parity of bars:
    /// `(a·v − a·v[−3 legs] + b·prevInput' − ...)·(0.075·period + 0.54)`, with a 3-slot history.
    struct HilbertLeg: Sendable {
        var history = (0.0, 0.0, 0.0)
        var previous = 0.0
        var previousInput = 0.0

        @inline(__always)
        mutating func apply(_ input: Double, slot: Int, adjustedPeriod: Double) -> Double {
            let scaled = 0.0962 * input
            var result: Double
            switch slot {
            case 0: result = 0 - history.0; history.0 = scaled
            case 1: result = 0 - history.1; history.1 = scaled
            default: result = 0 - history.2; history.2 = scaled
            }
            result += scaled
            result -= previous
            previous = 0.5769 * previousInput
            result += previous
            previousInput = input
            return result * adjustedPeriod
        }
    }

    /// The four legs for one parity of bars.
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
            let adjustedPeriod = 0.075 * period + 0.54
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
                let detrender = even.detrender.apply(smoothed, slot: slot, adjustedPeriod: adjustedPeriod)
                q1 = even.q1.apply(detrender, slot: slot, adjustedPeriod: adjustedPeriod)
                let jI = even.jI.apply(i1EvenPrev3, slot: slot, adjustedPeriod: adjustedPeriod)
                let jQ = even.jQ.apply(q1, slot: slot, adjustedPeriod: adjustedPeriod)
                slot += 1
                if slot == 3 { slot = 0 }
                q2 = 0.2 * (q1 + jI) + 0.8 * prevQ2
                i2 = 0.2 * (i1EvenPrev3 - jQ) + 0.8 * prevI2
                i1OddPrev3 = i1OddPrev2
                i1OddPrev2 = detrender
                phase = i1EvenPrev3 != 0.0 ? atan(q1 / i1EvenPrev3) * rad2Deg : 0.0
            } else {
                let detrender = odd.detrender.apply(smoothed, slot: slot, adjustedPeriod: adjustedPeriod)
                q1 = odd.q1.apply(detrender, slot: slot, adjustedPeriod: adjustedPeriod)
                let jI = odd.jI.apply(i1OddPrev3, slot: slot, adjustedPeriod: adjustedPeriod)
                let jQ = odd.jQ.apply(q1, slot: slot, adjustedPeriod: adjustedPeriod)
                q2 = 0.2 * (q1 + jI) + 0.8 * prevQ2
                i2 = 0.2 * (i1OddPrev3 - jQ) + 0.8 * prevI2
                i1EvenPrev3 = i1EvenPrev2
                i1EvenPrev2 = detrender
                phase = i1OddPrev3 != 0.0 ? atan(q1 / i1OddPrev3) * rad2Deg : 0.0
            }

            var deltaPhase = prevPhase - phase
            prevPhase = phase
            if deltaPhase < 1.0 { deltaPhase = 1.0 }
            var alpha: Double
            if deltaPhase > 1.0 {
                alpha = fastLimit / deltaPhase
                if alpha < slowLimit { alpha = slowLimit }
            } else {
                alpha = fastLimit
            }
            mama = alpha * x + (1 - alpha) * mama
            alpha *= 0.5
            fama = alpha * mama + (1 - alpha) * fama
            let result = seen >= 32 ? (mama, fama) : (Double.nan, Double.nan)

            // The dominant cycle period for the next bar.
            re = 0.2 * (i2 * prevI2 + q2 * prevQ2) + 0.8 * re
            im = 0.2 * (i2 * prevQ2 - q2 * prevI2) + 0.8 * im
            prevQ2 = q2
            prevI2 = i2
            let previousPeriod = period
            if im != 0.0 && re != 0.0 {
                period = 360.0 / (atan(im / re) * rad2Deg)
            }
            var bound = 1.5 * previousPeriod
            if period > bound { period = bound }
            bound = 0.67 * previousPeriod
            if period < bound { period = bound }
            if period < 6 {
                period = 6
            } else if period > 50 {
                period = 50
            }
            period = 0.2 * period + 0.8 * previousPeriod
            return result
        }
    }
}
