import Foundation

/// `HT_TRENDMODE`: 1 when the market is trending, 0 in cycle mode, by TA-Lib's rules:
/// trend is assumed, cycle mode holds for half a dominant cycle after the sine and lead-sine
/// cross and while the phase advances at the cycle's rate (0.67–1.5 × 360°/period per bar),
/// and trend wins again whenever the smoothed price is 1.5 % or more away from the
/// instantaneous trendline. Lookback 63.
///
/// Like TA-Lib's Python wrapper (and the candlestick patterns) this integer output is 0, not
/// NaN, on the leading bars without a price and through the lookback, so the feature takes
/// ``NaNPolicy/passThrough`` and skips leading NaN itself.
enum HTTrendMode {
    static let lookback = 63

    struct Stream: ScalarFeatureStream {
        private var started = false
        private var core = HilbertCycle(hilbertStart: 37)
        private var phase = DominantCyclePhase()
        private var trendline = InstantaneousTrendline()
        private var sine = 0.0
        private var leadSine = 0.0
        private var daysInTrend = 0

        @inline(__always)
        mutating func next(_ x: Double) -> Double {
            if !started {
                guard !x.isNaN else { return 0 }
                started = true
            }
            guard core.update(x) else { return 0 }
            let smoothPeriod = core.smoothPeriod
            let previousPhase = phase.phase
            let degrees = phase.update(smoothed: core.smoothed, smoothPeriod: smoothPeriod)
            let previousSine = sine
            let previousLeadSine = leadSine
            sine = sin(degrees * HTSine.deg2Rad)
            leadSine = sin((degrees + 45) * HTSine.deg2Rad)
            let line = trendline.update(core)

            var trend = 1
            // Days in trend count from the last crossing of the sine and lead-sine lines.
            if (sine > leadSine && previousSine <= previousLeadSine) || (sine < leadSine && previousSine >= previousLeadSine) {
                daysInTrend = 0
                trend = 0
            }
            daysInTrend += 1
            if Double(daysInTrend) < 0.5 * smoothPeriod { trend = 0 }
            let advance = degrees - previousPhase
            if smoothPeriod != 0.0 && (advance > 0.67 * 360.0 / smoothPeriod && advance < 1.5 * 360.0 / smoothPeriod) {
                trend = 0
            }
            if line != 0.0 && abs((core.smoothed - line) / line) >= 0.015 { trend = 1 }
            return core.bar > HTTrendMode.lookback ? Double(trend) : 0
        }
    }

    static func batch(_ x: UnsafeBufferPointer<Double>, _ out: UnsafeMutableBufferPointer<Double>) {
        var stream = Stream()
        for i in 0..<x.count { out[i] = stream.next(x[i]) }
    }
}
