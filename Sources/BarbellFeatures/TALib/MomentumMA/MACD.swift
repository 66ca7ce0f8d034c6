/// TA-Lib's MACD (`TA_MACD`, and `TA_MACDFIX` with its fixed 12/26 constants): the difference of a
/// fast and a slow EMA of the price, a signal EMA of that difference, and the histogram
/// `macd - signal`.
///
/// TA-Lib aligns the two price EMAs: both are seeded with the plain mean of the `period` bars that
/// end on the same bar (the slow seed window's last bar), so the fast EMA starts later than it
/// would on its own. The signal EMA is seeded with the mean of the first `signalperiod` MACD
/// values. All three follow `ema = (x - ema) * k + ema`; MACDFIX uses TA-Lib's hard-coded
/// `k = 0.15` and `0.075` instead of `2 / (period + 1)`.
///
/// TA-Lib 0.8.1 evaluates each EMA step as one fused multiply-add, `fma(x - ema, k, ema)`; here
/// each step is `a * ema + k * x` with `a = 1 - k` (see ``FusedEMA``), one pass writing all three
/// outputs. Results agree with TA-Lib to about 1e-15 relative.
enum MACD {
    struct Configuration: Sendable {
        var fastPeriod: Int
        var slowPeriod: Int
        var signalPeriod: Int
        var fastK: Double
        var slowK: Double
        var signalK: Double

        /// `TA_MACD`: periods swapped when `slow < fast`, `k = 2 / (period + 1)`.
        init(fast: Int, slow: Int, signal: Int) {
            let (f, s) = fast <= slow ? (fast, slow) : (slow, fast)
            fastPeriod = f
            slowPeriod = s
            signalPeriod = signal
            fastK = EMA.k(f)
            slowK = EMA.k(s)
            signalK = EMA.k(signal)
        }

        /// `TA_MACDFIX`: 12 and 26 bars with the classic constants 0.15 and 0.075.
        static func fixed(signal: Int) -> Configuration {
            var c = Configuration(fast: 12, slow: 26, signal: signal)
            c.fastK = 0.15
            c.slowK = 0.075
            return c
        }

        var signalLookback: Int { signalPeriod - 1 }
        var lookback: Int { signalLookback + slowPeriod - 1 }
    }

    static func batch(
        _ x: UnsafeBufferPointer<Double>, _ c: Configuration,
        macd: UnsafeMutableBufferPointer<Double>, signal: UnsafeMutableBufferPointer<Double>,
        histogram: UnsafeMutableBufferPointer<Double>
    ) {
        let n = x.count
        let start = c.lookback
        guard n > start else { return }
        let xp = x.baseAddress!
        let mp = macd.baseAddress!, sp = signal.baseAddress!, hp = histogram.baseAddress!
        let fastK = c.fastK, slowK = c.slowK, signalK = c.signalK
        let fastA = 1.0 - fastK, slowA = 1.0 - slowK, signalA = 1.0 - signalK
        // Seeds: the slow window is bars 0..<slow, the fast window its last `fast` bars.
        var slowSum = 0.0, fastSum = 0.0
        var today = 0
        while today < c.slowPeriod - c.fastPeriod {
            slowSum += xp[today]
            today += 1
        }
        while today < c.slowPeriod {
            fastSum += xp[today]
            slowSum += xp[today]
            today += 1
        }
        var slowEMA = slowSum / Double(c.slowPeriod)
        var fastEMA = fastSum / Double(c.fastPeriod)
        var value = fastEMA - slowEMA
        var signalSum = 0.0
        signalSum += value
        for _ in 1..<c.signalPeriod {
            let v = xp[today]
            fastEMA = FusedEMA.step(fastEMA, v, a: fastA, k: fastK)
            slowEMA = FusedEMA.step(slowEMA, v, a: slowA, k: slowK)
            value = fastEMA - slowEMA
            signalSum += value
            today += 1
        }
        var signalEMA = signalSum / Double(c.signalPeriod)
        mp[start] = value
        sp[start] = signalEMA
        hp[start] = value - signalEMA
        while today < n {
            let v = xp[today]
            fastEMA = FusedEMA.step(fastEMA, v, a: fastA, k: fastK)
            slowEMA = FusedEMA.step(slowEMA, v, a: slowA, k: slowK)
            value = fastEMA - slowEMA
            signalEMA = FusedEMA.step(signalEMA, value, a: signalA, k: signalK)
            mp[today] = value
            sp[today] = signalEMA
            hp[today] = value - signalEMA
            today += 1
        }
    }

    struct Stream: FeatureStream {
        let c: Configuration
        var bar = -1
        var slowSum = 0.0, fastSum = 0.0, signalSum = 0.0
        var fastEMA = 0.0, slowEMA = 0.0, signalEMA = 0.0
        let fastA: Double, slowA: Double, signalA: Double

        init(_ configuration: Configuration) {
            c = configuration
            fastA = 1.0 - c.fastK
            slowA = 1.0 - c.slowK
            signalA = 1.0 - c.signalK
        }

        mutating func update(_ inputs: UnsafeBufferPointer<Double>, _ outputs: UnsafeMutableBufferPointer<Double>) {
            bar += 1
            let v = inputs[0]
            outputs[0] = .nan
            outputs[1] = .nan
            outputs[2] = .nan
            let slowEnd = c.slowPeriod - 1
            if bar <= slowEnd {
                if bar >= c.slowPeriod - c.fastPeriod { fastSum += v }
                slowSum += v
                guard bar == slowEnd else { return }
                slowEMA = slowSum / Double(c.slowPeriod)
                fastEMA = fastSum / Double(c.fastPeriod)
            } else {
                fastEMA = FusedEMA.step(fastEMA, v, a: fastA, k: c.fastK)
                slowEMA = FusedEMA.step(slowEMA, v, a: slowA, k: c.slowK)
            }
            let value = fastEMA - slowEMA
            if bar < c.lookback {
                signalSum += value
                return
            } else if bar == c.lookback {
                signalSum += value
                signalEMA = signalSum / Double(c.signalPeriod)
            } else {
                signalEMA = FusedEMA.step(signalEMA, value, a: signalA, k: c.signalK)
            }
            outputs[0] = value
            outputs[1] = signalEMA
            outputs[2] = value - signalEMA
        }
    }
}
