import Foundation

/// The dominant cycle phase of TA-Lib's `HT_DCPHASE`, `HT_SINE` and `HT_TRENDMODE`: a
/// single-bin DFT of the last `n` smoothed prices, `n` the dominant cycle period rounded,
///
///     real = Σᵢ sin(2πi/n)·p[t−i],  imag = Σᵢ cos(2πi/n)·p[t−i],  i = 0..<n,
///     phase = atan(real/imag)·180/π + 90 + 360/smoothPeriod (+180 when imag < 0), wrapped to ≤ 315,
///
/// summed newest first over TA-Lib's 50-slot circular buffer, in TA-Lib's order, so the rounding
/// matches. When `imag` is exactly zero the previous phase is nudged by ±90 as TA-Lib does.
struct DominantCyclePhase {
    private static let slots = 50
    /// 2π as TA-Lib computes it (`8·atan(1)`).
    private static let twoPi = atan(1.0) * 8.0
    private var smoothPrices = [Double](repeating: 0, count: DominantCyclePhase.slots)
    private var slot = 0
    /// The latest phase in degrees.
    private(set) var phase = 0.0

    /// Records this bar's smoothed price and returns the updated phase.
    @inline(__always)
    mutating func update(smoothed: Double, smoothPeriod: Double) -> Double {
        smoothPrices[slot] = smoothed
        let n = HilbertCycle.cycleLength(smoothPeriod)
        var realPart = 0.0
        var imagPart = 0.0
        var idx = slot
        var i = 0
        while i < n {
            let angle = Double(i) * Self.twoPi / Double(n)
            let price = smoothPrices[idx]
            realPart += sin(angle) * price
            imagPart += cos(angle) * price
            idx = idx == 0 ? Self.slots - 1 : idx - 1
            i += 1
        }
        let magnitude = abs(imagPart)
        if magnitude > 0.0 {
            phase = atan(realPart / imagPart) * HilbertCycle.rad2Deg
        } else if magnitude <= 0.01 {
            if realPart < 0.0 {
                phase -= 90.0
            } else if realPart > 0.0 {
                phase += 90.0
            }
        }
        phase += 90.0
        // Compensates the one-bar lag of the price smoother.
        phase += 360.0 / smoothPeriod
        if imagPart < 0.0 { phase += 180.0 }
        if phase > 315.0 { phase -= 360.0 }
        slot += 1
        if slot == Self.slots { slot = 0 }
        return phase
    }
}

/// Ehlers' instantaneous trendline as TA-Lib's `HT_TRENDLINE` computes it: the mean of the last
/// `n` raw prices (`n` the rounded dominant cycle period, newest first), smoothed over the last
/// four such means with weights 4-3-2-1:
/// `trend = (4·m[t] + 3·m[t−1] + 2·m[t−2] + m[t−3]) / 10`.
struct InstantaneousTrendline {
    private var iTrend1 = 0.0
    private var iTrend2 = 0.0
    private var iTrend3 = 0.0

    @inline(__always)
    mutating func update(_ core: HilbertCycle) -> Double {
        let n = HilbertCycle.cycleLength(core.smoothPeriod)
        var mean = 0.0
        var i = 0
        while i < n {
            mean += core.recent.back(i)
            i += 1
        }
        if n > 0 { mean = mean / Double(n) }
        let trendline = (4.0 * mean + 3.0 * iTrend1 + 2.0 * iTrend2 + iTrend3) / 10.0
        iTrend3 = iTrend2
        iTrend2 = iTrend1
        iTrend1 = mean
        return trendline
    }
}
