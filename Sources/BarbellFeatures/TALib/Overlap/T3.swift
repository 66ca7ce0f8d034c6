/// Tillson's T3 (Tillson, "Smoothing Techniques for More Accurate Signals", *Stocks &
/// Commodities*, 1998): the generalised DEMA `GD(x) = (1 + v)·EMA(x) − v·EMA(EMA(x))` applied
/// three times, expanded into six chained EMAs `e1...e6` (`k = 2 / (period + 1)`) and
/// `c1·e6 + c2·e5 + c3·e4 + c4·e3` with `c1 = −v³`, `c2 = 3v² + 3v³`, `c3 = −6v² − 3v − 3v³`,
/// `c4 = 1 + 3v + v³ + 3v²`. Each EMA is seeded, as in `TA_T3`, with the mean of its first
/// `period` inputs, so the lookback is `6·(period − 1)`.
enum T3 {
    static func lookback(_ period: Int, vFactor: Double) -> Int { 6 * (period - 1) }

    static func batch(_ x: UnsafeBufferPointer<Double>, period: Int, vFactor: Double, _ out: UnsafeMutableBufferPointer<Double>) {
        let n = x.count
        let xp = x.baseAddress!, o = out.baseAddress!
        var state = Stream(period: period, vFactor: vFactor)
        // The stream seeds the six EMAs; once all run, the same steps with the state in locals.
        var i = 0
        while i < n && state.running != 6 {
            o[i] = state.next(xp[i])
            i += 1
        }
        let keep = state.oneMinusK
        let d1 = state.d1, d2 = state.d2, d3 = state.d3, d4 = state.d4
        var (f0, f1, f2, f3, f4, f5) = state.f
        while i < n {
            f0 = xp[i] + keep * f0
            f1 = f0 + keep * f1
            f2 = f1 + keep * f2
            f3 = f2 + keep * f3
            f4 = f3 + keep * f4
            f5 = f4 + keep * f5
            o[i] = d1 * f5 + d2 * f4 + d3 * f3 + d4 * f2
            i += 1
        }
    }

    /// The EMAs are carried scaled, `f_j = e_j / k^(j+1)`, so each step is one multiply and one
    /// add (`f_j = f_(j−1) + (1 − k)·f_j`, with `f_(−1) = x`) instead of two multiplies, and the
    /// powers of `k` are folded into the output coefficients `d_i`. Batch and stream run the same
    /// operations, so they agree bit for bit; against TA-Lib the rounding differs by a few ulps.
    struct Stream: ScalarFeatureStream {
        let period: Int
        let divisor: Double
        let k: Double
        let oneMinusK: Double
        /// `c1·k⁶`, `c2·k⁵`, `c3·k⁴`, `c4·k³`: the coefficients of `f5`, `f4`, `f3`, `f2`.
        let d1: Double, d2: Double, d3: Double, d4: Double
        /// The scaled EMAs `f0...f5`.
        var f = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0)
        /// Which EMAs are running (1...6); the next one is being seeded.
        var running = 0
        /// Inputs consumed while seeding the next EMA, and the sum of its (scaled) inputs so far.
        var seeded = 0
        var seedSum = 0.0

        init(period: Int, vFactor v: Double) {
            self.period = period
            self.divisor = Double(period)
            let k = 2.0 / (Double(period) + 1.0)
            self.k = k
            self.oneMinusK = 1.0 - k
            let v2 = v * v
            let c1 = 0 - v2 * v
            let c2 = 3.0 * (v2 - c1)
            let c3 = (0 - 6.0) * v2 - 3.0 * (v - c1)
            let c4 = 1.0 + 3.0 * v - c1 + 3.0 * v2
            let k3 = k * k * k
            self.d4 = c4 * k3
            self.d3 = c3 * (k3 * k)
            self.d2 = c2 * (k3 * k * k)
            self.d1 = c1 * (k3 * k3)
        }

        @inline(__always)
        func output() -> Double { d1 * f.5 + d2 * f.4 + d3 * f.3 + d4 * f.2 }

        @inline(__always)
        mutating func next(_ x: Double) -> Double {
            if running == 6 {
                advance(x, through: 6)
                return output()
            }
            if period == 1 { return x }
            // Seeding EMA number running + 1 from the outputs of the EMAs already running.
            if running == 0 {
                seedSum += x
                seeded += 1
            } else {
                if seeded == 0 {
                    // Its first input is the value the previous EMA was seeded with.
                    seedSum = value(running)
                    seeded = 1
                }
                advance(x, through: running)
                seedSum += value(running)
                seeded += 1
            }
            guard seeded == period else { return .nan }
            // The mean of the inputs e_(j−1) = k^j·f_(j−1) is e_j's seed, and f_j = e_j / k^(j+1).
            setValue(running + 1, seedSum / divisor / k)
            running += 1
            seeded = 0
            seedSum = 0
            return running == 6 ? output() : .nan
        }

        /// Steps scaled EMAs 1...`count` with input `x`.
        @inline(__always)
        mutating func advance(_ x: Double, through count: Int) {
            f.0 = x + oneMinusK * f.0
            if count < 2 { return }
            f.1 = f.0 + oneMinusK * f.1
            if count < 3 { return }
            f.2 = f.1 + oneMinusK * f.2
            if count < 4 { return }
            f.3 = f.2 + oneMinusK * f.3
            if count < 5 { return }
            f.4 = f.3 + oneMinusK * f.4
            if count < 6 { return }
            f.5 = f.4 + oneMinusK * f.5
        }

        func value(_ i: Int) -> Double {
            switch i {
            case 1: f.0
            case 2: f.1
            case 3: f.2
            case 4: f.3
            case 5: f.4
            default: f.5
            }
        }

        mutating func setValue(_ i: Int, _ v: Double) {
            switch i {
            case 1: f.0 = v
            case 2: f.1 = v
            case 3: f.2 = v
            case 4: f.3 = v
            case 5: f.4 = v
            default: f.5 = v
            }
        }
    }
}
