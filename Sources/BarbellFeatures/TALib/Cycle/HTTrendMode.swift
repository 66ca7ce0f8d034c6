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

    /// The state besides the Hilbert engine, the phase and the trendline.
    struct Mode {
        var sine = 0.0
        var leadSine = 0.0
        var daysInTrend = 0

        /// TA-Lib's trend/cycle decision for one bar.
        @inline(__always)
        mutating func decide(degrees: Double, previousPhase: Double, smoothPeriod: Double, smoothed: Double,
                             line: Double) -> Double {
            let previousSine = sine
            let previousLeadSine = leadSine
            sine = sin(degrees * HTSine.deg2Rad)
            leadSine = sin((degrees + 45) * HTSine.deg2Rad)

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
            if line != 0.0 && abs((smoothed - line) / line) >= 0.015 { trend = 1 }
            return Double(trend)
        }
    }

    struct Stream: ScalarFeatureStream {
        private var started = false
        private var core = HilbertCycle(hilbertStart: 37)
        private var recent = RecentPrices()
        private var phase = DominantCyclePhase()
        private var trendline = InstantaneousTrendline()
        private var mode = Mode()

        @inline(__always)
        mutating func next(_ x: Double) -> Double {
            if !started {
                guard !x.isNaN else { return 0 }
                started = true
            }
            recent.append(x)
            guard core.update(x) else { return 0 }
            let smoothPeriod = core.smoothPeriod
            let previousPhase = phase.phase
            let degrees = phase.update(smoothed: core.smoothed, smoothPeriod: smoothPeriod)
            let line = trendline.update(mean: recent.mean(smoothPeriod: smoothPeriod))
            let trend = mode.decide(degrees: degrees, previousPhase: previousPhase, smoothPeriod: smoothPeriod,
                                    smoothed: core.smoothed, line: line)
            return core.bar > HTTrendMode.lookback ? trend : 0
        }
    }

    /// The stream's arithmetic with its state in locals (the prices read in place), writing
    /// every slot: 0 through the leading NaN and the lookback.
    static func batch(_ x: UnsafeBufferPointer<Double>, _ out: UnsafeMutableBufferPointer<Double>) {
        guard let base = x.baseAddress, let outBase = out.baseAddress else { return }
        var first = 0
        while first < x.count && base[first].isNaN {
            outBase[first] = 0
            first += 1
        }
        let xp = base + first
        let op = outBase + first
        let count = x.count - first
        var trendline = InstantaneousTrendline()
        var mode = Mode()
        var phase = 0.0
        var slot = 0
        DominantCyclePhase.table.withUnsafeBufferPointer { tableBuffer in
            withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * DominantCyclePhase.slots) { ringBuffer in
                let table = tableBuffer.baseAddress!
                let ring = ringBuffer.baseAddress!
                ring.initialize(repeating: 0, count: 2 * DominantCyclePhase.slots)
                HilbertEngine.drive(xp, count: count, hilbertStart: 37) { i, ran, core in
                    if ran {
                        let smoothPeriod = core.smoothPeriod
                        let previousPhase = phase
                        phase = DominantCyclePhase.step(phase, ring: ring, slot: &slot, smoothed: core.smoothed,
                                                        smoothPeriod: smoothPeriod, table: table)
                        let mean = InstantaneousTrendline.mean(newest: xp + i, available: i &+ 1, smoothPeriod: smoothPeriod)
                        let line = trendline.update(mean: mean)
                        let trend = mode.decide(degrees: phase, previousPhase: previousPhase, smoothPeriod: smoothPeriod,
                                                smoothed: core.smoothed, line: line)
                        op[i] = i >= lookback ? trend : 0
                    } else {
                        op[i] = 0
                    }
                }
            }
        }
    }
}
