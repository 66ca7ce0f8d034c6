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
        let k = state.k, keep = state.oneMinusK
        let c1 = state.c1, c2 = state.c2, c3 = state.c3, c4 = state.c4
        var (e0, e1, e2, e3, e4, e5) = state.e
        while i < n {
            e0 = k * xp[i] + keep * e0
            e1 = k * e0 + keep * e1
            e2 = k * e1 + keep * e2
            e3 = k * e2 + keep * e3
            e4 = k * e3 + keep * e4
            e5 = k * e4 + keep * e5
            o[i] = c1 * e5 + c2 * e4 + c3 * e3 + c4 * e2
            i += 1
        }
    }

    struct Stream: ScalarFeatureStream {
        let period: Int
        let divisor: Double
        let k: Double
        let oneMinusK: Double
        let c1: Double, c2: Double, c3: Double, c4: Double
        var e = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0)
        /// Which EMAs are running (1...6); the next one is being seeded.
        var running = 0
        /// Inputs consumed while seeding the next EMA, and the sum of its inputs so far.
        var seeded = 0
        var seedSum = 0.0

        init(period: Int, vFactor v: Double) {
            self.period = period
            self.divisor = Double(period)
            self.k = 2.0 / (Double(period) + 1.0)
            self.oneMinusK = 1.0 - k
            let v2 = v * v
            let c1 = 0 - v2 * v
            self.c1 = c1
            self.c2 = 3.0 * (v2 - c1)
            self.c3 = (0 - 6.0) * v2 - 3.0 * (v - c1)
            self.c4 = 1.0 + 3.0 * v - c1 + 3.0 * v2
        }

        @inline(__always)
        mutating func next(_ x: Double) -> Double {
            if running == 6 {
                advance(x, through: 6)
                return c1 * e.5 + c2 * e.4 + c3 * e.3 + c4 * e.2
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
            setValue(running + 1, seedSum / divisor)
            running += 1
            seeded = 0
            seedSum = 0
            return running == 6 ? c1 * e.5 + c2 * e.4 + c3 * e.3 + c4 * e.2 : .nan
        }

        /// Steps EMAs 1...`count` with input `x`.
        @inline(__always)
        mutating func advance(_ x: Double, through count: Int) {
            e.0 = k * x + oneMinusK * e.0
            if count < 2 { return }
            e.1 = k * e.0 + oneMinusK * e.1
            if count < 3 { return }
            e.2 = k * e.1 + oneMinusK * e.2
            if count < 4 { return }
            e.3 = k * e.2 + oneMinusK * e.3
            if count < 5 { return }
            e.4 = k * e.3 + oneMinusK * e.4
            if count < 6 { return }
            e.5 = k * e.4 + oneMinusK * e.5
        }

        func value(_ i: Int) -> Double {
            switch i {
            case 1: e.0
            case 2: e.1
            case 3: e.2
            case 4: e.3
            case 5: e.4
            default: e.5
            }
        }

        mutating func setValue(_ i: Int, _ v: Double) {
            switch i {
            case 1: e.0 = v
            case 2: e.1 = v
            case 3: e.2 = v
            case 4: e.3 = v
            case 5: e.4 = v
            default: e.5 = v
            }
        }
    }
}
